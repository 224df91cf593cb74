using System;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Owox.Data.Reading;

namespace Owox.Data.Types;

/// <summary>
/// The conversion rules, written once: how a JSON value becomes each CLR type, absorbing the warehouses'
/// forms (wire-protocol §3.8): numbers sent as strings (Athena, BigQuery NUMERIC), exponent notation, "NaN"/"Infinity",
/// "true"/"false" strings, five timestamp layouts, Databricks' DATE-as-timestamp, Snowflake's quoted TIME,
/// base64 or hex bytes. Each method throws <see cref="FormatException"/> or <see cref="OverflowException"/>
/// for a value it cannot convert; the reader turns that into an <see cref="InvalidCastException"/> naming the column.
/// </summary>
internal static class ValueParser
{
    public static long ParseInt64(in RawValue value)
    {
        var text = NumericText(value);
        if (Utf8Parser.TryParse(text, out long result, out var consumed) && consumed == text.Length)
            return result;
        var exact = ParseDecimal(value);
        if (exact != decimal.Truncate(exact))
            throw new FormatException($"The value {exact.ToString(CultureInfo.InvariantCulture)} is not a whole number.");
        return decimal.ToInt64(exact);
    }

    public static decimal ParseDecimal(in RawValue value)
    {
        var text = NumericText(value);
        if (TryParsePlainDecimal(text, out var plain))
            return plain;
        if (!Utf8Parser.TryParse(text, out decimal parsed, out var consumed) || consumed != text.Length)
            parsed = decimal.Parse(RawValue.Utf8(text), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (parsed == 0 && HasNonZeroMantissa(text))
            throw new OverflowException($"The value {RawValue.Utf8(text)} is too close to zero for a decimal (it would become 0); read it as double.");
        return parsed;
    }

    /// <summary>True when a number's digits before any exponent are not all zero (so it is not zero, however small).</summary>
    private static bool HasNonZeroMantissa(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if (b is (byte)'e' or (byte)'E')
                return false;
            if (b is >= (byte)'1' and <= (byte)'9')
                return true;
        }
        return false;
    }

    /// <summary>
    /// The common case, without the general parser: <c>[-]digits[.digits]</c> with at most 18 digits, which fit a
    /// <see cref="long"/> mantissa exactly. Same value and scale (trailing zeros kept) as <see cref="decimal.Parse(string)"/>.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<byte> text, out decimal result)
    {
        if (!TryScanPlainNumber(text, out var mantissa, out var scale, out var negative))
        {
            result = 0;
            return false;
        }
        result = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }

