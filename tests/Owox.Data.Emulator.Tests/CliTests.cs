using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class CliTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartProgram(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(OwoxEmulator).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Reads the banner up to the key: the URL and the key the program printed.</summary>
    private static async Task<(string? Url, string? Key)> ReadBannerAsync(Process process)
    {
        string? url = null, key = null;
        while ((url is null || key is null) && await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("OWOX emulator listening on ", StringComparison.Ordinal))
            {
                url = line["OWOX emulator listening on ".Length..];
            }
            else if (line.StartsWith("API key: ", StringComparison.Ordinal))
            {
                key = line["API key: ".Length..];
            }
        }

        return (url, key);
    }

    /// <summary>Stops the program with SIGTERM, as Ctrl+C would, and waits for it.</summary>
    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    [Fact]
    public async Task Serve_prints_url_and_key_serves_and_stops_on_sigterm()
    {
        var port = FreePort();
        using var process = StartProgram("--port", port.ToString(CultureInfo.InvariantCulture), "--rows", "7", "--token-lifetime", "60", "--rate-limit-hour", "50");
        try
        {
            var (url, key) = await ReadBannerAsync(process);
            Assert.Equal($"http://127.0.0.1:{port}/", url);
            Assert.NotNull(key);
            using var client = await ApiClient.ConnectAsync(key);
            using (var exchange = await client.ExchangeAsync())
            {
                Assert.Contains("\"accessTokenExpiresIn\":60", await exchange.Content.ReadAsStringAsync());
                Assert.Equal("50", string.Join(",", exchange.Headers.GetValues("RateLimit-HourLimit")));
            }

            Assert.Equal(7, (await client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance))).Count);
        }
        finally
        {
            await StopAsync(process);
        }

        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Serve_bounds_each_stream_by_the_stream_rate_options()
    {
        using var process = StartProgram("--port", FreePort().ToString(CultureInfo.InvariantCulture), "--rows", "20", "--stream-rows-per-second", "20", "--stream-bytes-per-second", "1000000");
        try
        {
            var (_, key) = await ReadBannerAsync(process);
            Assert.NotNull(key);
            using var client = await ApiClient.ConnectAsync(key);
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance), HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(DemoMarts.RenderAdPerformancePayload(20), await response.Content.ReadAsByteArrayAsync());
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"20 rows at 20 rows/s took {watch.ElapsedMilliseconds} ms");
        }
        finally
        {
            await StopAsync(process);
        }
    }

    [Theory]
    [InlineData("--stream-rows-per-second", "0", "--stream-rows-per-second must be a positive number.")]
    [InlineData("--stream-rows-per-second", "fast", "--stream-rows-per-second must be a positive number.")]
    [InlineData("--stream-bytes-per-second", "-1", "--stream-bytes-per-second must be a positive integer.")]
    public async Task Serve_refuses_a_stream_rate_that_is_not_positive(string option, string value, string message)
    {
        using var process = StartProgram("--port", FreePort().ToString(CultureInfo.InvariantCulture), option, value);
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }
}
