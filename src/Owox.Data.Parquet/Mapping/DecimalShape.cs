using System.Globalization;

namespace Owox.Data.Parquet.Mapping;

/// <summary>
/// The precision and scale of a <c>DECIMAL</c> column, and whether they came from the options' defaults rather than
/// the column's schema (the error for a value that does not fit says which to change).
/// </summary>
internal readonly record struct DecimalShape(int Precision, int Scale, bool FromDefaults)
{
    /// <summary>
    /// The shape of a decimal column: the schema's precision when it is 1–38, with the schema's scale (at most 28 and
    /// the precision) or else the default scale; the defaults when the schema gives no precision or one above 38.
    /// </summary>
    public static DecimalShape Of(int? precision, int? scale, OwoxParquetWriterOptions options)
    {
        if (precision is >= 1 and <= OwoxParquetWriterOptions.MaxDecimalPrecision)
        {
            var fromDefaults = scale is null or < 0;
            var chosen = fromDefaults ? options.DefaultDecimalScale : scale!.Value;
            return new DecimalShape(precision.Value, Clamp(chosen, precision.Value), fromDefaults);
        }
        return new DecimalShape(options.DefaultDecimalPrecision, Clamp(options.DefaultDecimalScale, options.DefaultDecimalPrecision), FromDefaults: true);
    }

    /// <summary>The digits a value may have before the decimal point.</summary>
    public int IntegerDigits => Precision - Scale;

    /// <summary>The Parquet type name, e.g. <c>DECIMAL(38,9)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Precision},{Scale})");

    private static int Clamp(int scale, int precision) => System.Math.Min(System.Math.Min(scale, precision), OwoxParquetWriterOptions.MaxDecimalScale);
}
