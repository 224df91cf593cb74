namespace Owox.Data.Emulator.Query;

/// <summary>One aggregation rule (wire-protocol §3.3.3).</summary>
internal sealed record AggregationSpec(string Column, string Function);
