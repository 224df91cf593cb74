using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// Streams a data mart into SQLite or PostgreSQL one date partition at a time. Each partition is pushed down to OWOX as
/// <c>WHERE date &gt;= @from AND date &lt; @to</c> and handed to the <see cref="IEtlTarget"/>, which replaces the partition's
/// rows (so a retry is idempotent) and records it in its checkpoint table in the same transaction as its last rows. A rerun
/// skips recorded partitions without requesting them. At the end, the partitions loaded in this run are checked against
/// <c>SELECT DATE_TRUNC(...), COUNT(*) ... GROUP BY</c> computed by OWOX; a mismatch un-records the partition. The job owns
/// the partitions, resuming, progress and the count check; the targets own their SQL.
/// </summary>
public static class EtlJob
{
    public static async Task<EtlResult> RunAsync(string apiKey, EtlOptions options, CancellationToken cancellationToken = default)
    {
        if (options.To <= options.From)
            throw new ArgumentException("EtlOptions.To must be after EtlOptions.From.", nameof(options));
        if (options.BatchSize <= 0)
            throw new ArgumentException("EtlOptions.BatchSize must be positive.", nameof(options));

        var total = Stopwatch.StartNew();
        await using var owox = new OwoxConnection(apiKey);   // first: a bad key creates no database file
        await owox.OpenAsync(cancellationToken);
        await using var target = await OpenTargetAsync(options, cancellationToken);
        var completed = await target.CompletedPartitionsAsync(cancellationToken);

        var results = new List<EtlPartitionResult>();
        var progress = new Progress(options.Log, total) { Interval = options.ProgressInterval };
        foreach (var (key, from, to) in Partitions(options))
        {
            if (completed.TryGetValue(key, out var doneRows))
            {
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Skipped, doneRows, null, null));
                continue;
            }

