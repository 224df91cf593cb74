using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.Json;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>Every warehouse flavour of the emulator, every column type: the CLR types and values the reader produces.</summary>
public class WarehouseFlavourTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static DateTime Utc(string s) => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static DateTime Local(string s) => DateTime.SpecifyKind(DateTime.Parse(s, CultureInfo.InvariantCulture), DateTimeKind.Unspecified);

    public static TheoryData<string, Dictionary<string, object>> FirstRows => new()
    {
        {
            DemoMarts.BigQuery, new()
            {
                ["id"] = 1L, ["name"] = "hi", ["amount"] = 123.45m, ["big"] = 1.5e21m, ["ratio"] = 3.14, ["flag"] = true,
                ["day"] = new DateTime(2026, 5, 1), ["dt"] = Local("2026-05-01 12:34:56.123456"), ["t"] = new TimeSpan(0, 23, 59, 59).Add(TimeSpan.FromTicks(9999990)),
                ["ts"] = Utc("2025-05-01T12:34:56.123Z"), ["payload"] = "abc"u8.ToArray(), ["doc"] = "{\"a\":1}", ["geo"] = "POINT(1 2)",
                ["tags"] = "[\n  \"x\",\n  \"y\"\n]", ["rec"] = "{\"x\":7,\"y\":{\"value\":\"2026-02-02\"},\"z\":\"1.5\"}", ["rec.x"] = 7L,
                ["rec.y"] = new DateTime(2026, 2, 2), ["rec.z"] = 1.5m, ["huge"] = 9007199254740992L,
            }
        },
        {
            DemoMarts.Athena, new()
            {
                ["id"] = 9007199254740993L, ["name"] = "hi", ["amount"] = 123.45m, ["ratio"] = 3.14, ["flag"] = true, ["day"] = new DateTime(2026, 5, 1),
                ["ts"] = Local("2024-01-01 00:00:00"), ["tstz"] = Utc("2024-01-01T00:00:00Z"), ["t"] = new TimeSpan(12, 34, 56), ["bin"] = "abc"u8.ToArray(),
                ["arr"] = "[1, 2]", ["doc"] = "{\"a\":1}", ["small"] = 42L,
            }
        },
        {
            DemoMarts.Snowflake, new()
            {
                ["ID"] = 42m, ["AMOUNT"] = 12.5m, ["RATIO"] = 0.25, ["NAME"] = "hi", ["FLAG"] = true, ["DAY"] = new DateTime(2024, 5, 1),
                ["TS"] = Utc("2024-05-01T12:34:56.123Z"), ["T"] = new TimeSpan(12, 34, 56), ["BIN"] = "abc"u8.ToArray(),
                ["V"] = "{\"a\":1,\"b\":[1,2]}", ["GEO"] = "{\"type\":\"Point\",\"coordinates\":[1,2]}", ["N"] = 7L,
            }
        },
        {
            DemoMarts.Redshift, new()
            {
                ["id"] = 1L, ["big"] = 9007199254740992L, ["amount"] = 123.45m, ["ratio"] = 3.14, ["name"] = "hi", ["code"] = "A", ["flag"] = true,
                ["day"] = new DateTime(2026, 5, 1), ["ts"] = Local("2026-05-01 12:34:56"), ["tstz"] = Utc("2026-05-01T12:34:56Z"), ["t"] = new TimeSpan(12, 34, 56),
                ["doc"] = "{\"a\":1}", ["raw"] = DBNull.Value,
            }
        },
        {
            DemoMarts.Databricks, new()
            {
                ["id"] = 1L, ["big"] = 9007199254740992L, ["amount"] = 12.5m, ["ratio"] = 3.14, ["name"] = "hi", ["flag"] = true, ["day"] = new DateTime(2026, 5, 1),
                ["ts"] = Utc("2026-05-01T12:34:56.123Z"), ["ntz"] = Local("2026-05-01 12:34:56"), ["bin"] = "abc"u8.ToArray(), ["arr"] = "[1,2]",
                ["st"] = "{\"a\":1}", ["m"] = "{\"k\":\"v\"}",
            }
        },
    };

    [Theory]
    [MemberData(nameof(FirstRows))]
    public async Task The_first_row_of_each_flavour_has_exact_values_of_stable_types(string martId, Dictionary<string, object> expected)
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(martId, connection).ExecuteReaderAsync();
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).OrderBy(k => k, StringComparer.Ordinal));
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                if (value is not DBNull)
                    Assert.Equal(reader.GetFieldType(i), value.GetType());
                if (rows == 1)
                    Assert.True(Equals(expected[reader.GetName(i)], value) || expected[reader.GetName(i)] is byte[] bytes && value is byte[] actual && bytes.SequenceEqual(actual),
                        $"{reader.GetName(i)} ({reader.GetDataTypeName(i)}): expected {expected[reader.GetName(i)]}, got {value}");
                if (rows == 3)
                    Assert.Equal(DBNull.Value, value is DBNull || i == 0 ? DBNull.Value : value);
            }
        }
        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task Escape_hatches_read_what_the_natural_type_cannot()
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(DemoMarts.BigQuery, connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var big = reader.GetOrdinal("big");
        Assert.Equal(BigInteger.Parse("1500000000000000000000", CultureInfo.InvariantCulture), reader.GetFieldValue<BigInteger>(big));
        Assert.Equal(1.5e21, reader.GetFieldValue<double>(big));
        Assert.Equal("1.5e+21", reader.GetFieldValue<string>(big));
        using var record = reader.GetFieldValue<JsonDocument>(reader.GetOrdinal("rec"));
        Assert.Equal(7, record.RootElement.GetProperty("x").GetInt32());
        Assert.Equal(JsonValueKind.Array, reader.GetFieldValue<JsonElement>(reader.GetOrdinal("tags")).ValueKind);
        Assert.Equal(new DateOnly(2026, 5, 1), reader.GetFieldValue<DateOnly>(reader.GetOrdinal("day")));
        Assert.Equal(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999990)), reader.GetFieldValue<TimeOnly>(reader.GetOrdinal("t")));

        var payload = reader.GetOrdinal("payload");
        Assert.Equal(3, reader.GetBytes(payload, 0, null, 0, 0));
        var buffer = new byte[2];
        Assert.Equal(2, reader.GetBytes(payload, 1, buffer, 0, 2));
        Assert.Equal("bc"u8.ToArray(), buffer);
        var chars = new char[2];
        Assert.Equal(2, reader.GetChars(reader.GetOrdinal("name"), 0, chars, 0, 5 - 3));
        Assert.Equal("hi", new string(chars));
        Assert.Equal("hi", reader.GetTextReader(reader.GetOrdinal("name")).ReadToEnd());
        Assert.Equal(3, reader.GetStream(payload).Length);
    }

    [Fact]
    public async Task Athena_omitted_keys_and_strings_read_like_the_other_warehouses()
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(DemoMarts.Athena, connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.ReadAsync());
        Assert.Equal(string.Empty, reader.GetString(reader.GetOrdinal("name")));
        Assert.True(reader.IsDBNull(reader.GetOrdinal("bin")));
        Assert.Equal(new TimeSpan(0, 0, 0, 1, 500), reader.GetValue(reader.GetOrdinal("t")));
        Assert.Equal(-1.0, reader.GetDouble(reader.GetOrdinal("ratio")));
    }
}
