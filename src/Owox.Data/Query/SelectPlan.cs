using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>
/// The structure of a SELECT, already in the API's terms but without values: explicit columns, aggregation,
/// dateTrunc and sort rules, the projection, and the conditions still to be bound to parameter values and column
/// types. Built once by <see cref="SelectPlanner"/> at parse time; <see cref="ParsedCommand.Bind"/> finishes it.
/// </summary>
internal sealed class SelectPlan
{
    /// <summary>True for <c>SELECT *</c>: no <c>column</c> parameters and no projection.</summary>
    public bool Star { get; set; }

    public List<string> Columns { get; } = [];

    public List<AggregationRule> Aggregations { get; } = [];

    public List<DateTruncRule> DateTruncs { get; } = [];

    /// <summary>Where each of <see cref="DateTruncs"/> was written, for errors found when the catalog is known.</summary>
    public List<SqlSpan> DateTruncSpans { get; } = [];

    public List<SortRule> Sorts { get; } = [];

    public List<OutputColumn>? Projection { get; set; }

    /// <summary>WHERE and HAVING conjuncts, in text order.</summary>
    public List<PlannedCondition> Conditions { get; } = [];

    /// <summary>
    /// Set when the query groups but aggregates nothing the API can see (only <c>COUNT(*)</c>, <c>SELECT DISTINCT</c>,
    /// or <c>GROUP BY</c> without aggregates): binding then adds a hidden <c>COUNT</c> on a non-key catalog column.
    /// The text names the construct for error messages.
    /// </summary>
    public string? HiddenGroupingReason { get; set; }

    public SqlSpan HiddenGroupingSpan { get; set; }

    public SqlValue? Limit { get; set; }

    /// <summary>OFFSET: rows the reader skips after asking the server for <see cref="Limit"/> + offset rows.</summary>
    public SqlValue? Offset { get; set; }

    /// <summary>True when a condition is always false (<c>WHERE 1 = 0</c>): the result is empty, answered from metadata.</summary>
    public bool AlwaysFalse { get; set; }

    /// <summary>A SELECT without FROM: the values of its one row, answered locally (empty for a query on a data mart).</summary>
    public List<PlannedConstant> Constants { get; } = [];
}

/// <summary>One item of a SELECT without FROM: the column name (alias, or the value as written) and the value.</summary>
internal sealed record PlannedConstant(string Name, SqlValue Value);

/// <summary>A WHERE/HAVING conjunct resolved to the column it filters and, for HAVING on an aggregate, the function.</summary>
internal sealed record PlannedCondition(SqlCondition Condition, string Column, AggregateFunction? Function);
