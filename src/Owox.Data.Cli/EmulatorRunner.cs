using System;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Cli;

/// <summary>
/// <c>owox-data emulator</c>: starts the emulator library's <see cref="OwoxEmulator"/> (the one a test project
/// references), prints its URL, an API key, its database and demo data mart, and serves until Ctrl+C or SIGTERM.
/// </summary>
internal static class EmulatorRunner
{
    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled; returns the exit code.</summary>
    public static async Task<int> RunAsync(EmulatorArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        var options = new OwoxEmulatorOptions
        {
            Port = arguments.Port,
            Host = arguments.Host,
            DatabasePath = arguments.DatabasePath,
            DemoRows = arguments.DemoRows,
            StreamRowsPerSecond = arguments.StreamRowsPerSecond,
            StreamBytesPerSecond = arguments.StreamBytesPerSecond,
        };
        if (arguments.TokenLifetime is { } seconds)
            options.TokenLifetime = TimeSpan.FromSeconds(seconds);
        if (arguments.HourLimit is not null || arguments.DayLimit is not null)
        {
            var limits = new RateLimitOptions();
            limits.HourLimit = arguments.HourLimit ?? limits.HourLimit;
            limits.DayLimit = arguments.DayLimit ?? limits.DayLimit;
            options.RateLimits = limits;
        }

        OwoxEmulator emulator;
        try
        {
            emulator = await OwoxEmulator.StartAsync(options, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return OwoxDataCli.Cancelled;
        }
        catch (System.IO.IOException e)
        {
            await console.Error.WriteLineAsync($"owox-data: the emulator cannot listen on {arguments.Host}:{arguments.Port}: {e.Message}");
            return OwoxDataCli.Failed;
        }
        await using (emulator)
        {
            await console.Out.WriteLineAsync($"OWOX emulator listening on {emulator.BaseAddress}");
            await console.Out.WriteLineAsync($"API key: {emulator.ApiKey}");
            await console.Out.WriteLineAsync($"Database: {emulator.DatabasePath}");
            await console.Out.WriteLineAsync($"Demo data mart (ad performance, {options.DemoRows} rows): {DemoMarts.AdPerformance}");
            await console.Out.WriteLineAsync("Press Ctrl+C to stop.");
            await console.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await console.Error.WriteLineAsync("owox-data: emulator stopped.");
            }
        }
        return OwoxDataCli.Done;
    }
}
