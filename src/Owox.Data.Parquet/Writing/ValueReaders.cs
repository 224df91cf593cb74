using System;
using System.Data.Common;
using Owox.Data.Parquet.Mapping;

namespace Owox.Data.Parquet.Writing;

/// <summary>The value conversions that are more than a getter call: checked decimals, times of day, timestamps.</summary>
internal static class ValueReaders
{
    private static readonly decimal[] PowersOfTen = CreatePowersOfTen();

    /// <summary>The decimal as it is, once it is known to fit the column's precision and scale exactly; else the error.</summary>
    public static decimal Decimal(DbDataReader reader, ParquetColumn column, long row)
    {
        var value = reader.GetDecimal(column.Ordinal);
        var shape = column.Decimal!.Value;
        if (value.Scale > shape.Scale && decimal.Round(value, shape.Scale) != value)
            throw ExportErrors.DecimalDoesNotFit(column, row, value);
        if (shape.IntegerDigits < PowersOfTen.Length && Math.Abs(value) >= PowersOfTen[shape.IntegerDigits])
            throw ExportErrors.DecimalDoesNotFit(column, row, value);
        return value;
    }

    /// <summary>A <see cref="TimeSpan"/> time of day as microseconds since midnight; anything outside one day is the error.</summary>
    public static long TimeOfDay(DbDataReader reader, ParquetColumn column, long row)
    {
        var value = reader.GetFieldValue<TimeSpan>(column.Ordinal);
        if (value < TimeSpan.Zero || value >= TimeSpan.FromDays(1))
            throw ExportErrors.NotATimeOfDay(column, row, value);
        return value.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>A <see cref="TimeOnly"/> as microseconds since midnight.</summary>
    public static long Microseconds(TimeOnly value) => value.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// An instant as microseconds since 1970-01-01 UTC: a local time converted to UTC, an unspecified one taken as UTC
    /// already (as the warehouse sent it).
    /// </summary>
    public static long Instant(DateTime value) =>
        UnixMicroseconds(value.Kind == DateTimeKind.Local ? value.ToUniversalTime().Ticks : value.Ticks);

    /// <summary>
    /// Ticks (of a UTC time, or of a wall-clock reading as it reads, whatever its Kind: nothing is converted between
    /// zones) as microseconds since 1970-01-01, rounded down.
    /// </summary>
    public static long UnixMicroseconds(long ticks)
    {
        var (quotient, remainder) = Math.DivRem(ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>10^0 … 10^28, every power of ten a <see cref="decimal"/> holds.</summary>
    private static decimal[] CreatePowersOfTen()
    {
        var powers = new decimal[29];
        powers[0] = 1m;
        for (var i = 1; i < powers.Length; i++)
            powers[i] = powers[i - 1] * 10m;
        return powers;
    }
}
