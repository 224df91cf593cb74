using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// Streams a data mart into SQLite one date partition at a time. Each partition is pushed down to OWOX as
/// <c>WHERE date &gt;= @from AND date &lt; @to</c>, deleted and re-inserted in batched transactions (so a retry is
/// idempotent), and recorded in a checkpoint table in the same transaction as its last batch. A rerun skips
/// recorded partitions without requesting them. At the end, the partitions loaded in this run are checked against
/// <c>SELECT DATE_TRUNC(...), COUNT(*) ... GROUP BY</c> computed by OWOX; a mismatch un-records the partition.
/// </summary>
public static class EtlJob
{
    private const string CheckpointTable = "_owox_etl_checkpoints";
    private const string PartitionColumn = "_partition";

    public static async Task<EtlResult> RunAsync(string apiKey, EtlOptions options, CancellationToken cancellationToken = default)
    {
        if (options.To <= options.From)
            throw new ArgumentException("EtlOptions.To must be after EtlOptions.From.", nameof(options));
        if (options.BatchSize <= 0)
            throw new ArgumentException("EtlOptions.BatchSize must be positive.", nameof(options));

        var total = Stopwatch.StartNew();
        await using var owox = new OwoxConnection(apiKey);   // first: a bad key creates no database file
        await owox.OpenAsync(cancellationToken);

        var connectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString();
        await using var sqlite = new SqliteConnection(connectionString);
        await sqlite.OpenAsync(cancellationToken);
        await ExecuteAsync(sqlite, null, $"""
            CREATE TABLE IF NOT EXISTS {CheckpointTable} (
                target_table TEXT NOT NULL, data_mart_id TEXT NOT NULL, partition TEXT NOT NULL,
                rows INTEGER NOT NULL, run_id TEXT, completed_at TEXT NOT NULL,
                PRIMARY KEY (target_table, partition))
            """, cancellationToken);
        var completed = await CompletedPartitionsAsync(sqlite, options, cancellationToken);


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
                var rows = await LoadPartitionAsync(owox, sqlite, options, key, from, to, progress, cancellationToken);
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Loaded, rows, null, null));
                progress.PartitionDone(key, rows);
            }
            catch (Exception e) when (e is OwoxException or EtlException)
            {
                // Leave no partial partition behind; it is not recorded, so the next run loads it again.
                await DeletePartitionAsync(sqlite, options, key, CancellationToken.None);
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Failed, 0, null, e.Message));
                options.Log.WriteLine($"{key}: FAILED, not recorded: {e.Message}");
            }
        }

        var loaded = results.Where(r => r.Status == EtlPartitionStatus.Loaded).ToList();
        if (loaded.Count > 0)
            await CheckCountsAsync(owox, sqlite, options, results, loaded, cancellationToken);

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

    private static async Task<long> LoadPartitionAsync(OwoxConnection owox, SqliteConnection sqlite, EtlOptions options, string key, DateOnly from, DateOnly to, Progress progress, CancellationToken cancellationToken)
    {
        await using var command = owox.CreateCommand();
        command.CommandText = $"SELECT * FROM {Quote(options.DataMartId)} WHERE {Quote(options.DateColumn)} >= @from AND {Quote(options.DateColumn)} < @to";
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = reader.GetColumnSchema();
        var table = Quote(options.EffectiveTableName);
        await EnsureTableAsync(sqlite, table, columns, cancellationToken);

        var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(sqlite, transaction, $"DELETE FROM {table} WHERE {PartitionColumn} = $partition", cancellationToken, ("$partition", key));
            await ExecuteAsync(sqlite, transaction, $"DELETE FROM {CheckpointTable} WHERE target_table = $table AND partition = $partition", cancellationToken, ("$table", options.EffectiveTableName), ("$partition", key));

            // One prepared INSERT, re-bound for every row.
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => Quote(c.ColumnName)))}, {PartitionColumn}) " +
                                 $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))}, $partition)";
            var parameters = columns.Select((_, i) => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
            insert.Parameters.AddWithValue("$partition", key);
            insert.Prepare();

            var isDate = columns.Select(c => string.Equals(c.DataTypeName, "DATE", StringComparison.OrdinalIgnoreCase)).ToArray();
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < parameters.Length; i++)
                    parameters[i].Value = ToSqlite(reader.GetValue(i), isDate[i]);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                rows++;
                if (rows % options.BatchSize == 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken);
                    insert.Transaction = transaction;
                }
                progress.Row(key);
            }

            // The stream ended with its terminator (a cut stream throws instead). Check what landed, then record it.
            var landed = await ScalarAsync(sqlite, transaction, $"SELECT COUNT(*) FROM {table} WHERE {PartitionColumn} = $partition", cancellationToken, ("$partition", key));
            if (landed != rows)
                throw new EtlException($"{landed} rows in SQLite but {rows} streamed.");
            await ExecuteAsync(sqlite, transaction,
                $"INSERT INTO {CheckpointTable} (target_table, data_mart_id, partition, rows, run_id, completed_at) VALUES ($table, $mart, $partition, $rows, $run, $at)",
                cancellationToken,
                ("$table", options.EffectiveTableName), ("$mart", options.DataMartId), ("$partition", key), ("$rows", rows),
                ("$run", reader.RunId), ("$at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            await transaction.CommitAsync(cancellationToken);
            return rows;
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary>One request: OWOX counts rows per partition over the loaded range; every loaded partition must match.</summary>
    private static async Task CheckCountsAsync(OwoxConnection owox, SqliteConnection sqlite, EtlOptions options, List<EtlPartitionResult> results, List<EtlPartitionResult> loaded, CancellationToken cancellationToken)
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
            var landed = await ScalarAsync(sqlite, null, $"SELECT COUNT(*) FROM {Quote(options.EffectiveTableName)} WHERE {PartitionColumn} = $partition", cancellationToken, ("$partition", partition.Partition));
            if (landed == expected)
            {
                results[i] = partition with { OwoxRows = expected };
                continue;
            }
            await ExecuteAsync(sqlite, null, $"DELETE FROM {CheckpointTable} WHERE target_table = $table AND partition = $partition", cancellationToken,
                ("$table", options.EffectiveTableName), ("$partition", partition.Partition));
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

    private static async Task EnsureTableAsync(SqliteConnection sqlite, string table, IReadOnlyList<DbColumn> columns, CancellationToken cancellationToken)
    {
        var definitions = columns.Select(c => $"{Quote(c.ColumnName)} {Affinity(c.DataType)}");
        await ExecuteAsync(sqlite, null, $"CREATE TABLE IF NOT EXISTS {table} ({string.Join(", ", definitions)}, {PartitionColumn} TEXT NOT NULL)", cancellationToken);
        await ExecuteAsync(sqlite, null, $"CREATE INDEX IF NOT EXISTS {Quote("ix_" + table.Trim('"') + PartitionColumn)} ON {table} ({PartitionColumn})", cancellationToken);
    }

    /// <summary>CLR type → SQLite type affinity. Decimals stay exact as text; dates and times are ISO-8601 text.</summary>
    public static string Affinity(Type? type) => type switch
    {
        _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(bool) => "INTEGER",
        _ when type == typeof(double) || type == typeof(float) => "REAL",
        _ when type == typeof(byte[]) => "BLOB",
        _ => "TEXT",
    };

    private static object ToSqlite(object value, bool isDate) => value switch
    {
        bool b => b ? 1L : 0L,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateTime d when isDate => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        _ => value,
    };

    private static async Task<Dictionary<string, long>> CompletedPartitionsAsync(SqliteConnection sqlite, EtlOptions options, CancellationToken cancellationToken)
    {
        await using var command = sqlite.CreateCommand();
        command.CommandText = $"SELECT partition, rows FROM {CheckpointTable} WHERE target_table = $table AND data_mart_id = $mart";
        command.Parameters.AddWithValue("$table", options.EffectiveTableName);
        command.Parameters.AddWithValue("$mart", options.DataMartId);
        var completed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            completed[reader.GetString(0)] = reader.GetInt64(1);
        return completed;
    }

    private static async Task DeletePartitionAsync(SqliteConnection sqlite, EtlOptions options, string key, CancellationToken cancellationToken)
    {
        var table = Quote(options.EffectiveTableName);
        var exists = await ScalarAsync(sqlite, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name", cancellationToken, ("$name", options.EffectiveTableName));
        if (exists > 0)
            await ExecuteAsync(sqlite, null, $"DELETE FROM {table} WHERE {PartitionColumn} = $partition", cancellationToken, ("$partition", key));
    }

#pragma warning disable CA2100 // Identifiers are quoted by Quote; every value goes through a parameter.
    private static async Task ExecuteAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(SqliteConnection sqlite, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
#pragma warning restore CA2100

    /// <summary>A double-quoted identifier, valid in both SQLite and the Owox.Data SQL subset.</summary>
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
