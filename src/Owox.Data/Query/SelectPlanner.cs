using System;
using System.Collections.Generic;
using System.Linq;

namespace Owox.Data.Query;

/// <summary>
/// Checks the structure of a parsed SELECT against what the HTTP Data API can express and turns it into a
/// <see cref="SelectPlan"/>: GROUP BY must list exactly the selected non-aggregated columns, HAVING may only test
/// selected aggregates (or group keys), ORDER BY only selected columns/aggregates (never <c>COUNT(*)</c>), a column
/// cannot be both grouped and aggregated, and output names are the SQL aliases or natural names.
/// </summary>
internal sealed class SelectPlanner
{
    private readonly string _text;
    private readonly SqlSelect _select;
    private readonly SelectPlan _plan = new();

    private SelectPlanner(string text, SqlSelect select)
    {
        _text = text;
        _select = select;
    }

    public static SelectPlan Plan(string text, SqlSelect select) => new SelectPlanner(text, select).Build();

    private OwoxException Error(SqlSpan span, string message) => SqlErrors.At(_text, span, message);

    private SelectPlan Build()
    {
        _plan.Limit = _select.Limit;
        if (_select.Star)
            return BuildStar();

        var hasAggregate = _select.Items.Any(i => i.Kind == SqlSelectItemKind.Aggregate);
        CheckConflicts();
        BuildColumnsAndProjection();
        CheckGrouping(hasAggregate);
        foreach (var condition in _select.Where)
            _plan.Conditions.Add(new PlannedCondition(condition, ((SqlColumnOperand)condition.Subject).Name, null));
        PlanHaving(hasAggregate);
        PlanOrderBy();
        return _plan;
    }

    private SelectPlan BuildStar()
    {
        _plan.Star = true;
        if (_select.GroupBy is not null || _select.Having.Count > 0)
            throw Error(_select.StarSpan, "SELECT * cannot be grouped (the API needs the exact columns to group by); list the columns and aggregates: SELECT a, SUM(b) … GROUP BY a");
        if (_select.Distinct)
            throw Error(_select.StarSpan, "SELECT DISTINCT * is not supported; list the columns: SELECT DISTINCT a, b …");
        foreach (var condition in _select.Where)
            _plan.Conditions.Add(new PlannedCondition(condition, ((SqlColumnOperand)condition.Subject).Name, null));
        foreach (var reference in _select.OrderBy)
        {
            if (reference.Name is null)
                throw Error(reference.Span, "With SELECT * ORDER BY takes column names only (positions, aggregates and DATE_TRUNC need an explicit SELECT list)");
            AddSort(reference.Name, reference.Descending);
        }
        return _plan;
    }

    private void CheckConflicts()
    {
        var grouped = new Dictionary<string, SqlSelectItem>(StringComparer.Ordinal);
        var aggregated = new Dictionary<string, SqlSelectItem>(StringComparer.Ordinal);
        foreach (var item in _select.Items)
        {
            if (item.Column is null)
                continue;
            if (item.Kind == SqlSelectItemKind.Aggregate)
            {
                aggregated[item.Column] = item;
                if (grouped.ContainsKey(item.Column))
                    throw BothGroupedAndAggregated(item);
                continue;
            }
            if (aggregated.ContainsKey(item.Column))
                throw BothGroupedAndAggregated(item);
            if (grouped.TryGetValue(item.Column, out var earlier) && (earlier.Kind != item.Kind || earlier.Unit != item.Unit || earlier.TimeZone != item.TimeZone))
            {
                throw Error(item.Span,
                    $"The column {item.Column} is selected both as-is and through DATE_TRUNC (or with two different DATE_TRUNCs); the API returns one value per column under its own name — select it once per query");
            }
            grouped[item.Column] = item;
        }
    }

    private OwoxException BothGroupedAndAggregated(SqlSelectItem item) =>
        Error(item.Span, $"The column {item.Column} is both aggregated and selected as a plain/grouped column; the API groups by every non-aggregated selected column, so one column cannot be both — run two queries or drop one of them");

