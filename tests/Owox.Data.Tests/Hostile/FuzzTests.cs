using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Auth;

namespace Owox.Data.Tests.Hostile;

/// <summary>
/// Seeded random mutations of valid NDJSON and keys: every case ends in correct rows or a clear
/// OwoxException/InvalidCastException — never another exception type, a hang or a crash.
/// </summary>
public class FuzzTests
{
    private const string Schema = """
        {"id":"m","storage":{"type":"GOOGLE_BIGQUERY"},"schema":{"type":"bigquery-data-mart-schema","fields":[
        {"name":"d","type":"DATE"},{"name":"s","type":"STRING"},{"name":"n","type":"INTEGER"},{"name":"x","type":"NUMERIC"},
        {"name":"f","type":"FLOAT"},{"name":"b","type":"BOOLEAN"},{"name":"ts","type":"TIMESTAMP"},{"name":"j","type":"JSON"}]}}
        """;

    private static readonly string ValidBody = BuildValidBody();

    private static string BuildValidBody()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 20; i++)
            text.Append(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{{\"d\":\"2026-05-{(i % 28) + 1:00}\",\"s\":\"v\\\"{i}\\\\ é\",\"n\":{i * 7},\"x\":\"{i}.25\",\"f\":{i}.5,\"b\":{(i % 2 == 0 ? "true" : "false")},\"ts\":\"2025-05-01T12:34:56.{i:000}Z\",\"j\":{{\"k\":[{i}]}}}}")).Append('\n');
        return text.ToString();
    }

    private const string Specials = "{}[]\",:\\\n0e-.\u00ff";

    private static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = new List<byte>(input);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveAt(at); break;
                case 2: bytes.Insert(at, (byte)Specials[random.Next(Specials.Length)]); break;
                case 3: bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 40))); break;
                default:
                    var from = random.Next(bytes.Count);
                    bytes.InsertRange(at, bytes.GetRange(from, Math.Min(20, bytes.Count - from)));
                    break;
            }
        }
        return bytes.ToArray();
    }

    [Theory]
    [InlineData("Metadata")]
    [InlineData("Infer")]
    public async Task Mutated_ndjson_gives_rows_or_a_clear_error(string schemaSource)
    {
        var random = new Random(20261123);
        var valid = Encoding.UTF8.GetBytes(ValidBody);
        var outcomes = new Dictionary<string, int>();
        for (var run = 0; run < 1500; run++)
        {
            var body = Mutate(valid, random);
            await using var dataSource = StubOwoxServer.DataSource(() => Ndjson(body), Schema, schemaSource);
            await using var connection = await dataSource.OpenConnectionAsync();
            using var command = new OwoxCommand("m", connection);
            var watch = Stopwatch.StartNew();
            string outcome;
            try
            {
                using var reader = await command.ExecuteReaderAsync();
                var values = new object[reader.FieldCount];
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        try
                        {
                            values[i] = reader.GetValue(i);
                            _ = reader.GetString(i);
                        }
                        catch (InvalidCastException)
                        {
                            // a value that does not convert: a clear, per-value error; the row and the rest stay readable
                        }
                    }
                }
                outcome = "rows";
            }
            catch (OwoxException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                outcome = e.Code ?? "owox";
            }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"case {run} took {watch.Elapsed}");
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        Assert.True(outcomes.GetValueOrDefault("rows") > 0);
        Assert.True(outcomes.GetValueOrDefault("MALFORMED_NDJSON") > 0);
    }

    [Fact]
    public void Mutated_keys_give_a_clear_error_without_the_secret()
    {
        var random = new Random(7);
        var valid = Encoding.ASCII.GetBytes(StubOwoxServer.ApiKey);
        for (var run = 0; run < 3000; run++)
        {
            var text = Encoding.Latin1.GetString(Mutate(valid, random));
            try
            {
                ApiKey.Parse(text);
            }
            catch (OwoxException e)
            {
                Assert.StartsWith("OWOX_API_KEY", e.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(StubOwoxServer.Secret, e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_endless_line_is_refused_at_the_row_limit_without_exhausting_memory()
    {
        await using var dataSource = StubOwoxServer.DataSource(() => new StreamContent(new EndlessLineStream()) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-ndjson") } }, Schema);
        await using var connection = await dataSource.OpenConnectionAsync();
        var e = await Assert.ThrowsAsync<OwoxException>(async () =>
        {
            using var reader = await new OwoxCommand("m", connection).ExecuteReaderAsync();
            await reader.ReadAsync();
        });
        Assert.Equal("ROW_TOO_LARGE", e.Code);
        Assert.Contains("64 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_json_and_html_error_bodies_are_clear_errors()
    {
        await using var dataSource = StubOwoxServer.DataSource(() => new StringContent("<html>login</html>", Encoding.UTF8, "text/html"), Schema);
        await using var connection = await dataSource.OpenConnectionAsync();
        var e = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand("m", connection).ExecuteReaderAsync());
        Assert.Contains("text/html", e.Message, StringComparison.Ordinal);

        await using var badSchema = StubOwoxServer.DataSource(() => Ndjson([]), "<html>not json</html>");
        await using var second = await badSchema.OpenConnectionAsync();
        var notJson = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand("m", second).ExecuteReaderAsync());
        Assert.Contains("not JSON", notJson.Message, StringComparison.Ordinal);
    }

    private static ByteArrayContent Ndjson(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        return content;
    }

    /// <summary>"{"s":"xxxxxxxx…" forever, produced on the fly: a multi-gigabyte line costs no memory here.</summary>
    private sealed class EndlessLineStream : Stream
    {
        private bool _started;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var start = offset;
            if (!_started)
            {
                _started = true;
                "{\"s\":\""u8.CopyTo(buffer.AsSpan(offset));
                offset += 6;
                count -= 6;
            }
            buffer.AsSpan(offset, count).Fill((byte)'x');
            return offset + count - start;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
