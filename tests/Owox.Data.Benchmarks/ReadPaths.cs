using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.IO;
using System.Linq;
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
            case ReadPath.ReaderInMemory:
            {
                var columns = await ColumnsAsync(dataSource);
                var block = await DownloadBlockAsync(http, await ExchangeAsync(http, key), key, request.BlockBytes);
                pass = () => Task.FromResult(ReaderInMemory(block, request.Repeat, columns));
                break;
            }
            case ReadPath.Naive:
            {
                var columns = await ColumnsAsync(dataSource);
                var token = await ExchangeAsync(http, key);
                pass = () => NaiveAsync(http, token, key, columns);
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

        var measurement = await Measurement.MeasureAsync(pass, () => Sink.Checksum);
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
                    Consume(i, columns[i].Kind, value);
            }
            rows++;
        }
        return rows;
    }

    /// <summary>
    /// A plain <see cref="Utf8JsonReader"/> over each line of the block in memory: keys matched to columns by their UTF-8
    /// bytes (the last position's column first), every value converted with <c>Utf8JsonReader</c>'s own getters or the
    /// BCL's parsers, nested values kept as their JSON text: what a good hand-written parser costs.
    /// </summary>
    private static long ReaderInMemory(byte[] block, int repeat, ResultColumn[] columns)
    {
        long rows = 0;
        var hints = new int[Math.Max(64, columns.Length * 2)];
        for (var pass = 0; pass < repeat; pass++)
        {
            var rest = block.AsSpan();
            while (rest.Length > 0)
            {
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (line.IsEmpty)
                    continue;
                var reader = new Utf8JsonReader(line);
                reader.Read();
                var position = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var ordinal = Match(ref reader, columns, hints, position++);
                    reader.Read();
                    if (ordinal >= 0 && reader.TokenType != JsonTokenType.Null)
                        ReaderValue(ref reader, line, ordinal, columns[ordinal].Kind);
                    else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        reader.Skip();
                }
                rows++;
            }
        }
        return rows;
    }

    private static int Match(ref Utf8JsonReader reader, ResultColumn[] columns, int[] hints, int position)
    {
        var hint = position < hints.Length ? hints[position] : 0;
        if (hint < columns.Length && reader.ValueTextEquals(columns[hint].KeyUtf8))
            return hint;
        for (var i = 0; i < columns.Length; i++)
        {
            if (reader.ValueTextEquals(columns[i].KeyUtf8))
            {
                if (position < hints.Length)
                    hints[position] = i;
                return i;
            }
        }
        return -1;
    }

    private static void ReaderValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, int ordinal, OwoxValueKind kind)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            Sink.Add(ordinal, System.Text.Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]));
            return;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            TextValue(ordinal, kind, reader.GetString()!);
            return;
        }
        switch (kind)
        {
            case OwoxValueKind.Int64: Sink.Add(ordinal, reader.GetInt64()); break;
            case OwoxValueKind.Decimal: Sink.Add(ordinal, reader.GetDecimal()); break;
            case OwoxValueKind.Double: Sink.Add(ordinal, reader.GetDouble()); break;
            case OwoxValueKind.Boolean: Sink.Add(ordinal, reader.GetBoolean()); break;
            default: Sink.Add(ordinal, System.Text.Encoding.UTF8.GetString(reader.ValueSpan)); break;
        }
    }

    private static void Consume(int ordinal, OwoxValueKind kind, RawValue value)
    {
        switch (kind)
        {
            case OwoxValueKind.Int64: Sink.Add(ordinal, ValueConverter.To<long>(kind, value)); break;
            case OwoxValueKind.Decimal: Sink.Add(ordinal, ValueConverter.To<decimal>(kind, value)); break;
            case OwoxValueKind.Double: Sink.Add(ordinal, ValueConverter.To<double>(kind, value)); break;
            case OwoxValueKind.Boolean: Sink.Add(ordinal, ValueConverter.To<bool>(kind, value)); break;
            case OwoxValueKind.Date or OwoxValueKind.TimestampUtc or OwoxValueKind.DateTime: Sink.Add(ordinal, ValueConverter.To<DateTime>(kind, value)); break;
            case OwoxValueKind.Time: Sink.Add(ordinal, ValueConverter.To<TimeSpan>(kind, value)); break;
            case OwoxValueKind.Bytes: Sink.Add(ordinal, ValueConverter.To<byte[]>(kind, value)); break;
            default: Sink.Add(ordinal, ValueConverter.To<string>(kind, value)); break;
        }
    }

    /// <summary>
    /// What a hand-written client does: <c>ReadLine</c>, <c>JsonDocument.Parse</c>, and per property the column's type
    /// looked up by name and converted with the BCL's parsers (in the forms each warehouse sends, wire-protocol §3.8).
    /// </summary>
    private static async Task<long> NaiveAsync(HttpClient http, string token, ApiKey key, ResultColumn[] columns)
    {
        var byName = new Dictionary<string, (int Ordinal, OwoxValueKind Kind)>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
            byName[columns[i].Key] = (i, columns[i].Kind);
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
                if (property.Value.ValueKind != JsonValueKind.Null && byName.TryGetValue(property.Name, out var column))
                    NaiveValue(column.Ordinal, column.Kind, property.Value);
            }
            rows++;
        }
        return rows;
    }

    private static void NaiveValue(int ordinal, OwoxValueKind kind, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            TextValue(ordinal, kind, value.GetString()!);
            return;
        }
        switch (kind)
        {
            case OwoxValueKind.Int64: Sink.Add(ordinal, value.GetInt64()); break;
            case OwoxValueKind.Decimal: Sink.Add(ordinal, value.GetDecimal()); break;
            case OwoxValueKind.Double: Sink.Add(ordinal, value.GetDouble()); break;
            case OwoxValueKind.Boolean: Sink.Add(ordinal, value.GetBoolean()); break;
            default: Sink.Add(ordinal, value.GetRawText()); break;
        }
    }

    /// <summary>
    /// A value the warehouse sent as a JSON string, converted the way the baselines do with the BCL's parsers (the forms
    /// of wire-protocol §3.8: Athena's numbers and booleans, dates, instants, Snowflake's quoted TIME, base64 bytes).
    /// </summary>
    private static void TextValue(int ordinal, OwoxValueKind kind, string text)
    {
        switch (kind)
        {
            case OwoxValueKind.Int64: Sink.Add(ordinal, long.Parse(text, CultureInfo.InvariantCulture)); break;
            case OwoxValueKind.Decimal: Sink.Add(ordinal, decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)); break;
            case OwoxValueKind.Double: Sink.Add(ordinal, double.Parse(text, CultureInfo.InvariantCulture)); break;
            case OwoxValueKind.Boolean: Sink.Add(ordinal, bool.Parse(text)); break;
            case OwoxValueKind.Date: Sink.Add(ordinal, DateTime.Parse(text, CultureInfo.InvariantCulture).Date); break;
            case OwoxValueKind.TimestampUtc: Sink.Add(ordinal, NaiveInstant(text)); break;
            case OwoxValueKind.DateTime: Sink.Add(ordinal, DateTime.Parse(text, CultureInfo.InvariantCulture)); break;
            case OwoxValueKind.Time: Sink.Add(ordinal, TimeSpan.Parse(text.Trim('"'), CultureInfo.InvariantCulture)); break;
            case OwoxValueKind.Bytes: Sink.Add(ordinal, Convert.FromBase64String(text)); break;
            default: Sink.Add(ordinal, text); break;
        }
    }

    /// <summary>An instant as the warehouses write it: ISO with <c>Z</c> (up to 9 fractional digits), or with a <c>±hhmm</c> offset.</summary>
    private static DateTime NaiveInstant(string text)
    {
        if (text.Length > 5 && text[^5] is '+' or '-' && text[^6] == ' ')
            text = text[..^2] + ":" + text[^2..];
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && text.EndsWith('Z') && text.Length - dot - 2 > 7)
            text = text[..(dot + 8)] + "Z";
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;
    }

    /// <summary>Owox.Data's typed getter for each column's type, on every column.</summary>
    private static async Task<long> OwoxTypedAsync(OwoxDataSource dataSource)
    {
        await using var reader = await OpenReaderAsync(dataSource);
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < types.Length; i++)
                ReadTyped(reader, i, types[i]);
            rows++;
        }
        return rows;
    }

    private static void ReadTyped(OwoxDataReader reader, int ordinal, Type type)
    {
        if (reader.IsDBNull(ordinal))
            return;
        if (type == typeof(long))
            Sink.Add(ordinal, reader.GetInt64(ordinal));
        else if (type == typeof(decimal))
            Sink.Add(ordinal, reader.GetDecimal(ordinal));
        else if (type == typeof(double))
            Sink.Add(ordinal, reader.GetDouble(ordinal));
        else if (type == typeof(bool))
            Sink.Add(ordinal, reader.GetBoolean(ordinal));
        else if (type == typeof(DateTime))
            Sink.Add(ordinal, reader.GetDateTime(ordinal));
        else if (type == typeof(TimeSpan))
            Sink.Add(ordinal, reader.GetFieldValue<TimeSpan>(ordinal));
        else if (type == typeof(byte[]))
            Sink.Add(ordinal, reader.GetFieldValue<byte[]>(ordinal));
        else
            Sink.Add(ordinal, reader.GetString(ordinal));
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
            for (var i = 0; i < values.Length; i++)
                Sink.Add(i, values[i]);
            rows++;
        }
        return rows;
    }

    /// <summary>Two numeric columns of the row (the first integer and the first exact or floating column), no string read.</summary>
    private static async Task<long> OwoxTwoColumnsAsync(OwoxDataSource dataSource)
    {
        await using var reader = await OpenReaderAsync(dataSource);
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToList();
        var first = Math.Max(0, types.IndexOf(typeof(long)));
        var second = types.FindIndex(t => t == typeof(decimal) || t == typeof(double));
        second = second < 0 ? (first + 1) % types.Count : second;
        long rows = 0;
        while (await reader.ReadAsync())
        {
            ReadTyped(reader, first, types[first]);
            ReadTyped(reader, second, types[second]);
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
            Sink.Add(0, row.Date);
            Sink.Add(1, row.Campaign);
            if (row.Channel is not null)
                Sink.Add(2, row.Channel);
            Sink.Add(3, row.Country);
            Sink.Add(4, row.Impressions);
            Sink.Add(5, row.Clicks);
            Sink.Add(6, row.Conversions);
            Sink.Add(7, row.Cost);
            if (row.Revenue is { } revenue)
                Sink.Add(8, revenue);
            Sink.Add(9, row.Ctr);
            Sink.Add(10, row.Is_Active);
            Sink.Add(11, row.Created_At);
            if (row.Notes is not null)
                Sink.Add(12, row.Notes);
            rows++;
        }
        return rows;
    }

    /// <summary>
    /// Keeps the JIT from discarding the values read, and sums a cheap hash of each (weighted by its column) into
    /// <see cref="Checksum"/>, the same for every path that reads the same values, whatever order it reads them in.
    /// </summary>
    internal static class Sink
    {
        public static long Checksum;

        public static void Add(int ordinal, long value) => Mix(ordinal, value);

        public static void Add(int ordinal, decimal value) => Mix(ordinal, value.GetHashCode());

        public static void Add(int ordinal, double value) => Mix(ordinal, BitConverter.DoubleToInt64Bits(value));

        public static void Add(int ordinal, bool value) => Mix(ordinal, value ? 1 : 2);

        public static void Add(int ordinal, DateTime value) => Mix(ordinal, value.Ticks);

        public static void Add(int ordinal, TimeSpan value) => Mix(ordinal, value.Ticks);

        public static void Add(int ordinal, byte[] value) => Mix(ordinal, value.Length);

        public static void Add(int ordinal, string value) => Mix(ordinal, value.Length * 65_537L + (value.Length == 0 ? 0 : value[0] + value[^1] * 31L));

        /// <summary>
        /// A boxed value; a NULL (<see cref="DBNull"/>) is passed over first, as every other path passes over NULLs. The
        /// array type is tested last: it is the one test that is a call, not a comparison of the type.
        /// </summary>
        public static void Add(int ordinal, object value)
        {
            switch (value)
            {
                case DBNull: break;
                case string text: Add(ordinal, text); break;
                case long l: Add(ordinal, l); break;
                case decimal m: Add(ordinal, m); break;
                case double d: Add(ordinal, d); break;
                case bool b: Add(ordinal, b); break;
                case DateTime t: Add(ordinal, t); break;
                case TimeSpan t: Add(ordinal, t); break;
                case byte[] bytes: Add(ordinal, bytes); break;
            }
        }

        private static void Mix(int ordinal, long hash) => Checksum += (hash ^ (hash >> 29)) * (2L * ordinal + 1);
    }
}
