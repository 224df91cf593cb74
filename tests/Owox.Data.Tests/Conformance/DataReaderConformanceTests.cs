using System;
using System.IO;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

/// <summary>An emulator with one extra mart whose values sit at the edges of the CLR types.</summary>
public sealed class EdgeValuesFixture : EmulatorFixture
{
    public string EdgeMart { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        EdgeMart = Emulator.CreateDataMart(
            new DataMartDefinition
            {
                Title = "Edge values",
                Columns = { new DataMartColumn("huge", "FLOAT"), new DataMartColumn("tiny", "FLOAT"), new DataMartColumn("wide", "INTEGER"), new DataMartColumn("bytes", "BYTES") },
            },
            [[1e300, 2.23e-308, 100_000L, new byte[] { 1, 2, 3 }]]);
    }
}

public abstract class DataReaderConformanceTests(EdgeValuesFixture fixture, bool isAsync) : SyncOrAsyncTest(fixture, isAsync)
{
    private async Task<OwoxDataReader> EdgeRowAsync()
    {
        var connection = await OpenNewAsync();
        var command = new OwoxCommand(fixture.EdgeMart, connection);
        var reader = (OwoxDataReader)await ExecuteReaderAsync(command);
        Assert.True(await ReadAsync(reader));
        return reader;
    }

    [Fact]
    public async Task Narrow_integer_getters_throw_OverflowException_itself()
    {
        using var reader = await EdgeRowAsync();
        Assert.IsType<OverflowException>(Record.Exception(() => reader.GetInt16(2)));
        Assert.IsType<OverflowException>(Record.Exception(() => reader.GetByte(2)));
        Assert.IsType<OverflowException>(Record.Exception(() => reader.GetFieldValue<short>(2)));
        Assert.Equal(100_000, reader.GetInt32(2));
    }

    [Fact]
    public async Task No_conversion_silently_loses_the_value()
    {
        using var reader = await EdgeRowAsync();
        Assert.IsType<OverflowException>(Record.Exception(() => reader.GetFloat(0)));
        Assert.IsType<OverflowException>(Record.Exception(() => reader.GetDecimal(1)));
        Assert.IsType<OverflowException>(Record.Exception(() => reader.GetByte(1)));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(2.23e-308, reader.GetDouble(1));
        Assert.Equal(1e300, reader.GetDouble(0));
    }

    [Fact]
    public async Task GetFieldValue_of_Stream_and_TextReader_work_like_GetStream_and_GetTextReader()
    {
        using var reader = await EdgeRowAsync();
        using var stream = reader.GetFieldValue<Stream>(3);
        var bytes = new byte[8];
        Assert.Equal(3, stream.Read(bytes, 0, bytes.Length));
        Assert.Equal(new byte[] { 1, 2, 3 }, bytes[..3]);
        using var text = reader.GetFieldValue<TextReader>(2);
        Assert.Equal("100000", text.ReadToEnd());
    }

    [Fact]
    public async Task GetBytes_and_GetChars_from_the_end_of_the_value_on_return_0()
    {
        using var reader = await EdgeRowAsync();
        var buffer = new byte[4];
        Assert.Equal(3, reader.GetBytes(3, 0, null, 0, 0));
        Assert.Equal(0, reader.GetBytes(3, 3, buffer, 0, 4));
        Assert.Equal(0, reader.GetBytes(3, 10, buffer, 0, 4));
        var chars = new char[4];
        Assert.Equal(0, reader.GetChars(2, 6, chars, 0, 4));
        Assert.Equal(2, reader.GetChars(2, 4, chars, 0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.GetBytes(3, -1, buffer, 0, 4));
    }

    [Fact]
    public async Task HasRows_peeks_without_losing_the_row_and_a_closed_reader_refuses_reads()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand($"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" LIMIT 2", connection);
        var reader = await ExecuteReaderAsync(command);
        Assert.True(reader.HasRows);
        Assert.Throws<InvalidOperationException>(() => reader.GetString(0));
        Assert.True(await ReadAsync(reader));
        Assert.Equal(DemoMarts.AdPerformanceRow(0).Campaign, reader.GetString(0));
        Assert.True(await ReadAsync(reader));
        Assert.False(await ReadAsync(reader));
        Assert.True(reader.HasRows);
        reader.Dispose();
        Assert.True(reader.IsClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAsync(reader));
    }

    [Fact]
    public async Task An_empty_result_has_no_rows_and_keeps_its_columns()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand(DemoMarts.Empty, connection);
        using var reader = await ExecuteReaderAsync(command);
        Assert.False(reader.HasRows);
        Assert.True(reader.FieldCount > 0);
        Assert.False(await ReadAsync(reader));
    }

    public sealed class Sync(EdgeValuesFixture fixture) : DataReaderConformanceTests(fixture, isAsync: false), IClassFixture<EdgeValuesFixture>;

    public sealed class Async(EdgeValuesFixture fixture) : DataReaderConformanceTests(fixture, isAsync: true), IClassFixture<EdgeValuesFixture>;
}
