using System;
using System.Data;
using System.Linq;
using Owox.Data.Query;

namespace Owox.Data.Partitioning;

/// <summary>
/// What a partition plan cuts: a data-mart id, or a SELECT on one, split around its WHERE so that each partition's
/// command is the same query with the partition's range added to its condition. Refuses a SELECT whose result would
/// change if it ran per range and the results were put together: a LIMIT or OFFSET (it would apply per partition),
/// and grouping that does not keep the partition column as a key (a group would be split across partitions).
/// </summary>
internal sealed class PartitionSource
{
    private readonly string _head;
    private readonly string _from;
    private readonly string? _where;
    private readonly string _tail;

    private PartitionSource(string dataMart, string head, string from, string? where, string tail)
    {
        DataMart = dataMart;
        _head = head;
        _from = from;
        _where = where;
        _tail = tail;
    }

    /// <summary>The data mart the source reads (its id, or the title written in FROM).</summary>
    public string DataMart { get; }

    public static PartitionSource Parse(string source, string column, OwoxPartitionGranularity granularity)
    {
        var text = source.Trim();
        if (text.StartsWith("report:", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                "A report cannot be partitioned: the report endpoint accepts no filter. Partition its data mart instead, with a SELECT of the report's columns.", nameof(source));
        }
        if (!text.StartsWith("select", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("with", StringComparison.OrdinalIgnoreCase))
        {
            var id = text.Length > 1 && text[0] == '"' && text[text.Length - 1] == '"' ? text.Substring(1, text.Length - 2).Replace("\"\"", "\"") : text;
            var from = "FROM " + Quote(id);
            return new PartitionSource(id, "SELECT * " + from, from, null, string.Empty);
        }

        var parsed = CommandTextParser.Parse(text, CommandType.Text);
        if (parsed.IsConstantSelect)
            throw new ArgumentException("A SELECT without FROM has no rows to partition; select from a data mart.", nameof(source));
        if (Refusal(parsed.Plan!, column, granularity) is { } refusal)
            throw new ArgumentException(refusal, nameof(source));

        var tokens = SqlLexer.Tokenize(text, 0);
        int fromAt = -1, whereAt = -1, endAt = -1;
        var depth = 0;
        for (var i = 0; i < tokens.Count && endAt < 0; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol("("))
                depth++;
            else if (token.IsSymbol(")"))
                depth--;
            else if (depth == 0 && fromAt < 0 && token.Is("FROM"))
                fromAt = i;
            else if (depth == 0 && fromAt >= 0 && whereAt < 0 && token.Is("WHERE"))
                whereAt = i;
            else if (depth == 0 && fromAt >= 0 && (token.Kind == SqlTokenKind.End || token.IsSymbol(";") || token.Is("GROUP") || token.Is("HAVING") ||
                     token.Is("ORDER") || token.Is("LIMIT") || token.Is("OFFSET") || token.Is("FETCH") || token.Is("UNION")))
                endAt = i;
        }
        var fromEnd = whereAt >= 0 ? tokens[whereAt].Start : tokens[endAt].Start;
        var head = text.Substring(0, fromEnd).TrimEnd();
        var fromClause = text.Substring(tokens[fromAt].Start, fromEnd - tokens[fromAt].Start).TrimEnd();
        var where = whereAt >= 0 ? text.Substring(tokens[whereAt].End, tokens[endAt].Start - tokens[whereAt].End).Trim() : null;
        var rest = text.Substring(tokens[endAt].Start).Trim().TrimEnd(';').TrimEnd();
        var tail = rest.Length == 0 ? string.Empty : " " + rest;
        return new PartitionSource(parsed.Source, head, fromClause, where, tail);
    }

    /// <summary>The command of a dated partition: the source restricted to [@from, @to) of <paramref name="column"/>.</summary>
    public string Range(string column) =>
        With($"{Quote(column)} >= @{PartitionBounds.From} AND {Quote(column)} < @{PartitionBounds.To}");

    /// <summary>The source with <paramref name="condition"/> added to its WHERE (the original condition kept whole, in parentheses).</summary>
    private string With(string condition) =>
        $"{_head} WHERE {condition}{(_where is null ? string.Empty : $" AND ({_where})")}{_tail}";

    /// <summary>A query of the partition column's range and NULL count over the source's rows: lo, hi, rows, dated.</summary>
    public string Bounds(string column) =>
        $"SELECT MIN({Quote(column)}) AS lo, MAX({Quote(column)}) AS hi, COUNT(*) AS total, COUNT({Quote(column)}) AS dated {_from}" +
        (_where is null ? string.Empty : $" WHERE {_where}");

    /// <summary>The command of the NULL partition: the source's rows whose <paramref name="column"/> is NULL.</summary>
    public string Nulls(string column) => With($"{Quote(column)} IS NULL");

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>Why the SELECT cannot be cut into partitions whose results put together are its result, or null when it can.</summary>
    private static string? Refusal(SelectPlan plan, string column, OwoxPartitionGranularity granularity)
    {
        if (plan.Limit is not null || plan.Offset is not null)
            return "A SELECT with LIMIT or OFFSET cannot be partitioned: each partition would apply it on its own. Remove it, or export without partitions.";
        var truncs = plan.DateTruncs.Where(t => string.Equals(t.Column, column, StringComparison.OrdinalIgnoreCase)).ToList();
        var groups = plan.Aggregations.Count > 0 || plan.HiddenGroupingReason is not null || plan.DateTruncs.Count > 0;
        if (!groups)
            return null;
        var keepsKey = truncs.Count > 0
            ? truncs.All(t => t.Unit == DateTruncUnit.Day || (t.Unit == DateTruncUnit.Month && granularity == OwoxPartitionGranularity.Month))
            : plan.Columns.Any(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase)) && !plan.Aggregations.Any(a => string.Equals(a.Column, column, StringComparison.OrdinalIgnoreCase));
        return keepsKey
            ? null
            : $"This SELECT groups rows, and its groups do not keep '{column}' (by day{(granularity == OwoxPartitionGranularity.Month ? " or month" : string.Empty)}) as a key, " +
                $"so one group would be split across partitions by {granularity.ToString().ToLowerInvariant()} and its aggregates computed in parts. " +
                $"Add {column} to the SELECT and GROUP BY, or export without partitions.";
    }
}
