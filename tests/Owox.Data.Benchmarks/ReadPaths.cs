using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Auth;
using Owox.Data.Emulator;
using Owox.Data.Reading;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data.Benchmarks;

/// <summary>
/// The child side of <see cref="ChildProcess"/>: reads a <see cref="MeasureRequest"/> from stdin, prepares the read path
/// (token, schema, and for the in-memory path the block itself), measures it with <see cref="Measurement.MeasureAsync"/>
/// and prints the result as one JSON line. Every path reads the whole stream and turns every value it reads into a
/// typed .NET value; each returns the rows it read.
/// </summary>
internal static class ReadPaths
{
    public static async Task<int> RunChildAsync()
    {
        var request = JsonSerializer.Deserialize<MeasureRequest>(await Console.In.ReadLineAsync() ?? "null", ChildProcess.Json)
            ?? throw new InvalidOperationException("Expected a measurement request on stdin.");
        var key = ApiKey.Parse(request.ApiKey);
        using var http = new HttpClient { BaseAddress = new Uri(key.ApiOrigin), Timeout = Timeout.InfiniteTimeSpan };
        await using var dataSource = OwoxDataSource.Create($"Api Key={request.ApiKey};Command Timeout=0");
        Func<Task<long>> pass;
        switch (request.Path)
        {
            case ReadPath.HttpDrain:
            {
                var token = await ExchangeAsync(http, key);
                pass = () => DrainAsync(http, token, key);
                break;
            }
            case ReadPath.InMemoryParse:
            {
                var columns = await ColumnsAsync(dataSource);
                var block = await DownloadBlockAsync(http, await ExchangeAsync(http, key), key, request.BlockBytes);
                pass = () => Task.FromResult(ParseInMemory(block, request.Repeat, columns));
                break;
            }
            case ReadPath.Naive:
            {
                var token = await ExchangeAsync(http, key);
                pass = () => NaiveAsync(http, token, key);
                break;
            }
            case ReadPath.OwoxTyped:
                pass = () => OwoxTypedAsync(dataSource);
                break;
            case ReadPath.OwoxGetValue:
                pass = () => OwoxGetValueAsync(dataSource);
                break;
            case ReadPath.OwoxTwoColumns:
                pass = () => OwoxTwoColumnsAsync(dataSource);
                break;
            case ReadPath.Dapper:
                pass = () => DapperAsync(dataSource);
                break;
            default:
                throw new InvalidOperationException($"Unknown read path {request.Path}.");
        }

        var measurement = await Measurement.MeasureAsync(pass);
        Console.WriteLine(JsonSerializer.Serialize(measurement, ChildProcess.Json));
        return 0;
    }

    internal static async Task<string> ExchangeAsync(HttpClient http, ApiKey key)
    {
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

    internal static async Task<HttpResponseMessage> StreamAsync(HttpClient http, string token, ApiKey key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/external/http-data/data-marts/{DemoMarts.Benchmark}.ndjson");
        request.Headers.Add("x-owox-authorization", "Bearer " + token);
        request.Headers.Add("x-owox-api-key-id", key.ApiKeyId);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static async Task<long> DrainAsync(HttpClient http, string token, ApiKey key)
    {
        using var response = await StreamAsync(http, token, key);
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

    /// <summary>The first <paramref name="blockBytes"/> bytes the emulator serves: exactly one pre-rendered block (the rest of a repeated stream is left unread).</summary>
    private static async Task<byte[]> DownloadBlockAsync(HttpClient http, string token, ApiKey key, int blockBytes)
    {
        using var response = await StreamAsync(http, token, key);
        await using var body = await response.Content.ReadAsStreamAsync();
        var block = new byte[blockBytes];
        await body.ReadExactlyAsync(block);
        return block;
    }

    /// <summary>Owox.Data's own line reader, tokenizer and converters over bytes already in memory: the parser's ceiling.</summary>
    private static long ParseInMemory(byte[] block, int repeat, ResultColumn[] columns)
    {
        var lines = new NdjsonLineReader(new RepeatedBlockStream(block, repeat), 64 * 1024 * 1024);
        var tokenizer = new RowTokenizer(columns);
        long rows = 0;
        while (lines.ReadLineAsync(async: false, CancellationToken.None).GetAwaiter().GetResult())
        {
            var line = lines.Line;
            tokenizer.Tokenize(line);
            for (var i = 0; i < columns.Length; i++)
            {
                if (tokenizer.TryGetValue(line, i, out var value))
                    Consume(columns[i].Kind, value);
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

    private static async Task<long> NaiveAsync(HttpClient http, string token, ApiKey key)
    {
        using var response = await StreamAsync(http, token, key);
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
        await using var reader = await OpenReaderAsync(dataSource);
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
        await using var reader = await OpenReaderAsync(dataSource);
        return await ReadWithGetValuesAsync(reader);
    }

    /// <summary>A reader over the benchmark mart, as every Owox.Data path opens it; disposing it closes its connection.</summary>
    internal static async Task<OwoxDataReader> OpenReaderAsync(OwoxDataSource dataSource)
    {
        var connection = await dataSource.OpenConnectionAsync();
        try
        {
            await using var command = new OwoxCommand(DemoMarts.Benchmark, connection);
            return await command.ExecuteReaderAsync(CommandBehavior.CloseConnection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every row through <c>GetValues</c> (boxed values); returns the rows read.</summary>
    internal static async Task<long> ReadWithGetValuesAsync(OwoxDataReader reader)
    {
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
        await using var reader = await OpenReaderAsync(dataSource);
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
