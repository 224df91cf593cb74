using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Auth;
using Owox.Data.Emulator;

namespace Owox.Data.Benchmarks;

/// <summary>
/// Time to first row against time to first byte, over the same server: how long a raw HTTP request takes to deliver
/// the first byte of the body, and how long Owox.Data takes from <c>ExecuteReaderAsync</c> to the first
/// <c>ReadAsync</c> that returns a row. Both warm (token exchanged, schema cached, connections pooled), as a command
/// after the first one is; each is the median of <see cref="Samples"/> requests, alternating between the two.
/// </summary>
internal static class FirstRowLatency
{
    public const int Samples = 21;

    public static async Task<(TimeSpan FirstByte, TimeSpan FirstRow)> MeasureAsync(string apiKey)
    {
        var key = ApiKey.Parse(apiKey);
        using var http = new HttpClient { BaseAddress = new Uri(key.ApiOrigin), Timeout = Timeout.InfiniteTimeSpan };
        var token = await ReadPaths.ExchangeAsync(http, key);
        await using var dataSource = OwoxDataSource.Create($"Api Key={apiKey};Command Timeout=0");
        await using var connection = await dataSource.OpenConnectionAsync();

        await FirstByteAsync(http, token, key);
        await FirstRowAsync(connection);
        var firstBytes = new TimeSpan[Samples];
        var firstRows = new TimeSpan[Samples];
        for (var i = 0; i < Samples; i++)
        {
            firstBytes[i] = await FirstByteAsync(http, token, key);
            firstRows[i] = await FirstRowAsync(connection);
        }
        return (Median(firstBytes), Median(firstRows));
    }

    private static async Task<TimeSpan> FirstByteAsync(HttpClient http, string token, ApiKey key)
    {
        var watch = Stopwatch.StartNew();
        using var response = await ReadPaths.StreamAsync(http, token, key);
        await using var body = await response.Content.ReadAsStreamAsync();
        if (await body.ReadAsync(new byte[1]) != 1)
            throw new InvalidOperationException("The benchmark stream is empty.");
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> FirstRowAsync(OwoxConnection connection)
    {
        var watch = Stopwatch.StartNew();
        await using var command = new OwoxCommand(DemoMarts.Benchmark, connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException("The benchmark mart returned no row.");
        return watch.Elapsed;
    }

    private static TimeSpan Median(TimeSpan[] samples) => samples.OrderBy(s => s).ElementAt(samples.Length / 2);
}
