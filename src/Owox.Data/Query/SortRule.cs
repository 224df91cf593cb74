namespace Owox.Data.Query;

/// <summary>One sort rule (wire-protocol §3.3.2); with aggregation the column is the source column name.</summary>
internal sealed record SortRule(string Column, SortDirection Direction);
