using System;
using System.Data;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Dapper;
using Owox.Data.Emulator;

namespace Owox.Data.Benchmarks;

/// <summary>
/// The public read paths over the same 100,000-row pre-rendered payload served by the emulator's benchmark mode:
/// <c>dotnet run -c Release --project tests/Owox.Data.Benchmarks -- --filter *ReadPath*</c>.
/// </summary>
[MemoryDiagnoser]
public class ReadPathBenchmarks
{
    private const int Rows = 100_000;
    private OwoxEmulator? _emulator;
    private OwoxDataSource? _dataSource;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = DemoMarts.RenderAdPerformancePayload(Rows) });
        _dataSource = OwoxDataSource.Create($"Api Key={_emulator.ApiKey};Command Timeout=0");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }

    private Task<OwoxDataReader> OpenReaderAsync() => ReadPaths.OpenReaderAsync(_dataSource!);

    [Benchmark(Baseline = true)]
    public async Task<long> GetValue()
    {
        await using var reader = await OpenReaderAsync();
        return await ReadPaths.ReadWithGetValuesAsync(reader);
    }

    [Benchmark]
    public async Task<long> TypedGetters()
    {
        await using var reader = await OpenReaderAsync();
        long sum = 0;
        while (await reader.ReadAsync())
        {
            sum += reader.GetDateTime(0).Day + reader.GetString(1).Length + reader.GetInt64(4) + reader.GetInt64(5) + (long)reader.GetDecimal(7)
                + (long)reader.GetDouble(9) + (reader.GetBoolean(10) ? 1 : 0) + reader.GetDateTime(11).Second;
        }
        return sum;
    }

    [Benchmark]
    public async Task<long> GetFieldValueGeneric()
    {
        await using var reader = await OpenReaderAsync();
        long sum = 0;
        while (await reader.ReadAsync())
            sum += reader.GetFieldValue<DateOnly>(0).Day + reader.GetFieldValue<long>(4) + (long)reader.GetFieldValue<decimal>(7) + (reader.GetFieldValue<decimal?>(8) is null ? 0 : 1);
        return sum;
    }

    [Benchmark]
    public async Task<int> DapperQuery()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        return connection.Query<AdPerformanceRecord>(DemoMarts.Benchmark, buffered: false).Count();
    }

    [Benchmark]
    public async Task<int> DataTableLoad()
    {
        await using var reader = await OpenReaderAsync();
        using var table = new DataTable();
        table.Load(reader);
        return table.Rows.Count;
    }
}
