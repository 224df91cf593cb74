using System;
using System.Collections.Generic;
using System.Linq;

namespace Owox.Data.Query;

/// <summary>
/// A command text after <see cref="CommandTextParser.Parse"/>: what it targets, the FROM source as written, and
/// (for SQL) the checked query structure. <see cref="Bind"/> adds parameter values and column types and produces
/// the <see cref="DataMartQuery"/> to send. Immutable and reusable: bind it again with other parameters.
/// </summary>
internal sealed class ParsedCommand
{
    private readonly string _text;
    private readonly SelectPlan? _plan;
    private readonly SqlValue? _reportLimit;

    /// <summary>The structure of a SELECT (null for an id, a report and TableDirect), for checks that need it before binding.</summary>
    public SelectPlan? Plan => _plan;

    internal ParsedCommand(QueryTarget target, string source, bool isSql, string text, SelectPlan? plan, SqlValue? reportLimit)
    {
        Target = target;
        Source = source;
        IsSql = isSql;
        _text = text;
        _plan = plan;
        _reportLimit = reportLimit;
    }

    /// <summary>A data mart or a saved report.</summary>
    public QueryTarget Target { get; }

    /// <summary>
    /// The target as written, unquoted: a data-mart id (bare id, TableDirect, or SQL FROM), a data-mart title the
    /// caller may resolve to an id (SQL FROM "My Mart"), or the report id of <c>report:&lt;id&gt;</c>; empty for a
    /// SELECT without FROM.
    /// </summary>
    public string Source { get; }

    /// <summary>True when the text was a SQL SELECT (false for a bare id, TableDirect and <c>report:</c>).</summary>
    public bool IsSql { get; }

    /// <summary>True for <c>SELECT *</c>, a bare id and TableDirect: every native column, <see cref="DataMartQuery.Projection"/> null.</summary>
    public bool SelectsAllColumns => _plan is null || _plan.Star;

    /// <summary>True for a SELECT of constants without FROM (<c>SELECT 1</c>): <see cref="BindConstants"/> answers it, nothing is sent.</summary>
    public bool IsConstantSelect => _plan is { Constants.Count: > 0 };

    /// <summary>
    /// The one row of a SELECT without FROM: each item's name and value (a literal, a parameter's normalised value as
    /// <see cref="BoundValues"/> makes it, or the current date or time at <paramref name="utcNow"/>).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> BindConstants(IReadOnlyList<OwoxParameter> parameters, DateTime utcNow)
    {
        var binder = new ConditionBinder(_text, parameters, null, utcNow);
        return _plan!.Constants.Select(c => new KeyValuePair<string, object?>(c.Name, binder.Resolve(c.Value))).ToList();
    }

    /// <summary>
    /// Builds the API query for <paramref name="dataMartId"/> (the resolved <see cref="Source"/>; the report id for
    /// reports): binds every placeholder to <paramref name="parameters"/> (named ones by name, ignoring case and
    /// prefix; <c>?</c> by position) and types the values by <paramref name="catalog"/> (null when the schema is
    /// unknown), evaluating the current date or time at <paramref name="utcNow"/>. Throws <see cref="OwoxException"/>
    /// for a missing parameter, a value that cannot be sent, or a construct that needs the catalog when there is none.
    /// Parameters nobody references are ignored.
    /// </summary>
    public DataMartQuery Bind(string dataMartId, IReadOnlyList<OwoxParameter> parameters, IColumnCatalog? catalog, DateTime utcNow)
    {
        if (string.IsNullOrEmpty(dataMartId))
            throw new ArgumentException("The data mart (or report) id must not be empty.", nameof(dataMartId));
        if (parameters is null)
            throw new ArgumentNullException(nameof(parameters));

        var query = new DataMartQuery(Target, dataMartId);
        var binder = new ConditionBinder(_text, parameters, catalog, utcNow);
        if (_plan is null)
        {
            if (_reportLimit is not null)
                SetLimit(query, binder.BindLimit(_reportLimit), 0);
            return query;
        }

        query.Columns.AddRange(_plan.Columns);
        query.Aggregations.AddRange(_plan.Aggregations);
        query.DateTruncs.AddRange(_plan.DateTruncs);
        query.Sort.AddRange(_plan.Sorts);
        query.Projection = _plan.Projection?.ToList();
        if (catalog is not null)
            CheckDateTruncs(catalog);
        if (_plan.HiddenGroupingReason is { } reason)
            AddHiddenCount(query, catalog, reason);
        foreach (var condition in _plan.Conditions)
        {
            if (binder.Bind(condition) is { } rule)
                query.Filters.Add(rule);
        }
        if (_plan.Limit is not null)
        {
            var skip = _plan.Offset is null ? 0 : binder.BindOffset(_plan.Offset);
            var limit = binder.BindLimit(_plan.Limit);
            if ((long)limit + skip > int.MaxValue)
            {
                throw SqlErrors.At(_text, _plan.Offset!.Span, OwoxErrorCodes.SqlUnsupportedPaging,
                    $"LIMIT {limit} OFFSET {skip} needs {(long)limit + skip} rows from the server (the API has no paging, so the skipped rows are sent too), more than the largest supported LIMIT {int.MaxValue}");
            }
            SetLimit(query, limit, skip);
        }
        if ((_plan.AlwaysFalse || binder.NeverMatches) && !query.ReturnsNoRows)
        {
            if (_plan.Projection is { } projection && projection.TrueForAll(o => o.Function is not null))
                query.AggregatesNoRows = true;
            else
                query.ReturnsNoRows = true;
        }
        return query;
    }

