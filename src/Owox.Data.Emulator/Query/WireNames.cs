namespace Owox.Data.Emulator.Query;

/// <summary>The exact tokens of the HTTP Data controls, in the order the server's schemas list them.</summary>
internal static class WireNames
{
    public static readonly string[] Operators =
    [
        "eq", "neq", "gt", "lt", "gte", "lte", "contains", "not_contains", "starts_with", "ends_with", "regex", "not_regex",
        "in", "not_in", "between", "is_empty", "is_not_empty", "is_null", "is_not_null", "is_true", "is_false", "relative_date",
    ];

    public static readonly string[] Functions = ["STRING_AGG", "MAX", "MIN", "SUM", "AVG", "COUNT", "COUNT_DISTINCT", "ANY_VALUE", "P25", "P50", "P75", "P95"];

    public static readonly string[] Units = ["DAY", "WEEK", "MONTH", "QUARTER", "YEAR"];

    public static readonly string[] Directions = ["asc", "desc"];

    public static readonly string[] Placements = ["pre-join", "post-join"];

    public static readonly string[] RelativeKinds =
    [
        "today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_quarter", "last_quarter", "this_year",
        "last_n_days", "last_n_months", "next_n_days",
    ];

    public static string LabelToken(string function) => function switch
    {
        "COUNT_DISTINCT" => "COUNTUNIQUE",
        "STRING_AGG" => "STRINGAGG",
        "ANY_VALUE" => "ANYVALUE",
        "P50" => "MEDIAN",
        _ => function,
    };

    public static string AggregatedKey(string column, string function) => column.Replace('.', '_') + " | " + LabelToken(function);

    public const string RowCount = "Row Count";
}