    /// <summary>
    /// Splits <c>[-]digits[.digits]</c> of at most 18 digits into its digits as an integer and the count after the point;
    /// false for anything else (an exponent, a sign or point out of place, more digits), which the general parsers take.
    /// </summary>
    private static bool TryScanPlainNumber(ReadOnlySpan<byte> text, out long mantissa, out int scale, out bool negative)
    {
        mantissa = 0;
        scale = -1;
        negative = text.Length > 0 && text[0] == (byte)'-';
        var i = negative ? 1 : 0;
        if (text.Length - i is 0 or > 19)
            return false;
        var digits = 0;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            if (b == (byte)'.' && scale < 0 && digits > 0)
            {
                scale = 0;
                continue;
            }
            if (!IsDigit(b))
                return false;
            mantissa = (mantissa * 10) + (b - '0');
            digits++;
            if (scale >= 0)
                scale++;
        }
        if (digits == 0 || digits > 18 || scale == 0)
            return false;
        scale = Math.Max(scale, 0);
        return true;
    }

    /// <summary>
    /// Every integer up to 2^53 is a <see cref="double"/> exactly, and so is every power of ten up to 10^22 (a plain
    /// number's scale is at most 18): such a mantissa divided by such a power is one correctly rounded operation on exact
    /// operands, so it gives the same double as the general parser.
    /// </summary>
    private const long ExactDoubleIntegers = 1L << 53;

    private static readonly double[] s_exactPowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

    public static double ParseDouble(in RawValue value)
    {
        var text = NumericText(value);
        if (TryScanPlainNumber(text, out var mantissa, out var scale, out var negative) && mantissa <= ExactDoubleIntegers)
        {
            var plain = mantissa / s_exactPowersOfTen[scale];
            return negative ? -plain : plain;
        }
        if (Utf8Parser.TryParse(text, out double result, out var consumed) && consumed == text.Length)
            return result;
        var s = RawValue.Utf8(text).Trim();
        switch (s)
        {
            case "NaN": return double.NaN;
            case "Infinity" or "+Infinity" or "inf": return double.PositiveInfinity;
            case "-Infinity" or "-inf": return double.NegativeInfinity;
        }
        return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static BigInteger ParseBigInteger(in RawValue value)
    {
        var s = RawValue.Utf8(NumericText(value));
        if (BigInteger.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
            return integer;
        var exponent = s.IndexOfAny(['e', 'E']);
        var mantissa = exponent < 0 ? s : s.Substring(0, exponent);
        var power = exponent < 0 ? 0 : int.Parse(s.Substring(exponent + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        if (dot >= 0)
        {
            var fraction = mantissa.Substring(dot + 1).TrimEnd('0');
            power -= fraction.Length;
            mantissa = mantissa.Substring(0, dot) + fraction;
        }
        var digits = BigInteger.Parse(mantissa, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (power >= 0)
            return digits * BigInteger.Pow(10, power);
        var divisor = BigInteger.Pow(10, -power);
        if (!BigInteger.Remainder(digits, divisor).IsZero)
            throw new FormatException($"The value {s} is not a whole number.");
        return digits / divisor;
    }

    public static bool ParseBoolean(in RawValue value)
    {
        switch (value.Kind)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.Number: return ParseDouble(value) != 0;
        }
        var s = value.GetText().Trim();
        if (string.Equals(s, "true", StringComparison.OrdinalIgnoreCase) || s == "1")
            return true;
        if (string.Equals(s, "false", StringComparison.OrdinalIgnoreCase) || s == "0")
            return false;
        throw new FormatException($"'{s}' is not a boolean.");
    }

    /// <summary>A DATE: <c>YYYY-MM-DD</c>, or any timestamp form (Databricks sends UTC midnight) cut to its date.</summary>
    public static DateTime ParseDate(in RawValue value) => ParseMoment(Unquote(value.GetUtf8Text())).WallClock.Date;

    /// <summary>A timestamp as a UTC instant: an offset or zone name is applied; a value without one is taken as UTC.</summary>
    public static DateTime ParseTimestampUtc(in RawValue value)
    {
        var moment = ParseMoment(Unquote(value.GetUtf8Text()));
        var utc = moment.Offset is TimeSpan offset ? moment.WallClock - offset : moment.WallClock;
        return DateTime.SpecifyKind(utc, DateTimeKind.Utc);
    }

    /// <summary>A wall-clock timestamp (DATETIME, TIMESTAMP_NTZ): any zone suffix is ignored, Kind=Unspecified.</summary>
    public static DateTime ParseDateTime(in RawValue value) =>
        DateTime.SpecifyKind(ParseMoment(Unquote(value.GetUtf8Text())).WallClock, DateTimeKind.Unspecified);

    /// <summary>The value as a <see cref="DateTimeOffset"/>, keeping the offset the value carries (UTC when it has none).</summary>
    public static DateTimeOffset ParseDateTimeOffset(in RawValue value)
    {
        var moment = ParseMoment(Unquote(value.GetUtf8Text()));
        return new DateTimeOffset(DateTime.SpecifyKind(moment.WallClock, DateTimeKind.Unspecified), moment.Offset ?? TimeSpan.Zero);
    }

    /// <summary>A time of day <c>HH:MM[:SS[.fffffffff]]</c>, possibly wrapped in literal quotes (Snowflake) or followed by an offset (TIMETZ, ignored).</summary>
    public static TimeSpan ParseTime(in RawValue value)
    {
        var s = Trim(Unquote(value.GetUtf8Text()));
        var position = 0;
        var time = ParseClock(s, ref position);
        if (position < s.Length && s[position] is not ((byte)'+' or (byte)'-' or (byte)'Z' or (byte)' '))
            throw Invalid(s, "is not a time of day");
        return time;
    }

    /// <summary>Bytes from standard base64 (BigQuery, Snowflake, Databricks) or Athena's space-separated hex.</summary>
    public static byte[] ParseBytes(in RawValue value)
    {
        var s = value.GetText().Trim();
        if (s.Length > 0 && s.IndexOf(' ') > 0 && IsHexPairs(s))
        {
            var parts = s.Split(' ');
            var bytes = new byte[parts.Length];
            for (var i = 0; i < parts.Length; i++)
                bytes[i] = byte.Parse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            return bytes;
        }
        return Convert.FromBase64String(s);
    }

    public static Guid ParseGuid(in RawValue value) => Guid.Parse(value.GetText().Trim());

    /// <summary>Any value as text: a string's contents, a number's or boolean's JSON text, a nested object/array as its JSON.</summary>
    public static string ParseText(in RawValue value) => value.GetText();

    private static ReadOnlySpan<byte> NumericText(in RawValue value)
    {
        if (value.Kind is JsonTokenType.Number)
            return value.Bytes;
        if (value.Kind is JsonTokenType.String)
            return Trim(value.GetUtf8Text());
        throw new FormatException($"A JSON {value.Kind} is not a number.");
    }

    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> s) =>
        s.Length >= 2 && s[0] == (byte)'"' && s[s.Length - 1] == (byte)'"' ? s.Slice(1, s.Length - 2) : s;

    private static bool IsHexPairs(string s)
    {
        foreach (var part in s.Split(' '))
        {
            if (part.Length != 2 || !Uri.IsHexDigit(part[0]) || !Uri.IsHexDigit(part[1]))
                return false;
        }
        return true;
    }

    private readonly struct Moment(DateTime wallClock, TimeSpan? offset)
    {
        public DateTime WallClock { get; } = wallClock;

        public TimeSpan? Offset { get; } = offset;
    }

    /// <summary>
    /// The tolerant timestamp grammar, read straight from UTF-8: <c>YYYY-MM-DD</c> [<c>T</c>|space
    /// <c>HH:MM[:SS[.f{1,9}]]</c>] [<c>Z</c> | [space]<c>±HH[[:]MM]</c> | space zone-name].
    /// </summary>
    private static Moment ParseMoment(ReadOnlySpan<byte> s)
    {
        try
        {
            return ParseMomentCore(s);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"'{RawValue.Utf8(s)}' is not a representable date or time.", e);
        }
    }

    private static Moment ParseMomentCore(ReadOnlySpan<byte> s)
    {
        s = Trim(s);
        if (s.Length < 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
            throw Invalid(s, "is not a date or timestamp");
        var date = new DateTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), 0, 0, 0, DateTimeKind.Unspecified);
        var position = 10;
        if (position == s.Length)
            return new Moment(date, null);
        if (s[position] is (byte)'T' or (byte)'t' or (byte)' ' && position + 1 < s.Length && IsDigit(s[position + 1]))
        {
            position++;
            date += ParseClock(s, ref position);
        }
        if (position == s.Length)
            return new Moment(date, null);

        var zone = Trim(s.Slice(position));
        if (zone.Length == 1 && zone[0] is (byte)'Z' or (byte)'z')
            return new Moment(date, TimeSpan.Zero);
        if (zone.Length > 0 && zone[0] is (byte)'+' or (byte)'-')
        {
            var sign = zone[0] == (byte)'-' ? -1 : 1;
            var digits = zone.Slice(1);
            int hours, minutes = 0;
            if (digits.Length is 2 or 4)
            {
                hours = Digits(digits, 0, 2);
                if (digits.Length == 4)
                    minutes = Digits(digits, 2, 2);
            }
            else if (digits.Length == 5 && digits[2] == (byte)':')
            {
                hours = Digits(digits, 0, 2);
                minutes = Digits(digits, 3, 2);
            }
            else
            {
                throw Invalid(s, "has an unreadable UTC offset");
            }
            return new Moment(date, TimeSpan.FromMinutes(sign * ((hours * 60) + minutes)));
        }
        var name = RawValue.Utf8(zone);
        if (name is "UTC" or "GMT" or "Etc/UTC")
            return new Moment(date, TimeSpan.Zero);
        try
        {
            var timeZone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return new Moment(date, timeZone.GetUtcOffset(date));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new FormatException($"'{RawValue.Utf8(s)}' names an unknown time zone '{name}'.", e);
        }
    }

    private static TimeSpan ParseClock(ReadOnlySpan<byte> s, ref int position)
    {
        if (position + 5 > s.Length || s[position + 2] != (byte)':')
            throw Invalid(s, "has no readable time of day");
        var hours = Digits(s, position, 2);
        var minutes = Digits(s, position + 3, 2);
        position += 5;
        var seconds = 0;
        long fractionTicks = 0;
        if (position + 3 <= s.Length && s[position] == (byte)':')
        {
            seconds = Digits(s, position + 1, 2);
            position += 3;
            if (position < s.Length && s[position] == (byte)'.')
            {
                position++;
                var scale = TimeSpan.TicksPerSecond;
                var start = position;
                while (position < s.Length && IsDigit(s[position]))
                {
                    scale /= 10;
                    fractionTicks += (s[position] - '0') * scale;
                    position++;
                }
                if (position == start)
                    throw Invalid(s, "has an empty fraction of a second");
            }
        }
        if (hours > 23 || minutes > 59 || seconds > 59)
            throw Invalid(s, "is not a valid time of day");
        return new TimeSpan(((((hours * 60L) + minutes) * 60) + seconds) * TimeSpan.TicksPerSecond + fractionTicks);
    }

    private static int Digits(ReadOnlySpan<byte> s, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i >= s.Length || !IsDigit(s[i]))
                throw Invalid(s, "is not a date or time in the expected form");
            value = (value * 10) + (s[i] - '0');
        }
        return value;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        while (s.Length > 0 && s[0] == (byte)' ')
            s = s.Slice(1);
        while (s.Length > 0 && s[s.Length - 1] == (byte)' ')
            s = s.Slice(0, s.Length - 1);
        return s;
    }

    private static FormatException Invalid(ReadOnlySpan<byte> s, string problem) => new($"'{RawValue.Utf8(s)}' {problem}.");
}