    /// <summary>Asks for <paramref name="limit"/> + <paramref name="skip"/> rows and skips <paramref name="skip"/>; LIMIT 0 returns no rows.</summary>
    private static void SetLimit(DataMartQuery query, int limit, int skip)
    {
        if (limit == 0)
        {
            query.ReturnsNoRows = true;
            return;
        }
        query.Limit = limit + skip;
        query.Skip = skip;
    }

    /// <summary>DATE_TRUNC needs a date-category column, and a time zone needs a time component (wire-protocol §3.3.4).</summary>
    private void CheckDateTruncs(IColumnCatalog catalog)
    {
        for (var i = 0; i < _plan!.DateTruncs.Count; i++)
        {
            var rule = _plan.DateTruncs[i];
            var type = catalog.StorageTypeOf(rule.Column);
            var category = ColumnTypeCategories.Of(type);
            if (category is ColumnTypeCategory.Unknown or ColumnTypeCategory.Timestamp)
                continue;
            if (category == ColumnTypeCategory.Date)
            {
                if (rule.TimeZone is not null)
                {
                    throw SqlErrors.At(_text, _plan.DateTruncSpans[i], OwoxErrorCodes.SqlOperatorNotAllowed,
                        $"A DATE_TRUNC time zone needs a column with a time component, but {rule.Column} is a DATE column; remove the time zone");
                }
                continue;
            }
            throw SqlErrors.At(_text, _plan.DateTruncSpans[i], OwoxErrorCodes.SqlOperatorNotAllowed,
                $"DATE_TRUNC needs a DATE, DATETIME or TIMESTAMP column, but {rule.Column} is a {type} column");
        }
    }

    /// <summary>
    /// The API groups (and emits Row Count) only when something is aggregated: for COUNT(*) alone, DISTINCT and
    /// GROUP BY without aggregates, add COUNT on a catalog column that is not a group key. Its output key is not in
    /// the projection, so the reader hides it.
    /// </summary>
    private void AddHiddenCount(DataMartQuery query, IColumnCatalog? catalog, string reason)
    {
        if (catalog is null)
        {
            throw SqlErrors.At(_text, _plan!.HiddenGroupingSpan, OwoxErrorCodes.SqlUnsupportedAggregation,
                $"{reason} needs the data mart's schema: the API only groups rows (and counts them) when a column is aggregated, so the provider adds a hidden COUNT on a column that is not selected, and no schema is available here; aggregate a column yourself, e.g. add COUNT(some_column)");
        }
        var keys = new HashSet<string>(query.Columns, StringComparer.Ordinal);
        string? chosen = null;
        foreach (var column in catalog.ColumnNames)
        {
            if (keys.Contains(column))
                continue;
            if (ColumnTypeCategories.Of(catalog.StorageTypeOf(column)) != ColumnTypeCategory.Other)
            {
                chosen = column;
                break;
            }
            chosen ??= column;
        }
        if (chosen is null)
        {
            throw SqlErrors.At(_text, _plan!.HiddenGroupingSpan, OwoxErrorCodes.SqlUnsupportedAggregation,
                $"{reason} needs a column to aggregate that is not a group key (the API only groups rows when a column is aggregated), but every column of the data mart is selected; drop a grouped column or aggregate one explicitly");
        }
        query.Columns.Add(chosen);
        query.Aggregations.Add(new AggregationRule(chosen, AggregateFunction.Count));
    }
}
