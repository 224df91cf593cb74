using System;
using System.Text;

namespace Owox.Data.Emulator.Rendering;

/// <summary>Databricks: DECIMAL as doubles, DATE as UTC-midnight ISO timestamps, TIMESTAMP ISO with milliseconds and Z.</summary>
internal sealed class DatabricksRenderer : ValueRenderer
{
    public static readonly DatabricksRenderer Instance = new();

    protected override void WriteDecimal(NdjsonWriter w, double value) => w.Double(value);

    protected override void WriteDate(NdjsonWriter w, ReadOnlySpan<byte> date) => w.String(Encoding.UTF8.GetString(date) + "T00:00:00.000Z");

    protected override void WriteTimestamp(NdjsonWriter w, string canonical, string type) =>
        w.String(string.Concat(canonical.AsSpan(0, 10), "T", canonical.AsSpan(11, 12)) + "Z");
}
