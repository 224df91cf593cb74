using System;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Owox.Data.Reading;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data.Tests.Types;

public class ValueConversionTests
{
    private static object Natural(string json, string type, string? storage = "GOOGLE_BIGQUERY")
    {
        var (tokenizer, line, kind) = Tokenize(json, type, storage);
        return ValueConverter.ToObject(kind, tokenizer.Value(line, 0));
    }

    private static T As<T>(string json, string type, string? storage = "GOOGLE_BIGQUERY")
    {
        var (tokenizer, line, kind) = Tokenize(json, type, storage);
        return ValueConverter.To<T>(kind, tokenizer.Value(line, 0));
    }

    private static (RowTokenizer, byte[], OwoxValueKind) Tokenize(string json, string type, string? storage)
    {
        var kind = StorageTypeMap.Resolve(storage, type);
        var tokenizer = new RowTokenizer([new ResultColumn("v", "v", type, kind, "v", null, false)]);
        var line = Encoding.UTF8.GetBytes("{\"v\":" + json + "}");
        tokenizer.Tokenize(line);
        return (tokenizer, line, kind);
    }

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("\"42\"", 42L)]
    [InlineData("-9007199254740992", -9007199254740992L)]
    [InlineData("1e3", 1000L)]
    public void Integers_from_numbers_and_strings(string json, long expected) =>
        Assert.Equal(expected, Natural(json, "INTEGER"));

    [Theory]
    [InlineData("\"123.45\"", "123.45")]
    [InlineData("\"1e-7\"", "0.0000001")]
    [InlineData("12.5", "12.5")]
    [InlineData("\"-0.10\"", "-0.10")]
    public void Decimals_from_strings_numbers_and_exponents(string json, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Natural(json, "NUMERIC"));

    [Fact]
    public void Decimals_keep_the_value_sign_and_scale_the_general_parser_gives()
    {
        var random = new Random(7);
        var samples = new System.Collections.Generic.List<string> { "0", "-0", "0.0", "-0.00", "007", "1.", ".5", "-", "1.2.3", "999999999999999999", "9999999999999999999", "-123456789012345678", "12345678901234567.8", "79228162514264337593543950335", "1,5", "1e2", " 4 " };
        for (var n = 0; n < 2000; n++)
        {
            var integer = random.NextInt64(0, 10_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var fraction = random.Next(4) == 0 ? string.Empty : "." + random.Next(0, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(random.Next(1, 8), '0');
            samples.Add((random.Next(3) == 0 ? "-" : string.Empty) + integer + fraction);
        }
        foreach (var text in samples)
        {
            decimal expected;
            try
            {
                expected = decimal.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                Assert.ThrowsAny<Exception>(() => Natural("\"" + text + "\"", "NUMERIC"));
                continue;
            }
            var actual = (decimal)Natural("\"" + text + "\"", "NUMERIC");
            Assert.Equal(expected, actual);
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
        }
    }

    [Fact]
    public void Timestamps_in_the_common_forms_read_exactly_and_impossible_ones_are_refused()
    {
        var random = new Random(11);
        for (var n = 0; n < 3000; n++)
        {
            var expected = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks) / 10 * 10);
            var digits = random.Next(0, 10);
            var fraction = (expected.Ticks % TimeSpan.TicksPerSecond).ToString("D7", System.Globalization.CultureInfo.InvariantCulture).PadRight(9, '0').Substring(0, digits);
            var truncated = new DateTime(expected.Ticks - (expected.Ticks % TimeSpan.TicksPerSecond) + (digits == 0 ? 0 : long.Parse(fraction.PadRight(7, '0').Substring(0, 7), System.Globalization.CultureInfo.InvariantCulture)));
            var text = expected.ToString(random.Next(2) == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + (digits == 0 ? string.Empty : "." + fraction);
            var utc = random.Next(2) == 0;
            var json = "\"" + text + (utc ? "Z" : string.Empty) + "\"";

            Assert.Equal(DateTime.SpecifyKind(truncated, DateTimeKind.Utc), Natural(json, "TIMESTAMP"));
            Assert.Equal(truncated, Natural(json, "DATETIME"));
            Assert.Equal(truncated.Date, Natural(json, "DATE"));
            Assert.Equal(truncated.Date, Natural("\"" + text.Substring(0, 10) + "\"", "DATE"));
        }

        foreach (var impossible in new[] { "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01", "2024-01-01T24:00:00", "2024-01-01T10:60:00", "2024-01-01T10:00:60", "2024-01-01T10:00:00.Z", "2024-1-01" })
            Assert.Throws<FormatException>(() => Natural("\"" + impossible + "\"", "TIMESTAMP"));
        Assert.Equal(new DateTime(2024, 2, 29), Natural("\"2024-02-29\"", "DATE"));
    }

    [Fact]
    public void Numerics_beyond_decimal_are_readable_as_string_and_BigInteger()
    {
        const string json = "\"1.234567890123456789012345e+40\"";
        Assert.Throws<OverflowException>(() => Natural(json, "BIGNUMERIC"));
        Assert.Equal(BigInteger.Parse("12345678901234567890123450000000000000000", System.Globalization.CultureInfo.InvariantCulture), As<BigInteger>(json, "BIGNUMERIC"));
        Assert.Equal("1.234567890123456789012345e+40", As<string>(json, "BIGNUMERIC"));
        Assert.Equal(1.234567890123456789012345e+40, As<double>(json, "BIGNUMERIC"));
    }

    [Theory]
    [InlineData("3.14", 3.14)]
    [InlineData("\"3.14\"", 3.14)]
    [InlineData("\"NaN\"", double.NaN)]
    [InlineData("\"Infinity\"", double.PositiveInfinity)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity)]
    public void Doubles_including_Athena_specials(string json, double expected) =>
        Assert.Equal(expected, Natural(json, "FLOAT"));

    [Fact]
    public void Doubles_are_bit_for_bit_what_the_general_parser_gives()
    {
        var random = new Random(11);
        var samples = new System.Collections.Generic.List<string>
        {
            "0", "-0", "0.0", "-0.000", "9007199254740992", "9007199254740993", "-9007199254740993.5", "0.1", "0.3",
            "2.2250738585072014", "123456789012345678", "1234567890123456789", "0.000000000000000001", "999999999999999999",
            "4.35", "1e2", "1.5E-3", "12345678901234567.8",
        };
        for (var n = 0; n < 20_000; n++)
        {
            var digits = random.Next(1, 20);
            var mantissa = new string(Array.ConvertAll(new char[digits], _ => (char)('0' + random.Next(10)))).TrimStart('0');
            mantissa = mantissa.Length == 0 ? "0" : mantissa;
            var point = random.Next(mantissa.Length + 1);
            var text = point == mantissa.Length ? mantissa : (point == 0 ? "0" : mantissa[..point]) + "." + mantissa[point..];
            samples.Add((random.Next(3) == 0 ? "-" : string.Empty) + text);
        }
        foreach (var text in samples)
        {
            var expected = double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)Natural(text, "FLOAT")));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits((double)Natural("\"" + text + "\"", "FLOAT")));
        }
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"TRUE\"", true)]
    public void Booleans_from_json_and_strings(string json, bool expected) =>
        Assert.Equal(expected, Natural(json, "BOOLEAN"));

    [Theory]
    [InlineData("\"2026-05-01\"", "GOOGLE_BIGQUERY")]
    [InlineData("\"2026-05-01T00:00:00.000Z\"", "DATABRICKS")]
    public void Dates_are_midnight_unspecified(string json, string storage)
    {
        var value = Assert.IsType<DateTime>(Natural(json, "DATE", storage));
        Assert.Equal(new DateTime(2026, 5, 1), value);
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("\"2025-05-01T12:34:56.123Z\"", "GOOGLE_BIGQUERY", "TIMESTAMP", 1230000)]
    [InlineData("\"2025-05-01T12:34:56.123400000Z\"", "GOOGLE_BIGQUERY", "TIMESTAMP", 1234000)]
    [InlineData("\"2025-05-01 14:34:56.123 +0200\"", "SNOWFLAKE", "TIMESTAMP", 1230000)]
    [InlineData("\"2025-05-01 12:34:56.123 UTC\"", "AWS_ATHENA", "TIMESTAMP WITH TIME ZONE", 1230000)]
    [InlineData("\"2025-05-01 13:34:56.123+01\"", "AWS_REDSHIFT", "TIMESTAMPTZ", 1230000)]
    public void Zoned_timestamps_become_utc(string json, string storage, string type, long fractionTicks)
    {
        var value = Assert.IsType<DateTime>(Natural(json, type, storage));
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(new DateTime(2025, 5, 1, 12, 34, 56, DateTimeKind.Utc).AddTicks(fractionTicks), value);
    }

    [Theory]
    [InlineData("\"2026-05-01T12:34:56.123456\"", "GOOGLE_BIGQUERY", "DATETIME")]
    [InlineData("\"2026-05-01 12:34:56.123456\"", "AWS_ATHENA", "TIMESTAMP")]
    [InlineData("\"2026-05-01 12:34:56.123456\"", "AWS_REDSHIFT", "TIMESTAMP")]
    public void Wall_clock_timestamps_stay_unspecified(string json, string storage, string type)
    {
        var value = Assert.IsType<DateTime>(Natural(json, type, storage));
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
        Assert.Equal(new DateTime(2026, 5, 1, 12, 34, 56).AddTicks(1234560), value);
    }

    [Theory]
    [InlineData("\"23:59:59.999999\"", "GOOGLE_BIGQUERY")]
    [InlineData("\"\\\"23:59:59.999999\\\"\"", "SNOWFLAKE")]
    public void Times_including_Snowflake_quotes(string json, string storage) =>
        Assert.Equal(new TimeSpan(0, 23, 59, 59).Add(TimeSpan.FromTicks(9999990)), Natural(json, "TIME", storage));

    [Fact]
    public void Json_values_are_json_text_whether_nested_or_quoted()
    {
        Assert.Equal("{\"x\":7,\"y\":{\"value\":\"2026-02-02\"}}", Natural("{\"x\":7,\"y\":{\"value\":\"2026-02-02\"}}", "RECORD"));
        Assert.Equal("[\n  1,\n  2\n]", Natural("\"[\\n  1,\\n  2\\n]\"", "JSON"));
        using var document = As<JsonDocument>("\"{\\\"a\\\":1}\"", "JSON");
        Assert.Equal(1, document.RootElement.GetProperty("a").GetInt32());
        Assert.Equal(JsonValueKind.Array, As<JsonElement>("[1,2]", "ARRAY").ValueKind);
    }

    [Fact]
    public void Bytes_from_base64_and_athena_hex()
    {
        Assert.Equal("abc"u8.ToArray(), Natural("\"YWJj\"", "BYTES"));
        Assert.Equal("abc"u8.ToArray(), Natural("\"61 62 63\"", "VARBINARY", "AWS_ATHENA"));
    }

    [Fact]
    public void Strings_are_unescaped()
    {
        Assert.Equal("tab\there \"quoted\" \\ é ✓", Natural("\"tab\\there \\\"quoted\\\" \\\\ \\u00e9 ✓\"", "STRING"));
        Assert.Equal("plain", Natural("\"plain\"", "STRING"));
    }

    [Fact]
    public void Natural_conversions_through_GetFieldValue()
    {
        Assert.Equal(42, As<int>("42", "INTEGER"));
        Assert.Throws<OverflowException>(() => As<int>("9000000000", "INTEGER"));
        Assert.Equal((short)-5, As<short>("\"-5\"", "INTEGER"));
        Assert.Equal(12.5m, As<decimal>("12.5", "FLOAT"));
        Assert.Equal(new DateOnly(2026, 5, 1), As<DateOnly>("\"2026-05-01\"", "DATE"));
        Assert.Equal(new TimeOnly(12, 34, 56), As<TimeOnly>("\"12:34:56\"", "TIME"));
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 14, 0, 0, TimeSpan.FromHours(2)), As<DateTimeOffset>("\"2025-05-01 14:00:00.000 +0200\"", "TIMESTAMP", "SNOWFLAKE"));
        Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), As<Guid>("\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"", "STRING"));
        Assert.Equal("2026-05-01", As<string>("\"2026-05-01\"", "DATE"));
        Assert.Throws<InvalidCastException>(() => As<decimal>("\"2026-05-01\"", "DATE"));
        Assert.Throws<FormatException>(() => As<long>("\"abc\"", "STRING"));
    }
}