    private void BuildColumnsAndProjection()
    {
        var projection = new List<OutputColumn>();
        foreach (var item in _select.Items)
        {
            switch (item.Kind)
            {
                case SqlSelectItemKind.Column:
                    AddColumn(item.Column!);
                    projection.Add(new OutputColumn(item.Column!, item.Alias ?? item.Column!, item.Column));
                    break;
                case SqlSelectItemKind.DateTrunc:
                    AddColumn(item.Column!);
                    if (!_plan.DateTruncs.Any(d => d.Column == item.Column))
                    {
                        _plan.DateTruncs.Add(new DateTruncRule(item.Column!, item.Unit, item.TimeZone));
                        _plan.DateTruncSpans.Add(item.Span);
                    }
                    projection.Add(new OutputColumn(item.Column!, item.Alias ?? item.Column!, item.Column, null, item.Unit));
                    break;
                default:
                    var aggregate = item.Aggregate!;
                    if (aggregate.IsRowCount)
                    {
                        projection.Add(new OutputColumn(QueryWireNames.RowCountKey, item.Alias ?? aggregate.NaturalName, null, AggregateFunction.Count));
                        break;
                    }
                    AddColumn(aggregate.Column!);
                    if (!_plan.Aggregations.Any(a => a.Column == aggregate.Column && a.Function == aggregate.Function))
                        _plan.Aggregations.Add(new AggregationRule(aggregate.Column!, aggregate.Function));
                    projection.Add(new OutputColumn(
                        QueryWireNames.AggregatedOutputKey(aggregate.Column!, aggregate.Function),
                        item.Alias ?? aggregate.NaturalName,
                        aggregate.Column,
                        aggregate.Function));
                    break;
            }
        }
        _plan.Projection = projection;
    }

    private void AddColumn(string column)
    {
        if (!_plan.Columns.Contains(column))
            _plan.Columns.Add(column);
    }

    private void CheckGrouping(bool hasAggregate)
    {
        var keys = _select.Items.Where(i => i.Kind != SqlSelectItemKind.Aggregate).ToList();
        if (_select.GroupBy is { } groupBy)
        {
            var covered = new HashSet<SqlSelectItem>();
            foreach (var reference in groupBy)
                covered.Add(ResolveGroupKey(reference));
            var missing = keys.Where(k => !covered.Any(c => c.Column == k.Column)).Select(k => k.Column!).Distinct().ToList();
            if (missing.Count > 0)
            {
                throw Error(_select.GroupBySpan,
                    $"GROUP BY must list every selected non-aggregated column (the API groups by exactly those); missing: {string.Join(", ", missing)} — add them to GROUP BY or aggregate them");
            }
        }
        else if (hasAggregate && keys.Count > 0)
        {
            var names = string.Join(", ", keys.Select(k => k.Column).Distinct());
            throw Error(keys[0].Span, $"{names} {(keys.Count == 1 ? "is" : "are")} selected next to aggregates but not grouped; add GROUP BY {names}");
        }

        if (hasAggregate && _plan.Aggregations.Count == 0)
        {
            _plan.HiddenGroupingReason = "COUNT(*) as the only aggregate";
            _plan.HiddenGroupingSpan = _select.Items.First(i => i.Kind == SqlSelectItemKind.Aggregate).Span;
        }
        else if (!hasAggregate && _select.GroupBy is not null)
        {
            _plan.HiddenGroupingReason = "GROUP BY without aggregates";
            _plan.HiddenGroupingSpan = _select.GroupBySpan;
        }
        else if (!hasAggregate && _select.Distinct)
        {
            _plan.HiddenGroupingReason = "SELECT DISTINCT";
            _plan.HiddenGroupingSpan = _select.Items[0].Span;
        }
    }

