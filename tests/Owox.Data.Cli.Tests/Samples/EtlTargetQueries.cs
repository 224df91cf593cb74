using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Emulator;
using Owox.Data.Samples.Etl;

namespace Owox.Data.Cli.Tests.Samples;

/// <summary>What the ETL tests ask of a target database, in the same SQL for SQLite and PostgreSQL, and the scenarios they run on both.</summary>
internal static class EtlTargetQueries
{
    /// <summary>Rows per month ("yyyy-MM", the ETL's partition) in the first <paramref name="rowCount"/> demo rows.</summary>
    public static Dictionary<string, long> ExpectedPerMonth(int rowCount) =>
        Enumerable.Range(0, rowCount).Select(DemoMarts.AdPerformanceRow)
            .GroupBy(r => r.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>The partitions the checkpoint table records as complete for <paramref name="table"/>, with their row counts (over a connection from <paramref name="open"/>).</summary>
    public static Dictionary<string, long> CheckpointedPartitions(Func<DbConnection> open, string table)
    {
        using var target = open();
        return target.Query<(string Partition, long Rows)>($"SELECT partition, rows FROM {EtlJob.CheckpointTable} WHERE target_table = @table", new { table })
            .ToDictionary(r => r.Partition, r => r.Rows);
    }

    /// <summary>The rows <paramref name="table"/> holds per partition (over a connection from <paramref name="open"/>).</summary>
    public static Dictionary<string, long> LoadedPerPartition(Func<DbConnection> open, string table)
    {
        using var target = open();
        return target.Query<(string Partition, long Rows)>($"SELECT {EtlJob.PartitionColumn}, COUNT(*) FROM {EtlJob.Quote(table)} GROUP BY {EtlJob.PartitionColumn}")
            .ToDictionary(r => r.Partition, r => r.Rows);
    }

    /// <summary>
    /// The count check, the same for every target: someone else adds a row to 2024-12 (through its own connection from
    /// <paramref name="open"/>) between the partition's load and the final count check. The run fails with a count
    /// mismatch and leaves the partition unrecorded; a rerun loads it again.
    /// </summary>
    public static async Task AssertACountMismatchFailsTheRunAndARerunReloadsThePartitionAsync(
        string apiKey, Func<TextWriter?, EtlOptions> options, Func<DbConnection> open, string table, Dictionary<string, long> expectedPerMonth)
    {
        const string partition = "2024-12";
        using var log = new LogHook(partition + ": ", "rows loaded", () =>
        {
            using var target = open();
            target.Execute($"INSERT INTO {table} SELECT * FROM {table} WHERE {EtlJob.PartitionColumn} = @partition LIMIT 1", new { partition });
        });

        var result = await EtlJob.RunAsync(apiKey, options(log));

        Assert.False(result.Succeeded);
        var mismatch = Assert.Single(result.Partitions, p => p.Status == EtlPartitionStatus.CountMismatch);
        Assert.Equal(partition, mismatch.Partition);
        Assert.Equal(expectedPerMonth[partition], mismatch.OwoxRows);
        Assert.Contains("COUNT MISMATCH", log.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(partition, CheckpointedPartitions(open, table).Keys);
        Assert.Equal(23, CheckpointedPartitions(open, table).Count);

        var rerun = await EtlJob.RunAsync(apiKey, options(null));

        Assert.True(rerun.Succeeded);
        Assert.Equal(partition, Assert.Single(rerun.Partitions, p => p.Status == EtlPartitionStatus.Loaded).Partition);
        Assert.Equal(expectedPerMonth, LoadedPerPartition(open, table));
        Assert.Equal(expectedPerMonth, CheckpointedPartitions(open, table));
    }
}
