using System;
using System.Globalization;
using Owox.Data.Parquet.Mapping;

namespace Owox.Data.Parquet.Writing;

/// <summary>The <see cref="OwoxParquetException"/>s of an export: each names the column, the row and the value, and says what to change.</summary>
internal static class ExportErrors
{
    private const string TextColumnsFix = "OwoxParquetWriterOptions.TextColumns";

    public static OwoxParquetException UnsupportedType(string name, Type type) => new(
        $"Column '{name}' is of type {type.FullName}, which has no Parquet type here (the mapping covers bool, byte, short, int, " +
        "long, float, double, decimal, string, byte[], Guid, DateTime, DateTimeOffset, DateOnly, TimeOnly and TimeSpan). " +
        $"Add \"{name}\" to {TextColumnsFix} to write it as text, or convert it in the query.",
        name, rowNumber: null);

    public static OwoxParquetException DuplicateName(string name) => new(
        $"Two columns are named '{name}', and the columns of a Parquet file need distinct names: give one of them an alias in the query.",
        name, rowNumber: null);

    public static OwoxParquetException NullInRequired(ParquetColumn column, long row) => new(
        Invariant($"Column '{column.Name}' is NULL in row {row}, but it is written REQUIRED because the reader's schema says AllowDBNull = false. ") +
        "Set OwoxParquetWriterOptions.WriteRequiredColumns = false to write every column OPTIONAL.",
        column.Name, row);

    public static OwoxParquetException DecimalDoesNotFit(ParquetColumn column, long row, decimal value)
    {
        var shape = column.Decimal!.Value;
        var origin = shape.FromDefaults
            ? $"{shape} comes from OwoxParquetWriterOptions.DefaultDecimalPrecision and DefaultDecimalScale, since the column's schema gives no precision and scale that a Parquet decimal holds: set them to a shape that holds the value, or add"
            : $"{shape} is the column's precision and scale in the reader's schema: add";
        return new OwoxParquetException(
            Invariant($"Column '{column.Name}', row {row}: the value {value} does not fit {shape} (at most {shape.IntegerDigits} digits before the decimal point and {shape.Scale} after), and it is not rounded. ") +
            $"{origin} \"{column.Name}\" to {TextColumnsFix} to write the column as text.",
            column.Name, row);
    }

    public static OwoxParquetException NotATimeOfDay(ParquetColumn column, long row, TimeSpan value) => new(
        Invariant($"Column '{column.Name}', row {row}: {value} is not a time of day (from 00:00:00 up to 24:00:00), which is all a Parquet TIME holds. ") +
        $"Add \"{column.Name}\" to {TextColumnsFix} to write the column as text.",
        column.Name, row);

    public static OwoxParquetException ReadFailed(ParquetColumn column, long row, Exception inner)
    {
        var asText = column.Kind == ParquetValueKind.String && column.SourceType != typeof(string);
        var fix = asText
            ? $"The column is in {TextColumnsFix}, and this reader cannot give it as text: remove it from there."
            : $"Add \"{column.Name}\" to {TextColumnsFix} to write the column as text.";
        return new OwoxParquetException(
            Invariant($"Column '{column.Name}', row {row}: the reader could not give the value as {(asText ? "text" : column.SourceType.Name)}: {inner.Message} ") + fix,
            column.Name, row, inner);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
