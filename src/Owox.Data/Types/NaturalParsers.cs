using System;
using Owox.Data.Reading;

namespace Owox.Data.Types;

/// <summary>
/// Parses a value of a column's own (natural) type straight from the row's bytes. The typed getters take one of the
/// structs below as a type argument, so the JIT compiles a getter per parser with a direct, inlinable call — a delegate
/// would cost an indirect call (and a shuffle thunk) for every value of every row.
/// </summary>
internal interface INaturalParser<out TValue>
{
    TValue Parse(in RawValue value);
}

internal readonly struct BooleanParser : INaturalParser<bool>
{
    public bool Parse(in RawValue value) => ValueParser.ParseBoolean(value);
}

internal readonly struct DateParser : INaturalParser<DateTime>
{
    public DateTime Parse(in RawValue value) => ValueParser.ParseDate(value);
}

internal readonly struct TimestampUtcParser : INaturalParser<DateTime>
{
    public DateTime Parse(in RawValue value) => ValueParser.ParseTimestampUtc(value);
}

internal readonly struct DateTimeParser : INaturalParser<DateTime>
{
    public DateTime Parse(in RawValue value) => ValueParser.ParseDateTime(value);
}

internal readonly struct DecimalParser : INaturalParser<decimal>
{
    public decimal Parse(in RawValue value) => ValueParser.ParseDecimal(value);
}

internal readonly struct DoubleParser : INaturalParser<double>
{
    public double Parse(in RawValue value) => ValueParser.ParseDouble(value);
}

internal readonly struct Int64Parser : INaturalParser<long>
{
    public long Parse(in RawValue value) => ValueParser.ParseInt64(value);
}

internal readonly struct TextParser : INaturalParser<string>
{
    public string Parse(in RawValue value) => ValueParser.ParseText(value);
}
