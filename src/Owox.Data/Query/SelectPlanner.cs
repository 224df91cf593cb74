using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Owox.Data.Query;

/// <summary>
/// Turns a parsed SELECT into a <see cref="SelectPlan"/> in the HTTP Data API's terms, deciding what each construct
/// means: it resolves the table alias and qualified names, folds constant conditions (<c>1 = 1</c> is dropped,
/// <c>1 = 0</c> makes the result empty), puts comparisons column-first, rewrites OR of equalities on one column into
/// IN, adds the hidden columns an ORDER BY needs, and plans a SELECT of constants without FROM. It checks what the API
/// can express: GROUP BY must list exactly the selected non-aggregated columns, HAVING may only test selected
/// aggregates (or group keys), a column cannot be both grouped and aggregated; output names are the SQL aliases or
/// natural names.
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

    private OwoxException Error(SqlSpan span, string code, string message) => SqlErrors.At(_text, span, code, message);

    private SelectPlan Build()
    {
        if (!_select.HasFrom)
            return BuildConstants();
        var constant = _select.Items.FirstOrDefault(i => i.Kind == SqlSelectItemKind.Constant);
        if (constant is not null)
        {
            throw Error(constant.Span, OwoxErrorCodes.SqlUnsupportedExpression,
                "Constants are not supported in the SELECT list of a query with FROM: the HTTP Data API only returns columns of the data mart; add the constant in your code after reading (a SELECT without FROM, such as SELECT 1, is answered locally)");
        }
        SqlQualifiers.Resolve(_text, _select);
        _plan.Limit = _select.Limit;
        _plan.Offset = _select.Offset;
        if (_select.Offset is not null && _select.Limit is null)
        {
            throw Error(_select.Offset.Span, OwoxErrorCodes.SqlUnsupportedPaging,
                "OFFSET without LIMIT is not supported: the HTTP Data API has no paging, so Owox.Data asks for LIMIT + OFFSET rows and skips the first OFFSET of them, which needs a LIMIT; add LIMIT n (or FETCH NEXT n ROWS ONLY)");
        }
        if (_select.Star)
            return BuildStar();

        var hasAggregate = _select.Items.Any(i => i.Kind == SqlSelectItemKind.Aggregate);
        CheckConflicts();
        BuildColumnsAndProjection();
        CheckGrouping(hasAggregate);
        PlanWhere();
        PlanHaving(hasAggregate);
        PlanOrderBy(hasAggregate);
        return _plan;
    }

    /// <summary><c>SELECT 1</c>, <c>SELECT @p AS x, 'y'</c>: one row of values answered locally, named by alias or as written.</summary>
    private SelectPlan BuildConstants()
    {
        if (_select.Star)
            throw Error(_select.StarSpan, OwoxErrorCodes.SqlSyntax, "SELECT * needs FROM <data mart id or quoted title>");
        foreach (var item in _select.Items)
        {
            if (item.Kind != SqlSelectItemKind.Constant)
            {
                throw Error(item.Span, OwoxErrorCodes.SqlSyntax,
                    "A SELECT of columns or aggregates needs FROM <data mart id or quoted title>; without FROM only constants and parameters can be selected (SELECT 1)");
            }
            var value = item.Value!;
            _plan.Constants.Add(new PlannedConstant(item.Alias ?? _text.Substring(value.Span.Start, value.Span.Length), value));
        }
        if (_select.Distinct)
            throw Error(_select.Items[0].Span, OwoxErrorCodes.SqlSyntax, "SELECT DISTINCT needs FROM <data mart id or quoted title>");
        _plan.Limit = _select.Limit;
        return _plan;
    }

    private SelectPlan BuildStar()
    {
        _plan.Star = true;
        if (_select.GroupBy is not null || _select.Having.Count > 0)
            throw Error(_select.StarSpan, OwoxErrorCodes.SqlUnsupportedAggregation, "SELECT * cannot be grouped (the API needs the exact columns to group by); list the columns and aggregates: SELECT a, SUM(b) … GROUP BY a");
        if (_select.Distinct)
            throw Error(_select.StarSpan, OwoxErrorCodes.SqlUnsupportedAggregation, "SELECT DISTINCT * is not supported; list the columns: SELECT DISTINCT a, b …");
        PlanWhere();
        foreach (var reference in _select.OrderBy)
        {
            if (reference.Name is null)
                throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort, "With SELECT * ORDER BY takes column names only (positions, aggregates and DATE_TRUNC need an explicit SELECT list)");
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
                throw Error(item.Span, OwoxErrorCodes.SqlUnsupportedAggregation,
                    $"The column {item.Column} is selected both as-is and through DATE_TRUNC (or with two different DATE_TRUNCs); the API returns one value per column under its own name — select it once per query");
            }
            grouped[item.Column] = item;
        }
    }

    private OwoxException BothGroupedAndAggregated(SqlSelectItem item) =>
        Error(item.Span, OwoxErrorCodes.SqlUnsupportedAggregation, $"The column {item.Column} is both aggregated and selected as a plain/grouped column; the API groups by every non-aggregated selected column, so one column cannot be both — run two queries or drop one of them");

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
                throw Error(_select.GroupBySpan, OwoxErrorCodes.SqlUnsupportedAggregation,
                    $"GROUP BY must list every selected non-aggregated column (the API groups by exactly those); missing: {string.Join(", ", missing)} — add them to GROUP BY or aggregate them");
            }
        }
        else if (hasAggregate && keys.Count > 0)
        {
            var names = string.Join(", ", keys.Select(k => k.Column).Distinct());
            throw Error(keys[0].Span, OwoxErrorCodes.SqlUnsupportedAggregation, $"{names} {(keys.Count == 1 ? "is" : "are")} selected next to aggregates but not grouped; add GROUP BY {names}");
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
                throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedAggregation, "GROUP BY DATE_TRUNC(…) must repeat a DATE_TRUNC of the SELECT list exactly (or name its alias or position)");
        }
        else if (reference.Aggregate is not null)
        {
            throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedAggregation, "Aggregates cannot be grouped by; GROUP BY lists the selected non-aggregated columns");
        }
        else
        {
            var name = reference.Name!;
            item = _select.Items.FirstOrDefault(i => i.Kind != SqlSelectItemKind.Aggregate && i.Column == name)
                ?? _select.Items.FirstOrDefault(i => i.Alias is not null && string.Equals(i.Alias, name, StringComparison.OrdinalIgnoreCase));
            if (item is null)
            {
                throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedAggregation,
                    $"GROUP BY {name}: {name} is not in the SELECT list, and the API groups by exactly the selected non-aggregated columns; add {name} to SELECT or remove it from GROUP BY");
            }
        }
        if (item.Kind == SqlSelectItemKind.Aggregate)
            throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedAggregation, "GROUP BY refers to an aggregate; GROUP BY lists the selected non-aggregated columns");
        return item;
    }

    private SqlSelectItem ItemAt(int ordinal, SqlReference reference, string clause)
    {
        if (ordinal > _select.Items.Count)
            throw Error(reference.Span, OwoxErrorCodes.SqlSyntax, $"{clause} {ordinal}: the SELECT list has only {_select.Items.Count} item(s)");
        return _select.Items[ordinal - 1];
    }

    private void PlanHaving(bool hasAggregate)
    {
        if (_select.Having.Count == 0)
            return;
        if (!hasAggregate)
            throw Error(_select.HavingSpan, OwoxErrorCodes.SqlUnsupportedAggregation, "HAVING without aggregates in the SELECT list is not supported; write the condition in WHERE");
        foreach (var parsed in _select.Having)
        {
            if (parsed.Kind == SqlConditionKind.Or)
            {
                throw Error(parsed.Span, OwoxErrorCodes.SqlUnsupportedOr,
                    "OR is not supported in HAVING by the OWOX HTTP Data API (filters are AND-only); run one query per branch");
            }
            var (condition, truth) = Normalize(parsed);
            if (truth == Truth.AlwaysFalse)
                _plan.AlwaysFalse = true;
            if (condition is null)
                continue;
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
                throw Error(condition.Span, OwoxErrorCodes.SqlUnsupportedAggregation, "HAVING on a DATE_TRUNC bucket is not supported; filter the source column in WHERE with a date range (date >= '2026-05-01' AND date < '2026-06-01')");
            }
            else if (aliased is { Kind: SqlSelectItemKind.Column } || _select.Items.Any(i => i.Kind == SqlSelectItemKind.Column && i.Column == name))
            {
                // A condition on a group key filters the same groups before grouping: send it as a plain filter.
                _plan.Conditions.Add(new PlannedCondition(condition, aliased?.Column ?? name, null));
            }
            else
            {
                throw Error(condition.Span, OwoxErrorCodes.SqlUnsupportedAggregation,
                    $"HAVING {name}: {name} is neither a selected aggregate (or its alias) nor a GROUP BY column; filter rows in WHERE, or write HAVING AGG(col) … with an aggregate that is also selected");
            }
        }
    }

    private void PlanWhere()
    {
        foreach (var parsed in _select.Where)
        {
            var (condition, truth) = Normalize(parsed);
            if (truth == Truth.AlwaysFalse)
                _plan.AlwaysFalse = true;
            if (condition is not null)
                _plan.Conditions.Add(new PlannedCondition(condition, ((SqlColumnOperand)condition.Subject).Name, null));
        }
    }

    /// <summary>What a condition between constants always is, or Unknown for a condition on a column.</summary>
    private enum Truth
    {
        Unknown,
        AlwaysTrue,
        AlwaysFalse,
    }

    /// <summary>
    /// A parsed condition in the API's shape — the column first, one value — or, for a condition between constants,
    /// null with what it always is. An OR becomes one IN when its branches compare one column for equality.
    /// </summary>
    private (SqlCondition? Condition, Truth Truth) Normalize(SqlCondition condition)
    {
        switch (condition.Kind)
        {
            case SqlConditionKind.Compare:
                return NormalizeCompare(condition);
            case SqlConditionKind.Unary when condition.Subject is SqlValueOperand constant:
                return (null, ConstantTruth(constant.Value, condition.Span));
            case SqlConditionKind.Or:
                return NormalizeOr(condition);
            default:
                return (condition, Truth.Unknown);
        }
    }

    private (SqlCondition? Condition, Truth Truth) NormalizeCompare(SqlCondition condition)
    {
        var left = condition.Subject;
        var right = condition.Right!;
        var op = condition.Operator;
        var span = condition.Span;
        if (left is SqlValueOperand leftValue && right is SqlValueOperand rightValue)
            return (null, Fold(span, leftValue.Value, op, rightValue.Value));
        if (left is not SqlValueOperand && right is not SqlValueOperand)
        {
            if (right is SqlColumnOperand other && RelativeDatePresets.TryGet(other.Name, out var preset))
            {
                throw Error(span, OwoxErrorCodes.SqlUnsupportedDate,
                    $"Relative dates are written with IN: col IN {preset.Spelling}{(preset.HasCount ? "(n)" : string.Empty)} (not a comparison with {other.Name})");
            }
            throw Error(span, OwoxErrorCodes.SqlUnsupportedExpression,
                "Comparing two columns (or aggregates) is not supported by the OWOX HTTP Data API: a filter compares one column with a value; read both columns and compare them in your code");
        }
        SqlOperand subject;
        SqlValue value;
        if (left is SqlValueOperand flipped)
        {
            if (op is FilterOperator.Regex or FilterOperator.NotRegex)
                throw Error(span, OwoxErrorCodes.SqlSyntax, "The pattern of a regular-expression match goes on the right: col ~ 'pattern'");
            subject = right;
            value = flipped.Value;
            op = op switch
            {
                FilterOperator.Lt => FilterOperator.Gt,
                FilterOperator.Lte => FilterOperator.Gte,
                FilterOperator.Gt => FilterOperator.Lt,
                FilterOperator.Gte => FilterOperator.Lte,
                _ => op,
            };
        }
        else
        {
            subject = left;
            value = ((SqlValueOperand)right).Value;
        }
        if (value.IsLiteral && value.Literal is null)
        {
            throw Error(span, OwoxErrorCodes.SqlInvalidValue, op == FilterOperator.Neq
                ? "<> NULL is never true in SQL; write IS NOT NULL"
                : "A comparison with NULL is never true in SQL; write IS NULL" + (op == FilterOperator.Eq ? string.Empty : " / IS NOT NULL"));
        }
        return (new SqlCondition(span, SqlConditionKind.Compare, subject) { Operator = op, Value = value }, Truth.Unknown);
    }

    /// <summary><c>WHERE TRUE</c>, <c>WHERE 1</c>: a literal boolean (or 0/1) is a condition; any other constant is not.</summary>
    private Truth ConstantTruth(SqlValue value, SqlSpan span) => value.Literal switch
    {
        bool b when value.IsLiteral => b ? Truth.AlwaysTrue : Truth.AlwaysFalse,
        long l when value.IsLiteral && l is 0 or 1 => l == 1 ? Truth.AlwaysTrue : Truth.AlwaysFalse,
        _ => throw Error(span, OwoxErrorCodes.SqlUnsupportedExpression, "A constant is not a condition; write a condition on a column (col = value)"),
    };

    /// <summary>Evaluates a comparison of two literals (<c>1 = 1</c>, <c>1 = 0</c>, <c>'a' &lt;&gt; 'b'</c>, <c>2 &gt; 1</c>).</summary>
    private Truth Fold(SqlSpan span, SqlValue left, FilterOperator op, SqlValue right)
    {
        if (left.IsLiteral && right.IsLiteral && left.Literal is not null && right.Literal is not null)
        {
            int? order = (left.Literal, right.Literal) switch
            {
                (string a, string b) when op is FilterOperator.Eq or FilterOperator.Neq => string.CompareOrdinal(a, b),
                (bool a, bool b) when op is FilterOperator.Eq or FilterOperator.Neq => a.CompareTo(b),
                (long or decimal, long or decimal) => Convert.ToDecimal(left.Literal, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(right.Literal, CultureInfo.InvariantCulture)),
                _ => null,
            };
            if (order is int c)
            {
                var holds = op switch
                {
                    FilterOperator.Eq => c == 0,
                    FilterOperator.Neq => c != 0,
                    FilterOperator.Lt => c < 0,
                    FilterOperator.Lte => c <= 0,
                    FilterOperator.Gt => c > 0,
                    FilterOperator.Gte => c >= 0,
                    _ => (bool?)null,
                };
                if (holds is bool h)
                    return h ? Truth.AlwaysTrue : Truth.AlwaysFalse;
            }
        }
        throw Error(span, OwoxErrorCodes.SqlUnsupportedExpression,
            "A comparison between two values (no column) is only supported for literals (1 = 1, 1 = 0); compare a column with a value");
    }

    /// <summary>
    /// <c>a = 1 OR a = 2 OR a IN (3, 4)</c> becomes <c>a IN (1, 2, 3, 4)</c>; a branch that is always false is dropped,
    /// one that is always true makes the whole OR true. Anything else needs an OR the API does not have.
    /// </summary>
    private (SqlCondition? Condition, Truth Truth) NormalizeOr(SqlCondition or)
    {
        var alternatives = new List<SqlCondition>();
        foreach (var branch in or.Branches)
        {
            var kept = new List<SqlCondition>();
            var never = false;
            foreach (var parsed in branch)
            {
                var (condition, truth) = Normalize(parsed);
                never |= truth == Truth.AlwaysFalse;
                if (condition is not null)
                    kept.Add(condition);
            }
            if (never)
                continue;
            if (kept.Count == 0)
                return (null, Truth.AlwaysTrue);
            if (kept.Count > 1)
                throw OrAcrossColumns(or);
            alternatives.Add(kept[0]);
        }
        if (alternatives.Count == 0)
            return (null, Truth.AlwaysFalse);
        if (alternatives.Count == 1)
            return (alternatives[0], Truth.Unknown);
        var column = (alternatives[0].Subject as SqlColumnOperand)?.Name;
        var merged = new SqlCondition(or.Span, SqlConditionKind.In, alternatives[0].Subject) { Operator = FilterOperator.In };
        foreach (var alternative in alternatives)
        {
            var sameColumn = column is not null && alternative.Subject is SqlColumnOperand c && c.Name == column;
            if (sameColumn && alternative is { Kind: SqlConditionKind.Compare, Operator: FilterOperator.Eq })
                merged.Values.Add(alternative.Value!);
            else if (sameColumn && alternative is { Kind: SqlConditionKind.In, Operator: FilterOperator.In })
                merged.Values.AddRange(alternative.Values);
            else
                throw OrAcrossColumns(or);
        }
        return (merged, Truth.Unknown);
    }

    private OwoxException OrAcrossColumns(SqlCondition or) => Error(or.Span, OwoxErrorCodes.SqlUnsupportedOr,
        "OR is not supported by the OWOX HTTP Data API (filters are AND-only) except between equalities on one column, which is sent as IN; run one query per branch, or write col IN (a, b)");

    private void AddHaving(SqlCondition condition, SqlAggregateOperand aggregate, SqlSpan span)
    {
        if (aggregate.IsRowCount)
        {
            throw Error(span, OwoxErrorCodes.SqlUnsupportedAggregation,
                "HAVING COUNT(*) is not supported: the API cannot filter on its Row Count; select COUNT(col) of a column that is never NULL and write HAVING COUNT(col) … instead");
        }
        if (!_plan.Aggregations.Any(a => a.Column == aggregate.Column && a.Function == aggregate.Function))
        {
            throw Error(span, OwoxErrorCodes.SqlUnsupportedAggregation,
                $"HAVING {aggregate.NaturalName}: the API only filters aggregates that are selected; add {aggregate.NaturalName} to the SELECT list");
        }
        _plan.Conditions.Add(new PlannedCondition(condition, aggregate.Column!, aggregate.Function));
    }

    private void PlanOrderBy(bool hasAggregate)
    {
        var sortedAggregates = new Dictionary<string, AggregateFunction>(StringComparer.Ordinal);
        foreach (var reference in _select.OrderBy)
        {
            var item = ResolveSortItem(reference, hasAggregate);
            if (item is null)
            {
                // A column that is not selected: requested as well, sorted by, and left out of the projection.
                AddColumn(reference.Name!);
                AddSort(reference.Name!, reference.Descending);
                continue;
            }
            if (item.Kind != SqlSelectItemKind.Aggregate)
            {
                AddSort(item.Column!, reference.Descending);
                continue;
            }
            var aggregate = item.Aggregate!;
            if (aggregate.IsRowCount)
            {
                throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort,
                    "ORDER BY COUNT(*) is not supported: the API cannot sort by its Row Count; select COUNT(col) of a column that is never NULL and ORDER BY that");
            }
            var column = aggregate.Column!;
            if (sortedAggregates.TryGetValue(column, out var earlier))
            {
                if (earlier != aggregate.Function)
                {
                    throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort,
                        $"The API sorts an aggregated column by one aggregate only (its first); {column} is already sorted by {earlier.ToWire()} — ORDER BY one aggregate per column");
                }
                continue;
            }
            sortedAggregates[column] = aggregate.Function;
            MoveAggregateFirst(column, aggregate.Function);
            AddSort(column, reference.Descending);
        }
    }

    /// <summary>The selected item <paramref name="reference"/> names, or null for a column to sort by hidden (only without grouping).</summary>
    private SqlSelectItem? ResolveSortItem(SqlReference reference, bool hasAggregate)
    {
        if (reference.Ordinal is int ordinal)
            return ItemAt(ordinal, reference, "ORDER BY");
        if (reference.DateTrunc is { } dateTrunc)
        {
            return _select.Items.FirstOrDefault(i => i.Kind == SqlSelectItemKind.DateTrunc && i.Column == dateTrunc.Column && i.Unit == dateTrunc.Unit && i.TimeZone == dateTrunc.TimeZone)
                ?? throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort, "ORDER BY DATE_TRUNC(…) must repeat a DATE_TRUNC of the SELECT list (or name its alias or position); the API sorts only by selected columns");
        }
        if (reference.Aggregate is { } aggregate)
        {
            return _select.Items.FirstOrDefault(i => i.Kind == SqlSelectItemKind.Aggregate
                    && i.Aggregate!.Function == aggregate.Function && i.Aggregate.Column == aggregate.Column)
                ?? throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort, $"ORDER BY {aggregate.NaturalName}: the API sorts only by selected columns; add {aggregate.NaturalName} to the SELECT list");
        }
        var name = reference.Name!;
        var item = _select.Items.FirstOrDefault(i => i.Alias is not null && string.Equals(i.Alias, name, StringComparison.OrdinalIgnoreCase))
            ?? _select.Items.FirstOrDefault(i => i.Kind != SqlSelectItemKind.Aggregate && i.Column == name);
        if (item is not null)
            return item;
        if (_select.Items.Any(i => i.Kind == SqlSelectItemKind.Aggregate && i.Column == name))
            throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort, $"ORDER BY {name}: {name} is aggregated in this query; ORDER BY the aggregate (e.g. SUM({name})) or its alias");
        if (hasAggregate || _select.GroupBy is not null || _select.Distinct)
        {
            throw Error(reference.Span, OwoxErrorCodes.SqlUnsupportedSort,
                $"ORDER BY {name}: in a query that groups rows the API sorts only by selected columns (an unselected one would become a group key); add {name} to the SELECT list and GROUP BY");
        }
        return null;
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
