namespace Owox.Data.Query;

/// <summary>The aggregate functions of the HTTP Data API (wire-protocol §3.3.3); <see cref="QueryWireNames"/> gives the wire token and the output-label token.</summary>
internal enum AggregateFunction
{
    StringAgg,
    Max,
    Min,
    Sum,
    Avg,
    Count,
    CountDistinct,
    AnyValue,
    P25,
    P50,
    P75,
    P95,
}
