using System.Text;

namespace Owox.Data.Emulator.Rendering;

/// <summary>Athena: every value a JSON string (Athena's text forms); NULL omits the key.</summary>
internal sealed class AthenaRenderer : ValueRenderer
{
    public static readonly AthenaRenderer Instance = new();

    protected override bool OmitNullKeys => true;

    protected override void WriteInteger(NdjsonWriter w, long value) => w.String(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    protected override void WriteFloat(NdjsonWriter w, double value) =>
        w.String(double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : JsNumber.Format(value));

    protected override void WriteDecimal(NdjsonWriter w, double value) => w.String(DecimalText(value, plain: true));

    protected override void WriteBoolean(NdjsonWriter w, bool value) => w.String(value ? "true" : "false");

    protected override void WriteTimestamp(NdjsonWriter w, string canonical, string type) =>
        w.String(Millis(canonical, 19) + (type == "TIMESTAMP WITH TIME ZONE" ? " UTC" : ""));

    protected override void WriteTime(NdjsonWriter w, string canonical) => w.String(Millis(canonical, 8));

    protected override void WriteBytes(NdjsonWriter w, byte[] value)
    {
        var text = new StringBuilder(value.Length * 3);
        foreach (var b in value)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        w.String(text.ToString());
    }
}
