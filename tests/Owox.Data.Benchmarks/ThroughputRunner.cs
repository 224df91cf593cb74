using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Emulator;
using Owox.Data.Reading;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data.Benchmarks;

/// <summary>
/// Measures, in one run over the same pre-rendered NDJSON payload served by the emulator's benchmark mode:
/// the HTTP drain limit, the in-memory limit of Owox.Data's own parser, the naive ReadLine + JsonDocument
/// baseline, and Owox.Data through its public API (typed getters on all 13 columns, GetValue, 2 columns,
/// Dapper). Every path turns every value it reads into a typed .NET value. Prints rows/s, MB/s, bytes
/// allocated per row, peak working set (of the whole process, which also holds the payload and the emulator),
/// and the ratios the performance goals are stated in. Each figure is the median of three runs after a warm-up.
/// </summary>
internal static class ThroughputRunner
{
    /// <summary>Each path runs this many times after a warm-up; the median is reported (the machine is shared and noisy).</summary>
    private const int Repetitions = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = 2_000_000;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--rows")
                rows = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }

        Console.Error.WriteLine($"Rendering {rows:N0} ad-performance rows...");
        var payload = DemoMarts.RenderAdPerformancePayload(rows);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = payload });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var token = await ExchangeAsync(http, emulator.ApiKey);
        await using var dataSource = OwoxDataSource.Create($"Api Key={emulator.ApiKey};Command Timeout=0");
        var columns = await ColumnsAsync(dataSource);

        var results = new List<Measurement>();
        async Task Run(string name, Func<Task<long>> body)
        {
            await body();
            var runs = new List<Measurement>();
            for (var attempt = 0; attempt < Repetitions; attempt++)
            {
                var measurement = await Measurement.RunAsync(name, payload.Length, body);
                if (measurement.Rows != rows)
                    throw new InvalidOperationException($"{name} read {measurement.Rows} rows instead of {rows}.");
                runs.Add(measurement);
            }
            var median = runs.OrderBy(r => r.RowsPerSecond).ElementAt(Repetitions / 2);
            results.Add(median);
            Console.Error.WriteLine($"  {name}: {median.RowsPerSecond:N0} rows/s (median of {Repetitions})");
        }

        await Run("HTTP drain (no parsing)", () => DrainAsync(http, token, emulator.ApiKey));
        await Run("In-memory parse limit (Owox parser)", () => Task.FromResult(ParseInMemory(payload, columns)));
        await Run("ReadLine + JsonDocument (naive)", () => NaiveAsync(http, token, emulator.ApiKey));
        await Run("Owox.Data, typed getters, 13 columns", () => OwoxTypedAsync(dataSource));
        await Run("Owox.Data, GetValue, 13 columns", () => OwoxGetValueAsync(dataSource));
        await Run("Owox.Data, 2 of 13 columns", () => OwoxTwoColumnsAsync(dataSource));
        await Run("Owox.Data + Dapper Query<T> unbuffered", () => DapperAsync(dataSource));

        Print(results, rows, payload.Length);
        return 0;
    }

    private static void Print(List<Measurement> results, int rows, long bytes)
    {
        Console.WriteLine($"Owox.Data throughput — {rows:N0} rows, {bytes / 1_000_000.0:N1} MB ({bytes / (double)rows:N0} B/row), 13 columns, loopback HTTP");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine($"| {"read path",-40} | {"rows/s",12} | {"MB/s",8} | {"alloc B/row",11} | {"peak WS MiB",11} |");
        Console.WriteLine($"|{new string('-', 42)}|{new string('-', 14)}|{new string('-', 10)}|{new string('-', 13)}|{new string('-', 13)}|");
        foreach (var m in results)
            Console.WriteLine($"| {m.Name,-40} | {m.RowsPerSecond,12:N0} | {m.MegabytesPerSecond,8:N1} | {m.AllocatedPerRow,11:N1} | {m.PeakWorkingSet / 1048576.0,11:N0} |");

        double Rate(string prefix) => results.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).RowsPerSecond;
        var typed = Rate("Owox.Data, typed");
        Console.WriteLine();
        Console.WriteLine($"Owox.Data typed / naive baseline        : {typed / Rate("ReadLine"):N2}x  (goal >= 2.5x)");
        Console.WriteLine($"Owox.Data typed / in-memory parse limit : {typed / Rate("In-memory"):N2}x  (goal >= 0.9x)");
        Console.WriteLine($"Owox.Data typed / HTTP drain            : {typed / Rate("HTTP drain"):N2}x");
        Console.WriteLine($"Owox.Data 2 columns / 13 columns        : {Rate("Owox.Data, 2 of") / typed:N2}x");
    }

    private static async Task<string> ExchangeAsync(HttpClient http, string apiKey)
    {
        var key = Owox.Data.Auth.ApiKey.Parse(apiKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/api-keys/exchange")
        {
            Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["apiKeySecret"] = key.ApiKeySecret }), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-owox-api-key-id", key.ApiKeyId);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpResponseMessage> StreamAsync(HttpClient http, string token, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/external/http-data/data-marts/{DemoMarts.Benchmark}.ndjson");
        request.Headers.Add("x-owox-authorization", "Bearer " + token);
        request.Headers.Add("x-owox-api-key-id", Owox.Data.Auth.ApiKey.Parse(apiKey).ApiKeyId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<long> DrainAsync(HttpClient http, string token, string apiKey)
    {
        using var response = await StreamAsync(http, token, apiKey);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long rows = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
            rows += buffer.AsSpan(0, read).Count((byte)'\n');
        return rows;
    }

    private static async Task<ResultColumn[]> ColumnsAsync(OwoxDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var schema = await dataSource.GetSchemaAsync(DemoMarts.Benchmark, async: true, CancellationToken.None)
            ?? throw new InvalidOperationException("The benchmark mart has no schema.");
        return ResultColumnResolver.Resolve(new Owox.Data.Query.DataMartQuery(Owox.Data.Query.QueryTarget.DataMart, DemoMarts.Benchmark), schema);
    }

    /// <summary>Owox.Data's own line reader, tokenizer and converters over bytes already in memory: the parser's ceiling.</summary>
    private static long ParseInMemory(byte[] payload, ResultColumn[] columns)
    {
        using var lines = new NdjsonLineReader(new MemoryStream(payload, writable: false), 64 * 1024 * 1024);
        var tokenizer = new RowTokenizer(columns);
        long rows = 0;
        while (lines.ReadLineAsync(async: false, CancellationToken.None).GetAwaiter().GetResult())
        {
            var line = lines.Line;
            tokenizer.Tokenize(line);
            for (var i = 0; i < columns.Length; i++)
            {
                if (!tokenizer.IsNull(i))
                    Consume(columns[i].Kind, tokenizer.Value(line, i));
            }
            rows++;
        }
        return rows;
    }

    private static void Consume(OwoxValueKind kind, RawValue value)
    {
        switch (kind)
        {
            case OwoxValueKind.Int64: Sink.Long = ValueConverter.To<long>(kind, value); break;
            case OwoxValueKind.Decimal: Sink.Decimal = ValueConverter.To<decimal>(kind, value); break;
            case OwoxValueKind.Double: Sink.Double = ValueConverter.To<double>(kind, value); break;
            case OwoxValueKind.Boolean: Sink.Bool = ValueConverter.To<bool>(kind, value); break;
            case OwoxValueKind.Date or OwoxValueKind.TimestampUtc or OwoxValueKind.DateTime: Sink.DateTime = ValueConverter.To<DateTime>(kind, value); break;
            default: Sink.String = ValueConverter.To<string>(kind, value); break;
        }
    }

    private static async Task<long> NaiveAsync(HttpClient http, string token, string apiKey)
    {
        using var response = await StreamAsync(http, token, apiKey);
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        long rows = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
                continue;
            using var document = JsonDocument.Parse(line);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (property.Name)
                {
                    case "date": Sink.DateTime = DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture); break;
                    case "created_at": Sink.DateTime = value.GetDateTime(); break;
                    case "impressions" or "clicks" or "conversions": Sink.Long = value.GetInt64(); break;
                    case "cost" or "revenue" when value.ValueKind == JsonValueKind.String: Sink.Decimal = decimal.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture); break;
                    case "ctr": Sink.Double = value.GetDouble(); break;
                    case "is_active": Sink.Bool = value.GetBoolean(); break;
                    default: Sink.String = value.ValueKind == JsonValueKind.String ? value.GetString() : null; break;
                }
            }
            rows++;
        }
        return rows;
    }

    private static async Task<long> OwoxTypedAsync(OwoxDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new OwoxCommand(DemoMarts.Benchmark, connection);
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            Sink.DateTime = reader.GetDateTime(0);
            Sink.String = reader.GetString(1);
            Sink.String = reader.IsDBNull(2) ? null : reader.GetString(2);
            Sink.String = reader.GetString(3);
            Sink.Long = reader.GetInt64(4);
            Sink.Long = reader.GetInt64(5);
            Sink.Long = reader.GetInt64(6);
            Sink.Decimal = reader.GetDecimal(7);
            Sink.Decimal = reader.IsDBNull(8) ? 0 : reader.GetDecimal(8);
            Sink.Double = reader.GetDouble(9);
            Sink.Bool = reader.GetBoolean(10);
            Sink.DateTime = reader.GetDateTime(11);
            Sink.String = reader.IsDBNull(12) ? null : reader.GetString(12);
            rows++;
        }
        return rows;
    }

    private static async Task<long> OwoxGetValueAsync(OwoxDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new OwoxCommand(DemoMarts.Benchmark, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        long rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }

    private static async Task<long> OwoxTwoColumnsAsync(OwoxDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new OwoxCommand(DemoMarts.Benchmark, connection);
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            Sink.Long = reader.GetInt64(4);
            Sink.Decimal = reader.GetDecimal(7);
            rows++;
        }
        return rows;
    }

    private static async Task<long> DapperAsync(OwoxDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        long rows = 0;
        foreach (var row in connection.Query<AdPerformanceRecord>(DemoMarts.Benchmark, buffered: false))
        {
            Sink.Long = row.Impressions;
            rows++;
        }
        return rows;
    }

    /// <summary>Keeps the JIT from discarding the values read.</summary>
    private static class Sink
    {
        public static long Long;
        public static decimal Decimal;
        public static double Double;
        public static bool Bool;
        public static DateTime DateTime;
        public static string? String;
    }
}
