using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using Dapper;
using Owox.Data.Emulator;
using Owox.Data.Samples.Etl;

namespace Owox.Data.Tests.Samples;

/// <summary>What the ETL tests ask of a target database, in the same SQL for SQLite and PostgreSQL.</summary>
internal static class EtlTargetQueries
{
    /// <summary>Rows per month ("yyyy-MM", the ETL's partition) in the first <paramref name="rowCount"/> demo rows.</summary>
    public static Dictionary<string, long> ExpectedPerMonth(int rowCount) =>
        Enumerable.Range(0, rowCount).Select(DemoMarts.AdPerformanceRow)
            .GroupBy(r => r.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => (long)g.Count());

    /// <summary>The partitions the checkpoint table records as complete for <paramref name="table"/>, with their row counts.</summary>
    public static Dictionary<string, long> CheckpointedPartitions(DbConnection target, string table) =>
        target.Query<(string Partition, long Rows)>($"SELECT partition, rows FROM {EtlJob.CheckpointTable} WHERE target_table = @table", new { table })
            .ToDictionary(r => r.Partition, r => r.Rows);

    /// <summary>The rows <paramref name="table"/> holds per partition.</summary>
    public static Dictionary<string, long> LoadedPerPartition(DbConnection target, string table) =>
        target.Query<(string Partition, long Rows)>($"SELECT {EtlJob.PartitionColumn}, COUNT(*) FROM {EtlJob.Quote(table)} GROUP BY {EtlJob.PartitionColumn}")
            .ToDictionary(r => r.Partition, r => r.Rows);
}
