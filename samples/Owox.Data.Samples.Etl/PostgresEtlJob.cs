using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// The same resumable, partitioned, count-checked load as <see cref="EtlJob"/>, into PostgreSQL with binary COPY.
/// Here a partition is one transaction (delete, COPY, count, checkpoint), so a failure leaves nothing behind.
/// <see cref="EtlOptions.DatabasePath"/> and <see cref="EtlOptions.BatchSize"/> are not used.
/// </summary>
public static class PostgresEtlJob
{
    private const string CheckpointTable = "_owox_etl_checkpoints";
    private const string PartitionColumn = "_partition";

    public static async Task<EtlResult> RunAsync(string apiKey, EtlOptions options, string postgresConnectionString, CancellationToken cancellationToken = default)
    {
        if (options.To <= options.From)
            throw new ArgumentException("EtlOptions.To must be after EtlOptions.From.", nameof(options));

        var total = Stopwatch.StartNew();
        await using var pg = new NpgsqlConnection(postgresConnectionString);
        await pg.OpenAsync(cancellationToken);
        await ExecuteAsync(pg, null, $"""
            CREATE TABLE IF NOT EXISTS {CheckpointTable} (
                target_table text NOT NULL, data_mart_id text NOT NULL, partition text NOT NULL,
                rows bigint NOT NULL, run_id text, completed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (target_table, partition))
            """, cancellationToken);
        var completed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand($"SELECT partition, rows FROM {CheckpointTable} WHERE target_table = @table AND data_mart_id = @mart", pg))
        {
            command.Parameters.AddWithValue("table", options.EffectiveTableName);
            command.Parameters.AddWithValue("mart", options.DataMartId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                completed[reader.GetString(0)] = reader.GetInt64(1);
        }

        await using var owox = new OwoxConnection(apiKey);
        await owox.OpenAsync(cancellationToken);
        var table = EtlJob.Quote(options.EffectiveTableName);
        var results = new List<EtlPartitionResult>();
        long streamed = 0;
        foreach (var (key, from, to) in EtlJob.Partitions(options))
        {
            if (completed.TryGetValue(key, out var doneRows))
            {
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Skipped, doneRows, null, null));
                continue;
            }
            try
            {
                var rows = await LoadPartitionAsync(owox, pg, options, table, key, from, to, cancellationToken);
                streamed += rows;
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Loaded, rows, null, null));
                var seconds = Math.Max(total.Elapsed.TotalSeconds, 0.001);
                options.Log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}: {rows:N0} rows loaded | {streamed:N0} rows, {streamed / seconds:N0} rows/s, {total.Elapsed:hh\\:mm\\:ss}"));
            }
            catch (Exception e) when (e is OwoxException or EtlException)
            {
                results.Add(new EtlPartitionResult(key, from, to, EtlPartitionStatus.Failed, 0, null, e.Message));
                options.Log.WriteLine($"{key}: FAILED, rolled back, not recorded: {e.Message}");
            }
        }

        var loaded = results.Where(r => r.Status == EtlPartitionStatus.Loaded).ToList();
        if (loaded.Count > 0)
        {
            var owoxCounts = await EtlJob.OwoxCountsAsync(owox, options, loaded.Min(p => p.From), loaded.Max(p => p.To), cancellationToken);
            for (var i = 0; i < results.Count; i++)
            {
                var partition = results[i];
                if (partition.Status != EtlPartitionStatus.Loaded)
                    continue;
                var expected = owoxCounts.GetValueOrDefault(partition.Partition);
                if (partition.Rows == expected)
                {
                    results[i] = partition with { OwoxRows = expected };
                    continue;
                }
                await ExecuteAsync(pg, null, $"DELETE FROM {CheckpointTable} WHERE target_table = @table AND partition = @partition", cancellationToken,
                    ("table", options.EffectiveTableName), ("partition", partition.Partition));
                results[i] = partition with { Status = EtlPartitionStatus.CountMismatch, OwoxRows = expected, Error = $"{partition.Rows} rows loaded, OWOX counts {expected}" };
                options.Log.WriteLine($"{partition.Partition}: COUNT MISMATCH, {partition.Rows} rows loaded, OWOX counts {expected}; checkpoint removed");
            }
        }

        var result = new EtlResult(results, loaded.Sum(r => r.Rows), total.Elapsed);
        options.Log.WriteLine($"{(result.Succeeded ? "done" : "FAILED")}: {loaded.Count} partitions loaded, {results.Count(r => r.Status == EtlPartitionStatus.Skipped)} skipped, {results.Count(r => r.Status is EtlPartitionStatus.Failed or EtlPartitionStatus.CountMismatch)} failed");
        return result;
    }

    private static async Task<long> LoadPartitionAsync(OwoxConnection owox, NpgsqlConnection pg, EtlOptions options, string table, string key, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = owox.CreateCommand();
        command.CommandText = $"SELECT * FROM {EtlJob.Quote(options.DataMartId)} WHERE {EtlJob.Quote(options.DateColumn)} >= @from AND {EtlJob.Quote(options.DateColumn)} < @to";
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = reader.GetColumnSchema();
        var types = columns.Select(PostgresType).ToArray();
        await ExecuteAsync(pg, null, $"CREATE TABLE IF NOT EXISTS {table} ({string.Join(", ", columns.Select((c, i) => $"{EtlJob.Quote(c.ColumnName)} {types[i].Sql}"))}, {PartitionColumn} text NOT NULL)", cancellationToken);
        await ExecuteAsync(pg, null, $"CREATE INDEX IF NOT EXISTS {EtlJob.Quote("ix_" + options.EffectiveTableName + PartitionColumn)} ON {table} ({PartitionColumn})", cancellationToken);

        await using var transaction = await pg.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(pg, transaction, $"DELETE FROM {table} WHERE {PartitionColumn} = @partition", cancellationToken, ("partition", key));
        await ExecuteAsync(pg, transaction, $"DELETE FROM {CheckpointTable} WHERE target_table = @table AND partition = @partition", cancellationToken, ("table", options.EffectiveTableName), ("partition", key));
        long rows = 0;
        await using (var copy = await pg.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => EtlJob.Quote(c.ColumnName)))}, {PartitionColumn}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                await copy.StartRowAsync(cancellationToken);
                for (var i = 0; i < types.Length; i++)
                {
                    var value = reader.GetValue(i);
                    if (value is DBNull)
                        await copy.WriteNullAsync(cancellationToken);
                    else
                        await copy.WriteAsync(value, types[i].Type, cancellationToken);
                }
                await copy.WriteAsync(key, NpgsqlDbType.Text, cancellationToken);
                rows++;
            }
            await copy.CompleteAsync(cancellationToken);   // disposing without this cancels the COPY
        }

        await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table} WHERE {PartitionColumn} = @partition", pg, transaction))
        {
            count.Parameters.AddWithValue("partition", key);
            var landed = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (landed != rows)
                throw new EtlException($"{landed} rows in PostgreSQL but {rows} streamed.");
        }
        await ExecuteAsync(pg, transaction, $"INSERT INTO {CheckpointTable} (target_table, data_mart_id, partition, rows, run_id) VALUES (@table, @mart, @partition, @rows, @run)", cancellationToken,
            ("table", options.EffectiveTableName), ("mart", options.DataMartId), ("partition", key), ("rows", rows), ("run", reader.RunId));
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>The provider's CLR type (and storage type, for DATE) → a PostgreSQL column type and its COPY type.</summary>
    public static (string Sql, NpgsqlDbType Type) PostgresType(DbColumn column) => column.DataType switch
    {
        var t when t == typeof(long) => ("bigint", NpgsqlDbType.Bigint),
        var t when t == typeof(bool) => ("boolean", NpgsqlDbType.Boolean),
        var t when t == typeof(double) => ("double precision", NpgsqlDbType.Double),
        var t when t == typeof(decimal) => ("numeric", NpgsqlDbType.Numeric),
        var t when t == typeof(DateTime) && string.Equals(column.DataTypeName, "DATE", StringComparison.OrdinalIgnoreCase) => ("date", NpgsqlDbType.Date),
        // Timestamps that denote an instant read as Kind=Utc (which one that is depends on the warehouse).
        var t when t == typeof(DateTime) && column is OwoxDbColumn { DateTimeKind: DateTimeKind.Utc } => ("timestamptz", NpgsqlDbType.TimestampTz),
        var t when t == typeof(DateTime) => ("timestamp", NpgsqlDbType.Timestamp),
        var t when t == typeof(TimeSpan) => ("time", NpgsqlDbType.Time),
        var t when t == typeof(byte[]) => ("bytea", NpgsqlDbType.Bytea),
        _ => ("text", NpgsqlDbType.Text),
    };

#pragma warning disable CA2100 // Identifiers are quoted by EtlJob.Quote; every value goes through a parameter.
    private static async Task ExecuteAsync(NpgsqlConnection pg, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, pg, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
#pragma warning restore CA2100
}
