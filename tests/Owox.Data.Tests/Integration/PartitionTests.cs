using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>Partition plans and the parallel runner against the emulator: every row exactly once, per-partition sums, rate limits, NULL dates.</summary>
public class PartitionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly AdPerformanceRow[] Rows = Enumerable.Range(0, EmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow).ToArray();

    private static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    [Fact]
    public async Task A_discovered_monthly_plan_read_in_parallel_yields_every_row_exactly_once()
    {
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={fixture.ApiKey};Verify Row Count=true").Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var plan = await OwoxPartitionPlan.CreateAsync(connection, DemoMarts.AdPerformance, "date", OwoxPartitionGranularity.Month);
        var first = Rows.Min(r => r.Date);
        var last = Rows.Max(r => r.Date);
        Assert.Equal(Day(first), plan.Partitions[0].From);
        Assert.Equal(Day(last).AddDays(1), plan.Partitions[^1].To);
        Assert.DoesNotContain(plan.Partitions, p => p.IsNull);

        var seen = new ConcurrentBag<(string Partition, DateTime Date, string Campaign, decimal Cost)>();
        var results = await OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, 3, async (partition, reader, token) =>
        {
            while (await reader.ReadAsync(token))
                seen.Add((partition.Key, reader.GetDateTime(0), reader.GetString(1), reader.GetDecimal(7)));
        });

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.ToString()));
        Assert.Equal(plan.Partitions.Select(p => p.Key), results.Select(r => r.Partition.Key));
        Assert.All(results, r => Assert.NotNull(r.RunId));
        Assert.Equal(Rows.Length, results.Sum(r => r.RowsRead));
        Assert.Equal(
            Rows.Select(r => (Day(r.Date), r.Campaign, r.Cost)).OrderBy(r => r.Item1).ThenBy(r => r.Campaign, StringComparer.Ordinal).ThenBy(r => r.Cost),
            seen.Select(s => (s.Date, s.Campaign, s.Cost)).OrderBy(r => r.Date).ThenBy(r => r.Campaign, StringComparer.Ordinal).ThenBy(r => r.Cost));
        Assert.All(seen, s => Assert.Equal(s.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), s.Partition));
    }

    [Fact]
    public async Task A_grouped_SELECT_with_a_condition_gives_per_partition_sums_equal_to_the_generators()
    {
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={fixture.ApiKey}").Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var from = new DateTime(2025, 1, 1);
        var to = new DateTime(2025, 3, 31);
        var plan = await OwoxPartitionPlan.CreateAsync(
            connection, $"SELECT date, SUM(cost) AS cost FROM \"{DemoMarts.AdPerformance}\" WHERE country = @country GROUP BY date", "date",
            OwoxPartitionGranularity.Week, from, to, [new OwoxParameter("country", "DE")]);
        Assert.Equal(14, plan.Partitions.Count);

        var sums = new ConcurrentDictionary<string, decimal>();
        var results = await OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, 4, async (partition, reader, token) =>
        {
            while (await reader.ReadAsync(token))
                sums.AddOrUpdate(partition.Key, reader.GetDecimal(1), (_, sum) => sum + reader.GetDecimal(1));
        });

        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.ToString()));
        foreach (var partition in plan.Partitions)
        {
            var expected = Rows.Where(r => r.Country == "DE" && Day(r.Date) >= partition.From && Day(r.Date) < partition.To).Sum(r => r.Cost);
            Assert.Equal(expected, sums.GetValueOrDefault(partition.Key));
        }
        Assert.Equal(Rows.Where(r => r.Country == "DE" && Day(r.Date) >= from && Day(r.Date) <= to).Sum(r => r.Cost), sums.Values.Sum());
    }

    [Fact]
    public async Task A_timestamp_column_is_cut_at_UTC_midnights()
    {
        await using var connection = await fixture.OpenAsync();
        var plan = await OwoxPartitionPlan.CreateAsync(connection, DemoMarts.AdPerformance, "created_at", OwoxPartitionGranularity.Month, new DateTime(2025, 6, 1), new DateTime(2025, 7, 31));
        var counts = new List<long>();
        foreach (var partition in plan.Partitions)
        {
            using var reader = await partition.CreateCommand(connection).ExecuteReaderAsync();
            long rows = 0;
            while (await reader.ReadAsync())
            {
                var at = reader.GetDateTime(reader.GetOrdinal("created_at"));
                Assert.InRange(at, partition.From!.Value, partition.To!.Value.AddTicks(-1));
                rows++;
            }
            counts.Add(rows);
        }
        Assert.Equal(
            [Rows.Count(r => r.CreatedAt.Month == 6 && r.CreatedAt.Year == 2025), Rows.Count(r => r.CreatedAt.Month == 7 && r.CreatedAt.Year == 2025)],
            counts);
    }

    [Fact]
    public async Task A_partition_read_back_from_JSON_on_another_connection_reads_the_same_rows()
    {
        await using var connection = await fixture.OpenAsync();
        var plan = OwoxPartitionPlan.Create($"SELECT date, campaign FROM \"{DemoMarts.AdPerformance}\" WHERE is_active = @active", "date", OwoxPartitionGranularity.Month,
            new DateTime(2025, 2, 1), new DateTime(2025, 2, 28), [new OwoxParameter("active", true)]);
        var json = plan.Partitions.Single().ToJson();

        await using var elsewhere = await fixture.OpenAsync();
        using var reader = await OwoxPartition.FromJson(json).CreateCommand(elsewhere).ExecuteReaderAsync();
        var campaigns = new List<string>();
        while (await reader.ReadAsync())
            campaigns.Add(reader.GetString(1));
        Assert.Equal(
            Rows.Where(r => r.IsActive && r.Date.Year == 2025 && r.Date.Month == 2).Select(r => r.Campaign).Order(StringComparer.Ordinal),
            campaigns.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_column_that_is_not_a_date_is_refused_before_any_data_request()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        var e = await Assert.ThrowsAsync<ArgumentException>(() => OwoxPartitionPlan.CreateAsync(connection, DemoMarts.AdPerformance, "campaign", OwoxPartitionGranularity.Day, new DateTime(2025, 1, 1), new DateTime(2025, 1, 2)));
        Assert.Contains("'campaign' is STRING, not a date or a timestamp", e.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => OwoxPartitionPlan.CreateAsync(connection, DemoMarts.AdPerformance, "no_such_column", OwoxPartitionGranularity.Day));
        Assert.Contains("has no column 'no_such_column'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("created_at", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Emulator.DataRequestCount);
    }

    [Fact]
    public async Task Rows_with_a_NULL_date_get_a_partition_of_their_own_when_the_plan_covers_every_row()
    {
        var id = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "sparse dates",
            Columns = [new("day", "DATE"), new("n", "INTEGER")],
        }, [["2024-01-30", 1L], [null, 2L], ["2024-02-02", 3L], [null, 4L], ["2024-03-01", 5L]]);
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={fixture.ApiKey}").Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var plan = await OwoxPartitionPlan.CreateAsync(connection, id, "day", OwoxPartitionGranularity.Month);
        Assert.Equal(["2024-01", "2024-02", "2024-03", OwoxPartition.NullKey], plan.Partitions.Select(p => p.Key));
        Assert.True(plan.Partitions[^1].IsNull);

        var byPartition = new ConcurrentDictionary<string, long[]>();
        var results = await OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, 2, async (partition, reader, token) =>
        {
            var values = new List<long>();
            while (await reader.ReadAsync(token))
                values.Add(reader.GetInt64(1));
            byPartition[partition.Key] = [.. values.Order()];
        });
        Assert.All(results, r => Assert.True(r.Succeeded, r.Error?.ToString()));
        Assert.Equal([1L], byPartition["2024-01"]);
        Assert.Equal([3L], byPartition["2024-02"]);
        Assert.Equal([5L], byPartition["2024-03"]);
        Assert.Equal([2L, 4L], byPartition[OwoxPartition.NullKey]);

        var bounded = await OwoxPartitionPlan.CreateAsync(connection, id, "day", OwoxPartitionGranularity.Month, new DateTime(2024, 2, 1));
        Assert.Equal(["2024-02", "2024-03"], bounded.Partitions.Select(p => p.Key));
    }

    [Fact]
    public async Task A_failing_partition_does_not_stop_the_others_and_carries_its_error()
    {
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={fixture.ApiKey}").Build();
        var plan = OwoxPartitionPlan.Create(DemoMarts.AdPerformance, "date", OwoxPartitionGranularity.Month, new DateTime(2025, 1, 1), new DateTime(2025, 4, 30));
        var results = await OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, 2, async (partition, reader, token) =>
        {
            while (await reader.ReadAsync(token))
            {
            }
            if (partition.Key == "2025-02")
                throw new InvalidOperationException("the target refused partition 2025-02");
        });
        Assert.Equal([true, false, true, true], results.Select(r => r.Succeeded));
        Assert.Equal("the target refused partition 2025-02", results[1].Error!.Message);
    }

    [Fact]
    public async Task Cancelling_the_run_stops_every_partition_and_throws()
    {
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.SlowDrip, DataMartId = DemoMarts.AdPerformance, Delay = TimeSpan.FromMilliseconds(50) });
        try
        {
            await using var dataSource = new OwoxDataSourceBuilder($"Api Key={fixture.ApiKey}").Build();
            var plan = OwoxPartitionPlan.Create(DemoMarts.AdPerformance, "date", OwoxPartitionGranularity.Month, new DateTime(2025, 1, 1), new DateTime(2025, 12, 31));
            using var cancel = new CancellationTokenSource();
            var started = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, 3, async (_, reader, token) =>
            {
                if (Interlocked.Increment(ref started) == 1)
                    cancel.CancelAfter(300);
                while (await reader.ReadAsync(token))
                {
                }
            }, cancel.Token));
            Assert.InRange(started, 1, 3);
        }
        finally
        {
            fixture.Emulator.Faults.Clear();
        }
    }

    [Fact]
    public async Task In_parallel_the_runner_never_sends_a_request_the_rate_limit_says_will_be_refused()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 200,
            RateLimits = new RateLimitOptions { HourLimit = 9, DayLimit = 100 },
            ClockStart = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        });
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={emulator.ApiKey};Retry Budget=5").Build();
        await using (var connection = await dataSource.OpenConnectionAsync())
        using (var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync())
            Assert.True(await reader.ReadAsync());
        var remaining = dataSource.RateLimit!.Remaining!.Value;
        var plan = OwoxPartitionPlan.Create(DemoMarts.AdPerformance, "date", OwoxPartitionGranularity.Month, new DateTime(2025, 1, 1), new DateTime(2025, 12, 31));
        var before = emulator.DataRequestCount;

        var results = await OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, 4, async (_, reader, token) =>
        {
            while (await reader.ReadAsync(token))
            {
            }
        });

        var sent = emulator.DataRequestCount - before;
        Assert.True(sent <= remaining, $"{sent} requests sent with {remaining} remaining");
        Assert.Equal(sent, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(OwoxErrorCodes.RateLimitExhausted, Assert.IsType<OwoxException>(r.Error).Code));
    }
}
