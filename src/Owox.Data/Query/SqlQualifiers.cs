using System;
using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>
/// Resolves the qualifiers of a parsed SELECT (<c>t.campaign</c>, <c>"mart id".campaign</c>): a qualifier that names
/// the FROM source or its alias is dropped; any other keeps the dotted name whole, since a column may be called
/// <c>metrics.revenue</c>. A qualified star must name the source or its alias.
/// </summary>
internal static class SqlQualifiers
{
    public static void Resolve(string text, SqlSelect select)
    {
        if (select.StarQualifier is { } star && !NamesSource(select, star))
        {
            throw SqlErrors.At(text, select.StarSpan, OwoxErrorCodes.SqlUnsupportedSource,
                $"{star}.* does not name the data mart of FROM{(select.Alias is null ? string.Empty : " or its alias " + select.Alias)}; write SELECT * or {select.Alias ?? "the alias"}.*");
        }
        foreach (var item in select.Items)
        {
            Unqualify(select, item.ColumnName);
            Unqualify(select, item.Aggregate?.ColumnName);
        }
        Resolve(select, select.Where);
        Resolve(select, select.Having);
        foreach (var reference in (IEnumerable<SqlReference>?)select.GroupBy ?? [])
            Resolve(select, reference);
        foreach (var reference in select.OrderBy)
            Resolve(select, reference);
    }

    private static void Resolve(SqlSelect select, SqlReference reference)
    {
        Unqualify(select, reference.Column);
        Unqualify(select, reference.Aggregate?.ColumnName);
        Unqualify(select, reference.DateTrunc?.ColumnName);
    }

    private static void Resolve(SqlSelect select, List<SqlCondition> conditions)
    {
        foreach (var condition in conditions)
        {
            Resolve(select, condition.Subject);
            if (condition.Right is not null)
                Resolve(select, condition.Right);
            foreach (var branch in condition.Branches)
                Resolve(select, branch);
        }
    }

    private static void Resolve(SqlSelect select, SqlOperand operand)
    {
        if (operand is SqlColumnOperand column)
            Unqualify(select, column);
        else if (operand is SqlAggregateOperand aggregate)
            Unqualify(select, aggregate.ColumnName);
    }

    private static void Unqualify(SqlSelect select, SqlColumnOperand? name)
    {
        if (name?.Qualifier is not { } qualifier)
            return;
        if (!NamesSource(select, qualifier))
            name.Name = qualifier + "." + name.Name;
        name.Qualifier = null;
    }

    private static bool NamesSource(SqlSelect select, string qualifier) =>
        string.Equals(qualifier, select.Alias, StringComparison.OrdinalIgnoreCase) || string.Equals(qualifier, select.Source, StringComparison.OrdinalIgnoreCase);
}
