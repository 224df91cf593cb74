using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>
/// 32 concurrent commands against the emulator while faults (cuts between and mid row, 503s, 502s, delays,
/// slow drips) are injected at random: every result is either complete and correct or a clear OwoxException,
/// and sockets, handles and memory do not grow. Runs 8 s by default; set OWOX_SOAK_SECONDS for a longer soak.
/// It runs alone, after the parallel tests: handle counts and managed memory are the process's, and another test's
/// allocations must not count against this one.
/// </summary>
[Collection(nameof(SoakTests))]
public class SoakTests
{
    private static readonly FaultKind[] Faults =
        [FaultKind.CutBetweenRows, FaultKind.CutMidRow, FaultKind.ServiceUnavailable, FaultKind.BadGateway, FaultKind.Delay, FaultKind.SlowDrip];

    [Fact]
    public async Task Concurrent_commands_under_random_faults_are_complete_or_clearly_failed()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("OWOX_SOAK_SECONDS"), out var s) && s > 0 ? s : 8;
        const int rowsPerMart = 200;
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = rowsPerMart });
        await using var dataSource = OwoxDataSource.Create($"Api Key={emulator.ApiKey};Max Retries=2;Retry Budget=5;Command Timeout=5");
        var expectedCampaigns = Enumerable.Range(0, rowsPerMart).Select(i => DemoMarts.AdPerformanceRow(i).Campaign).ToArray();

        await RunOnceAsync(dataSource, expectedCampaigns);
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        var handlesBefore = process.HandleCount;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var outcomes = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var random = new Random(42);
        var chaos = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                int pick, after;
                lock (random)
                {
                    pick = random.Next(Faults.Length);
                    after = random.Next(rowsPerMart);
                }
                emulator.Faults.Add(new FaultRule
                {
                    Kind = Faults[pick],
                    DataMartId = DemoMarts.AdPerformance,
                    AfterRows = after,
                    Delay = TimeSpan.FromMilliseconds(Faults[pick] == FaultKind.SlowDrip ? 1 : 200),
                    Times = 1,
                });
                await Task.Delay(25);
            }
        });
        var workers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var outcome = await RunOnceAsync(dataSource, expectedCampaigns);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            }
        })).ToArray();
        await Task.WhenAll(workers.Append(chaos));
        emulator.Faults.Clear();

        Assert.True(outcomes.TryGetValue("complete", out var complete) && complete > 0, string.Join(", ", outcomes));
        Assert.True(outcomes.Count > 1, "no injected fault was ever seen: " + string.Join(", ", outcomes));
        Assert.True(outcomes.Keys.All(k => k is "complete" or "STREAM_TRUNCATED" or "TIMEOUT" or "503" or "502"), string.Join(", ", outcomes));

        Assert.Equal("complete", await RunOnceAsync(dataSource, expectedCampaigns));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        process.Refresh();
        Assert.True(process.HandleCount < handlesBefore + 200, $"handles {handlesBefore} -> {process.HandleCount}");
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) < memoryBefore + (64L << 20), "managed memory grew by more than 64 MiB");
    }

    private static async Task<string> RunOnceAsync(OwoxDataSource dataSource, string[] expectedCampaigns)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
            var index = 0;
            while (await reader.ReadAsync())
            {
                Assert.Equal(expectedCampaigns[index], reader.GetString(1));
                index++;
            }
            Assert.Equal(expectedCampaigns.Length, index);
            return "complete";
        }
        catch (OwoxException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return e.Code is "STREAM_TRUNCATED" or "TIMEOUT" ? e.Code : e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? e.Code ?? "unknown";
        }
    }
}

/// <summary>The soak's collection: not run in parallel with any other test.</summary>
[CollectionDefinition(nameof(SoakTests), DisableParallelization = true)]
public sealed class SoakRunsAlone;
