using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Reading;

namespace Owox.Data.Tests.Reading;

public class NdjsonLineReaderTests
{
    private static async Task<List<string>> Lines(Stream stream, bool async, int maxLine = 1 << 20)
    {
        var reader = new NdjsonLineReader(stream, maxLine);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(async, CancellationToken.None))
            lines.Add(Encoding.UTF8.GetString(reader.Line));
        return lines;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Splits_lines_skips_blanks_and_keeps_a_clean_final_line(bool async)
    {
        var body = "{\"a\":1}\n\n{\"a\":2}\r\n   \n{\"a\":3}";
        var lines = await Lines(new TrickleStream(Encoding.UTF8.GetBytes(body), 3), async);
        Assert.Equal(["{\"a\":1}", "{\"a\":2}", "{\"a\":3}"], lines);
    }

    [Fact]
    public async Task Lines_longer_than_the_buffer_grow_it()
    {
        var big = "{\"s\":\"" + new string('x', 200_000) + "\"}";
        var lines = await Lines(new MemoryStream(Encoding.UTF8.GetBytes(big + "\n" + big + "\n")), async: true);
        Assert.Equal([big, big], lines);
    }

    [Fact]
    public async Task A_line_over_the_limit_is_refused()
    {
        var big = "{\"s\":\"" + new string('x', 300_000) + "\"}\n";
        await Assert.ThrowsAsync<LineTooLongException>(() => Lines(new MemoryStream(Encoding.UTF8.GetBytes(big)), async: true, maxLine: 128 * 1024));
    }

    [Fact]
    public async Task Transport_failures_propagate()
    {
        var stream = new FailingStream(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\""));
        var reader = new NdjsonLineReader(stream, 1 << 20);
        Assert.True(await reader.ReadLineAsync(true, CancellationToken.None));
        await Assert.ThrowsAsync<IOException>(async () => await reader.ReadLineAsync(true, CancellationToken.None));
    }

    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }

    private sealed class FailingStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The response ended prematurely.");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));
    }
}
