namespace Owox.Data.Emulator.Rendering;

/// <summary>Redshift: DECIMAL strings, TIMESTAMP <c>yyyy-MM-dd HH:mm:ss[.f]</c>, TIMESTAMPTZ with <c>+00</c>, binary as null.</summary>
internal sealed class RedshiftRenderer : ValueRenderer
{
    public static readonly RedshiftRenderer Instance = new();

    protected override void WriteDecimal(NdjsonWriter w, double value) => w.String(DecimalText(value, plain: true));

    protected override void WriteTimestamp(NdjsonWriter w, string canonical, string type) =>
        w.String(TrimmedFraction(canonical, 19) + (type == "TIMESTAMPTZ" ? "+00" : ""));

    protected override void WriteBytes(NdjsonWriter w, byte[] value) => w.NullValue();
}