    private SqlSelectItem ResolveGroupKey(SqlReference reference)
    {
        SqlSelectItem? item;
        if (reference.Ordinal is int ordinal)
        {
            item = ItemAt(ordinal, reference, "GROUP BY");
        }
        else if (reference.DateTrunc is { } dateTrunc)
        {
            item = _select.Items.FirstOrDefault(i => i.Kind == SqlSelectItemKind.DateTrunc && i.Column == dateTrunc.Column && i.Unit == dateTrunc.Unit && i.TimeZone == dateTrunc.TimeZone);
            if (item is null)
                throw Error(reference.Span, "GROUP BY DATE_TRUNC(…) must repeat a DATE_TRUNC of the SELECT list exactly (or name its alias or position)");
        }
        else if (reference.Aggregate is not null)
        {
            throw Error(reference.Span, "Aggregates cannot be grouped by; GROUP BY lists the selected non-aggregated columns");
        }
        else
        {
            var name = reference.Name!;
            item = _select.Items.FirstOrDefault(i => i.Kind != SqlSelectItemKind.Aggregate && i.Column == name)
                ?? _select.Items.FirstOrDefault(i => i.Alias is not null && string.Equals(i.Alias, name, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                throw Error(reference.Span,
                    $"GROUP BY {name}: {name} is not in the SELECT list, and the API groups by exactly the selected non-aggregated columns; add {name} to SELECT or remove it from GROUP BY");
            }
        }
        if (item.Kind == SqlSelectItemKind.Aggregate)
            throw Error(reference.Span, "GROUP BY refers to an aggregate; GROUP BY lists the selected non-aggregated columns");
        return item;
    }

    private SqlSelectItem ItemAt(int ordinal, SqlReference reference, string clause)
    {
        if (ordinal > _select.Items.Count)
            throw Error(reference.Span, $"{clause} {ordinal}: the SELECT list has only {_select.Items.Count} item(s)");
        return _select.Items[ordinal - 1];
    }

    private void PlanHaving(bool hasAggregate)
    {
        if (_select.Having.Count == 0)
            return;
        if (!hasAggregate)
            throw Error(_select.HavingSpan, "HAVING without aggregates in the SELECT list is not supported; write the condition in WHERE");
        foreach (var condition in _select.Having)
        {
            if (condition.Subject is SqlAggregateOperand aggregate)
            {
                AddHaving(condition, aggregate, condition.Subject.Span);
                continue;
            }
            var name = ((SqlColumnOperand)condition.Subject).Name;
            var aliased = _select.Items.FirstOrDefault(i => i.Alias is not null && string.Equals(i.Alias, name, StringComparison.OrdinalIgnoreCase));
            if (aliased is { Kind: SqlSelectItemKind.Aggregate })
            {
                AddHaving(condition, aliased.Aggregate!, condition.Subject.Span);
            }
            else if (aliased is { Kind: SqlSelectItemKind.DateTrunc } || _select.Items.Any(i => i.Kind == SqlSelectItemKind.DateTrunc && i.Column == name))
            {
                throw Error(condition.Span, "HAVING on a DATE_TRUNC bucket is not supported; filter the source column in WHERE with a date range (date >= '2026-05-01' AND date < '2026-06-01')");
            }
            else if (aliased is { Kind: SqlSelectItemKind.Column } || _select.Items.Any(i => i.Kind == SqlSelectItemKind.Column && i.Column == name))
            {
                // A condition on a group key filters the same groups before grouping: send it as a plain filter.
                _plan.Conditions.Add(new PlannedCondition(condition, aliased?.Column ?? name, null));
            }
            else
            {
                throw Error(condition.Span,
                    $"HAVING {name}: {name} is neither a selected aggregate (or its alias) nor a GROUP BY column; filter rows in WHERE, or write HAVING AGG(col) … with an aggregate that is also selected");
            }
        }
    }

    private void AddHaving(SqlCondition condition, SqlAggregateOperand aggregate, SqlSpan span)
    {
        if (aggregate.IsRowCount)
        {
            throw Error(span,
                "HAVING COUNT(*) is not supported: the API cannot filter on its Row Count; select COUNT(col) of a column that is never NULL and write HAVING COUNT(col) … instead");
        }
        if (!_plan.Aggregations.Any(a => a.Column == aggregate.Column && a.Function == aggregate.Function))
        {
            throw Error(span,
                $"HAVING {aggregate.NaturalName}: the API only filters aggregates that are selected; add {aggregate.NaturalName} to the SELECT list");
        }
        _plan.Conditions.Add(new PlannedCondition(condition, aggregate.Column!, aggregate.Function));
    }

    private void PlanOrderBy()
    {
        var sortedAggregates = new Dictionary<string, AggregateFunction>(StringComparer.Ordinal);
        foreach (var reference in _select.OrderBy)
        {
            var item = ResolveSortItem(reference);
            if (item.Kind != SqlSelectItemKind.Aggregate)
            {
                AddSort(item.Column!, reference.Descending);
                continue;
            }
            var aggregate = item.Aggregate!;
            if (aggregate.IsRowCount)
            {
                throw Error(reference.Span,
                    "ORDER BY COUNT(*) is not supported: the API cannot sort by its Row Count; select COUNT(col) of a column that is never NULL and ORDER BY that");
            }
            var column = aggregate.Column!;
            if (sortedAggregates.TryGetValue(column, out var earlier))
            {
                if (earlier != aggregate.Function)
                {
                    throw Error(reference.Span,
                        $"The API sorts an aggregated column by one aggregate only (its first); {column} is already sorted by {earlier.ToWire()} — ORDER BY one aggregate per column");
                }
                continue;
            }
            sortedAggregates[column] = aggregate.Function;
            MoveAggregateFirst(column, aggregate.Function);
            AddSort(column, reference.Descending);
        }
    }

    private SqlSelectItem ResolveSortItem(SqlReference reference)
    {
        if (reference.Ordinal is int ordinal)
            return ItemAt(ordinal, reference, "ORDER BY");
        if (reference.DateTrunc is { } dateTrunc)
        {
            return _select.Items.FirstOrDefault(i => i.Kind == SqlSelectItemKind.DateTrunc && i.Column == dateTrunc.Column && i.Unit == dateTrunc.Unit && i.TimeZone == dateTrunc.TimeZone)
                ?? throw Error(reference.Span, "ORDER BY DATE_TRUNC(…) must repeat a DATE_TRUNC of the SELECT list (or name its alias or position); the API sorts only by selected columns");
        }
        if (reference.Aggregate is { } aggregate)
        {
            return _select.Items.FirstOrDefault(i => i.Kind == SqlSelectItemKind.Aggregate
                    && i.Aggregate!.Function == aggregate.Function && i.Aggregate.Column == aggregate.Column)
                ?? throw Error(reference.Span, $"ORDER BY {aggregate.NaturalName}: the API sorts only by selected columns; add {aggregate.NaturalName} to the SELECT list");
        }
        var name = reference.Name!;
        var item = _select.Items.FirstOrDefault(i => i.Alias is not null && string.Equals(i.Alias, name, StringComparison.OrdinalIgnoreCase))
            ?? _select.Items.FirstOrDefault(i => i.Kind != SqlSelectItemKind.Aggregate && i.Column == name);
        if (item is not null)
            return item;
        if (_select.Items.Any(i => i.Kind == SqlSelectItemKind.Aggregate && i.Column == name))
            throw Error(reference.Span, $"ORDER BY {name}: {name} is aggregated in this query; ORDER BY the aggregate (e.g. SUM({name})) or its alias");
        throw Error(reference.Span, $"ORDER BY {name}: the API sorts only by selected columns; add {name} to the SELECT list");
    }

    private void MoveAggregateFirst(string column, AggregateFunction function)
    {
        var first = _plan.Aggregations.FindIndex(a => a.Column == column);
        var index = _plan.Aggregations.FindIndex(a => a.Column == column && a.Function == function);
        if (index > first)
        {
            var rule = _plan.Aggregations[index];
            _plan.Aggregations.RemoveAt(index);
            _plan.Aggregations.Insert(first, rule);
        }
    }

    private void AddSort(string column, bool descending)
    {
        if (_plan.Sorts.Any(s => s.Column == column))
            return;
        _plan.Sorts.Add(new SortRule(column, descending ? SortDirection.Descending : SortDirection.Ascending));
    }
}
