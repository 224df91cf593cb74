using System;
using System.Data;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class ReaderTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Streams_the_demo_mart_with_exact_values_and_stable_types(bool async)
    {
        await using var connection = await fixture.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = DemoMarts.AdPerformance;
        using var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader();

        Assert.Equal(DemoMarts.AdPerformanceColumns, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        Assert.Equal(AdPerformanceExpectations.FieldTypes, Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType));
        Assert.Equal("NUMERIC", reader.GetDataTypeName(reader.GetOrdinal("cost")));
        Assert.True(reader.HasRows);
        Assert.NotNull(reader.RunId);

        var index = 0;
        var values = new object[reader.FieldCount];
        while (async ? await reader.ReadAsync() : reader.Read())
        {
            reader.GetValues(values);
            var expected = AdPerformanceExpectations.Row(index);
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(expected[i], values[i]);
                if (values[i] is not DBNull)
                    Assert.Equal(reader.GetFieldType(i), values[i].GetType());
            }
            Assert.Equal(DateTimeKind.Utc, reader.GetDateTime(11).Kind);
            index++;
        }
        Assert.Equal(EmulatorFixture.DemoRows, index);
        Assert.Equal(EmulatorFixture.DemoRows, reader.RowsRead);
        Assert.False(reader.Read());
    }

    [Fact]
    public async Task Typed_getters_and_GetFieldValue_convert_naturally()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection) { CommandType = CommandType.TableDirect };
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var row = DemoMarts.AdPerformanceRow(0);
        Assert.Equal(row.Date, reader.GetFieldValue<DateOnly>(0));
        Assert.Equal(row.Campaign, reader.GetString(1));
        Assert.Equal((int)row.Impressions, reader.GetInt32(4));
        Assert.Equal(row.Impressions, reader.GetFieldValue<long?>(4));
        Assert.Equal((double)row.Cost, reader.GetDouble(7));
        Assert.Equal(row.Cost.ToString(System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.'), reader.GetString(7).TrimEnd('0').TrimEnd('.'));
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc)), reader.GetFieldValue<DateTimeOffset>(11));
        Assert.Equal(row.IsActive, reader["is_active"]);
        Assert.Equal(reader.GetOrdinal("cost"), reader.GetOrdinal("COST"));

        var e = Assert.Throws<InvalidCastException>(() => reader.GetFieldValue<Guid>(7));
        Assert.Contains("'cost'", e.Message, StringComparison.Ordinal);
        Assert.Contains("NUMERIC", e.Message, StringComparison.Ordinal);
        Assert.Contains("Guid", e.Message, StringComparison.Ordinal);
        Assert.Throws<IndexOutOfRangeException>(() => reader.GetOrdinal("nope"));
    }

    [Fact]
    public async Task Null_values_read_as_DBNull_and_fail_typed_getters()
    {
        var nullChannel = Enumerable.Range(0, EmulatorFixture.DemoRows).First(i => DemoMarts.AdPerformanceRow(i).Channel is null);
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = command.ExecuteReader();
        for (var i = 0; i <= nullChannel; i++)
            Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(2));
        Assert.Equal(DBNull.Value, reader.GetValue(2));
        Assert.Equal(DBNull.Value, reader.GetFieldValue<object>(2));
        var e = Assert.Throws<InvalidCastException>(() => reader.GetString(2));
        Assert.Contains("NULL", e.Message, StringComparison.Ordinal);
        Assert.Null(reader.GetFieldValue<long?>(2 + 2) is long ? null : "impressions is never null");
    }

    [Fact]
    public async Task GetValues_fills_arrays_of_any_length_and_type_as_ADO_NET_specifies()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var expected = AdPerformanceExpectations.Row(0);

        var shorter = new object[3];
        Assert.Equal(3, reader.GetValues(shorter));
        Assert.Equal(expected.Take(3), shorter);

        var marker = new object();
        var longer = Enumerable.Repeat(marker, reader.FieldCount + 2).ToArray();
        Assert.Equal(reader.FieldCount, reader.GetValues(longer));
        Assert.Equal(expected, longer.Take(reader.FieldCount));
        Assert.Same(marker, longer[^1]);

        object[] strings = new string[reader.FieldCount];
        Assert.Throws<ArrayTypeMismatchException>(() => reader.GetValues(strings));
        Assert.Equal(0, reader.GetValues([]));
    }

    [Fact]
    public async Task An_empty_mart_still_has_its_columns()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(DemoMarts.Empty, connection);
        using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(13, reader.FieldCount);
        Assert.Equal(typeof(decimal), reader.GetFieldType(7));
        Assert.False(reader.HasRows);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task SchemaOnly_returns_columns_without_streaming()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = command.ExecuteReader(CommandBehavior.SchemaOnly);
        Assert.Equal(13, reader.FieldCount);
        Assert.False(reader.Read());
        Assert.Equal(before, fixture.Emulator.DataRequestCount);
        var schema = reader.GetSchemaTable();
        Assert.Equal("date", schema.Rows[0]["ColumnName"]);
        Assert.Equal(false, schema.Rows[0]["AllowDBNull"]);
        Assert.Equal(false, schema.Rows[0]["IsKey"]);
        Assert.Equal(DemoMarts.AdPerformance, schema.Rows[0]["BaseTableName"]);
        Assert.Equal("DATE", schema.Rows[0]["DataTypeName"]);
    }

    [Fact]
    public async Task ExecuteScalar_returns_the_first_value_and_closes_the_stream()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        Assert.Equal(DemoMarts.AdPerformanceRow(0).Date.ToDateTime(TimeOnly.MinValue), await command.ExecuteScalarAsync());
        Assert.Null(new OwoxCommand(DemoMarts.Empty, connection).ExecuteScalar());
    }

    [Fact]
    public async Task Unknown_and_draft_marts_are_404_with_the_server_message()
    {
        await using var connection = await fixture.OpenAsync();
        var unknown = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand("00000000-0000-4000-8000-00000000dead", connection).ExecuteReaderAsync());
        Assert.Equal(404, unknown.StatusCode);
        Assert.Contains("not found", unknown.Message, StringComparison.Ordinal);
        Assert.False(unknown.IsTransient);

        var draft = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.Draft, connection).ExecuteReaderAsync());
        Assert.Equal(404, draft.StatusCode);
        Assert.Contains($"Data Mart {DemoMarts.Draft} not found", draft.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commands_validate_their_state()
    {
        await using var connection = await fixture.OpenAsync();
        Assert.Throws<InvalidOperationException>(() => new OwoxCommand("", connection).ExecuteReader());
        Assert.Throws<InvalidOperationException>(() => new OwoxCommand(DemoMarts.AdPerformance).ExecuteReader());
        Assert.Throws<NotSupportedException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteNonQuery());
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwoxCommand().CommandType = (CommandType)99);
        using var closed = new OwoxConnection(fixture.ApiKey);
        var e = Assert.Throws<InvalidOperationException>(() => new OwoxCommand(DemoMarts.AdPerformance, closed).ExecuteReader());
        Assert.Contains("open connection", e.Message, StringComparison.Ordinal);
    }
}
