namespace Owox.Data.Query;

/// <summary>
/// One column the reader exposes: <see cref="Key"/> is the JSON key the server emits for it (a source column
/// name, an aggregated label such as <c>"revenue | SUM"</c>, or <c>"Row Count"</c>), <see cref="Name"/> is the
/// name the reader reports (the SQL alias, or a natural SQL name), <see cref="SourceColumn"/> is the data-mart
/// column it comes from (null for <c>Row Count</c>).
/// </summary>
internal sealed record OutputColumn(string Key, string Name, string? SourceColumn, AggregateFunction? Function = null, DateTruncUnit? DateTrunc = null);