            try
            {
                var rows = await LoadPartitionAsync(owox, target, options, key, from, to, progress, cancellationToken);
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Loaded, rows, null, null));
                progress.PartitionDone(key, rows);
            }
            catch (Exception e) when (e is OwoxException or EtlException)
            {
                // The target kept no rows of the partition and did not record it, so the next run loads it again.
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Failed, 0, null, e.Message));
                options.Log.WriteLine($"{key}: FAILED, no rows kept, not recorded: {e.Message}");
            }
        }

        var loaded = results.Where(r => r.Status == EtlPartitionStatus.Loaded).ToList();
        if (loaded.Count > 0)
            await CheckCountsAsync(owox, target, options, results, loaded, cancellationToken);

        var result = new EtlResult(results, loaded.Sum(r => r.Rows), total.Elapsed);
        options.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(result.Succeeded ? "done" : "FAILED")}: {Count(results, EtlPartitionStatus.Loaded)} partitions loaded ({result.RowsLoaded:N0} rows), {Count(results, EtlPartitionStatus.Skipped)} skipped, {Count(results, EtlPartitionStatus.Failed)} failed, {Count(results, EtlPartitionStatus.CountMismatch)} count mismatches, {Clock(total.Elapsed)}"));
        return result;
    }

    /// <summary>The partitions of [From, To): calendar months (clipped to the range) or days.</summary>
    public static IEnumerable<(string Key, DateOnly From, DateOnly To)> Partitions(EtlOptions options)
    {
        for (var start = options.From; start < options.To;)
        {
            DateOnly next;
            string key;
            if (options.Partitioning == EtlPartitioning.Day)
            {
                next = start.AddDays(1);
                key = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                next = new DateOnly(start.Year, start.Month, 1).AddMonths(1);
                key = start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            }
            var end = next < options.To ? next : options.To;
            yield return (key, start, end);
            start = end;
        }
    }

    private static async Task<IEtlTarget> OpenTargetAsync(EtlOptions options, CancellationToken cancellationToken) =>
        options.PostgresConnectionString is { } postgres
            ? await PostgresEtlTarget.OpenAsync(postgres, options, cancellationToken)
            : await SqliteEtlTarget.OpenAsync(options, cancellationToken);

    private static async Task<long> LoadPartitionAsync(OwoxConnection owox, IEtlTarget target, EtlOptions options, string key, DateOnly from, DateOnly to, Progress progress, CancellationToken cancellationToken)
    {
        await using var command = owox.CreateCommand();
        command.CommandText = $"SELECT * FROM {Quote(options.DataMartId)} WHERE {Quote(options.DateColumn)} >= @from AND {Quote(options.DateColumn)} < @to";
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await target.CreateTableAsync(reader.GetColumnSchema(), cancellationToken);
        return await target.LoadPartitionAsync(key, reader, () => progress.Row(key), cancellationToken);
    }

    /// <summary>One request: OWOX counts rows per partition over the loaded range; every loaded partition must match.</summary>
    private static async Task CheckCountsAsync(OwoxConnection owox, IEtlTarget target, EtlOptions options, List<EtlPartitionResult> results, List<EtlPartitionResult> loaded, CancellationToken cancellationToken)
    {
        Dictionary<string, long> owoxCounts;
        try
        {
            owoxCounts = await OwoxCountsAsync(owox, options, loaded.Min(p => p.From), loaded.Max(p => p.To), cancellationToken);
        }
        catch (OwoxException e)
        {
            // The partitions stay recorded (their rows matched the complete streams); the run still fails.
            for (var i = 0; i < results.Count; i++)
            {
                if (results[i].Status == EtlPartitionStatus.Loaded)
                    results[i] = results[i] with { Status = EtlPartitionStatus.CountMismatch, Error = "count check failed: " + e.Message };
            }
            options.Log.WriteLine($"count check FAILED: {e.Message}");
            return;
        }

        for (var i = 0; i < results.Count; i++)
        {
            var partition = results[i];
            if (partition.Status != EtlPartitionStatus.Loaded)
                continue;
            var expected = owoxCounts.GetValueOrDefault(partition.Partition);
            var landed = await target.CountRowsAsync(partition.Partition, cancellationToken);
            if (landed == expected)
            {
                results[i] = partition with { OwoxRows = expected };
                continue;
            }
            await target.ForgetPartitionAsync(partition.Partition, cancellationToken);
            results[i] = partition with { Status = EtlPartitionStatus.CountMismatch, OwoxRows = expected, Error = $"{landed} rows loaded, OWOX counts {expected}" };
            options.Log.WriteLine($"{partition.Partition}: COUNT MISMATCH, {landed} rows loaded, OWOX counts {expected}; checkpoint removed");
        }
    }

    /// <summary>Rows per partition in [from, to), counted by OWOX (one request; empty partitions are absent).</summary>
    public static async Task<Dictionary<string, long>> OwoxCountsAsync(OwoxConnection owox, EtlOptions options, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var unit = options.Partitioning == EtlPartitioning.Day ? "DAY" : "MONTH";
        var date = Quote(options.DateColumn);
        await using var command = owox.CreateCommand();
        command.CommandText = $"SELECT DATE_TRUNC('{unit}', {date}) AS partition_start, COUNT(*) AS row_count FROM {Quote(options.DataMartId)} " +
                              $"WHERE {date} >= @from AND {date} < @to GROUP BY partition_start";
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var format = options.Partitioning == EtlPartitioning.Day ? "yyyy-MM-dd" : "yyyy-MM";
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
                counts[reader.GetDateTime(0).ToString(format, CultureInfo.InvariantCulture)] = reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>The table, in the target database, that records each completed partition (what a resumed run skips).</summary>
    public const string CheckpointTable = "_owox_etl_checkpoints";

    /// <summary>The column every loaded row carries: the partition (month) it was loaded with, so a partition can be reloaded.</summary>
    public const string PartitionColumn = "_partition";

    /// <summary>A double-quoted identifier, valid in SQLite, PostgreSQL and the Owox.Data SQL subset.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Clock(TimeSpan elapsed) => elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static int Count(List<EtlPartitionResult> results, EtlPartitionStatus status) => results.Count(r => r.Status == status);

    /// <summary>A progress line on the log: per partition, and every <see cref="EtlOptions.ProgressInterval"/> inside a long one.</summary>
    private sealed class Progress(System.IO.TextWriter log, Stopwatch total)
    {
        private long _rows;
        private TimeSpan _lastLine;

        public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

        public void Row(string partition)
        {
            _rows++;
            if ((_rows & 1023) == 0 && total.Elapsed - _lastLine >= Interval)
                Write($"{partition}: streaming");
        }

        public void PartitionDone(string partition, long rows) =>
            Write(string.Create(CultureInfo.InvariantCulture, $"{partition}: {rows:N0} rows loaded"));

        private void Write(string what)
        {
            _lastLine = total.Elapsed;
            var seconds = Math.Max(total.Elapsed.TotalSeconds, 0.001);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what} | {_rows:N0} rows, {_rows / seconds:N0} rows/s, {Clock(total.Elapsed)}"));
        }
    }
}

/// <summary>A partition's load did not add up.</summary>
public sealed class EtlException : Exception
{
    public EtlException()
    {
    }

    public EtlException(string message)
        : base(message)
    {
    }

    public EtlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
