namespace Owox.Data.Query;

/// <summary>One aggregation rule (wire-protocol §3.3.3).</summary>
internal sealed record AggregationRule(string Column, AggregateFunction Function);
