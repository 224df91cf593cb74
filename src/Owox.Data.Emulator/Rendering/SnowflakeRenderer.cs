namespace Owox.Data.Emulator.Rendering;

/// <summary>Snowflake: decimals as doubles, TIMESTAMP <c>yyyy-MM-dd HH:mm:ss.fff +0000</c>, TIME double-quoted.</summary>
internal sealed class SnowflakeRenderer : ValueRenderer
{
    public static readonly SnowflakeRenderer Instance = new();

    protected override void WriteDecimal(NdjsonWriter w, double value) => w.Double(value);

    protected override void WriteTimestamp(NdjsonWriter w, string canonical, string type) => w.String(Millis(canonical, 19) + " +0000");

    protected override void WriteTime(NdjsonWriter w, string canonical) => w.String("\"" + canonical[..8] + "\"");
}
