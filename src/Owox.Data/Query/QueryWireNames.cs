using System;

namespace Owox.Data.Query;

/// <summary>The exact tokens the HTTP Data API uses for operators, functions, units and directions (wire-protocol §3.3, §3.9).</summary>
internal static class QueryWireNames
{
    public static string ToWire(this FilterOperator op) => op switch
    {
        FilterOperator.Eq => "eq",
        FilterOperator.Neq => "neq",
        FilterOperator.Gt => "gt",
        FilterOperator.Lt => "lt",
        FilterOperator.Gte => "gte",
        FilterOperator.Lte => "lte",
        FilterOperator.Contains => "contains",
        FilterOperator.NotContains => "not_contains",
        FilterOperator.StartsWith => "starts_with",
        FilterOperator.EndsWith => "ends_with",
        FilterOperator.Regex => "regex",
        FilterOperator.NotRegex => "not_regex",
        FilterOperator.In => "in",
        FilterOperator.NotIn => "not_in",
        FilterOperator.Between => "between",
        FilterOperator.RelativeDate => "relative_date",
        FilterOperator.IsEmpty => "is_empty",
        FilterOperator.IsNotEmpty => "is_not_empty",
        FilterOperator.IsNull => "is_null",
        FilterOperator.IsNotNull => "is_not_null",
        FilterOperator.IsTrue => "is_true",
        FilterOperator.IsFalse => "is_false",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static string ToWire(this AggregateFunction function) => function switch
    {
        AggregateFunction.StringAgg => "STRING_AGG",
        AggregateFunction.Max => "MAX",
        AggregateFunction.Min => "MIN",
        AggregateFunction.Sum => "SUM",
        AggregateFunction.Avg => "AVG",
        AggregateFunction.Count => "COUNT",
        AggregateFunction.CountDistinct => "COUNT_DISTINCT",
        AggregateFunction.AnyValue => "ANY_VALUE",
        AggregateFunction.P25 => "P25",
        AggregateFunction.P50 => "P50",
        AggregateFunction.P75 => "P75",
        AggregateFunction.P95 => "P95",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    /// <summary>The token the server puts in an aggregated output key, <c>"{column} | {TOKEN}"</c> (wire-protocol §3.9).</summary>
    public static string ToLabelToken(this AggregateFunction function) => function switch
    {
        AggregateFunction.CountDistinct => "COUNTUNIQUE",
        AggregateFunction.StringAgg => "STRINGAGG",
        AggregateFunction.AnyValue => "ANYVALUE",
        AggregateFunction.P50 => "MEDIAN",
        _ => function.ToWire(),
    };

    /// <summary>The JSON key of an aggregated output column: dots in the source name become underscores (wire-protocol §3.9).</summary>
    public static string AggregatedOutputKey(string column, AggregateFunction function) =>
        column.Replace('.', '_') + " | " + function.ToLabelToken();

    /// <summary>The synthetic per-group row count the server appends last whenever aggregation is non-empty.</summary>
    public const string RowCountKey = "Row Count";

    public static string ToWire(this DateTruncUnit unit) => unit switch
    {
        DateTruncUnit.Day => "DAY",
        DateTruncUnit.Week => "WEEK",
        DateTruncUnit.Month => "MONTH",
        DateTruncUnit.Quarter => "QUARTER",
        DateTruncUnit.Year => "YEAR",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };

    public static string ToWire(this SortDirection direction) =>
        direction == SortDirection.Descending ? "desc" : "asc";
}
