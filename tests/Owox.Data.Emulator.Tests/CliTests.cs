using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    [Fact]
    public async Task Serve_prints_url_and_key_serves_and_stops_on_sigterm()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(OwoxEmulator).Assembly.Location, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rows", "7", "--token-lifetime", "60", "--rate-limit-hour", "50" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
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
            if (!process.HasExited)
            {
                using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await kill.WaitForExitAsync();
                }

                using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(timeout.Token);
            }
        }

        Assert.Equal(0, process.ExitCode);
    }
}
