using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// Loads into PostgreSQL (<see cref="EtlOptions.PostgresConnectionString"/>) with binary <c>COPY</c>. A partition is one
/// transaction — delete, <c>COPY ... FROM STDIN (FORMAT BINARY)</c>, count, checkpoint — so a failed partition rolls back
/// completely. <see cref="EtlOptions.BatchSize"/> is not used.
/// </summary>
public sealed class PostgresEtlTarget : IEtlTarget
{
    private readonly NpgsqlConnection _pg;
    private readonly EtlOptions _options;
    private readonly string _table;

    private PostgresEtlTarget(NpgsqlConnection pg, EtlOptions options)
    {
        _pg = pg;
        _options = options;
        _table = EtlJob.Quote(options.EffectiveTableName);
    }

    /// <summary>Connects to PostgreSQL and creates the checkpoint table when it is missing.</summary>
    public static async Task<PostgresEtlTarget> OpenAsync(string connectionString, EtlOptions options, CancellationToken cancellationToken)
    {
        var target = new PostgresEtlTarget(new NpgsqlConnection(connectionString), options);
        try
        {
            await target._pg.OpenAsync(cancellationToken);
            await target.ExecuteAsync(null, $"""
                CREATE TABLE IF NOT EXISTS {EtlJob.CheckpointTable} (
                    target_table text NOT NULL, data_mart_id text NOT NULL, partition text NOT NULL,
                    rows bigint NOT NULL, run_id text, completed_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (target_table, partition))
                """, cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    public async Task<Dictionary<string, long>> CompletedPartitionsAsync(CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT partition, rows FROM {EtlJob.CheckpointTable} WHERE target_table = @table AND data_mart_id = @mart", _pg);
        command.Parameters.AddWithValue("table", _options.EffectiveTableName);
        command.Parameters.AddWithValue("mart", _options.DataMartId);
        var completed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            completed[reader.GetString(0)] = reader.GetInt64(1);
        return completed;
    }

    public async Task CreateTableAsync(IReadOnlyList<DbColumn> columns, CancellationToken cancellationToken)
    {
        var definitions = columns.Select(c => $"{EtlJob.Quote(c.ColumnName)} {ColumnType(c).Sql}");
        await ExecuteAsync(null, $"CREATE TABLE IF NOT EXISTS {_table} ({string.Join(", ", definitions)}, {EtlJob.PartitionColumn} text NOT NULL)", cancellationToken);
        await ExecuteAsync(null, $"CREATE INDEX IF NOT EXISTS {EtlJob.Quote("ix_" + _options.EffectiveTableName + EtlJob.PartitionColumn)} ON {_table} ({EtlJob.PartitionColumn})", cancellationToken);
    }

    public async Task<long> LoadPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken)
    {
        var columns = reader.GetColumnSchema();
        var types = columns.Select(c => ColumnType(c).Type).ToArray();
        await using var transaction = await _pg.BeginTransactionAsync(cancellationToken);   // disposed without a commit = rolled back
        await ExecuteAsync(transaction, $"DELETE FROM {_table} WHERE {EtlJob.PartitionColumn} = @partition", cancellationToken, ("partition", partition));
        await ExecuteAsync(transaction, $"DELETE FROM {EtlJob.CheckpointTable} WHERE target_table = @table AND partition = @partition", cancellationToken,
            ("table", _options.EffectiveTableName), ("partition", partition));

        long rows = 0;
        await using (var copy = await _pg.BeginBinaryImportAsync(
            $"COPY {_table} ({string.Join(", ", columns.Select(c => EtlJob.Quote(c.ColumnName)))}, {EtlJob.PartitionColumn}) FROM STDIN (FORMAT BINARY)", cancellationToken))
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
                        await copy.WriteAsync(value, types[i], cancellationToken);
                }
                await copy.WriteAsync(partition, NpgsqlDbType.Text, cancellationToken);
                rows++;
                rowLoaded();
            }
            await copy.CompleteAsync(cancellationToken);   // disposing without this cancels the COPY
        }

        var landed = await CountRowsAsync(transaction, partition, cancellationToken);
        if (landed != rows)
            throw new EtlException($"{landed} rows in PostgreSQL but {rows} streamed.");
        await ExecuteAsync(transaction, $"INSERT INTO {EtlJob.CheckpointTable} (target_table, data_mart_id, partition, rows, run_id) VALUES (@table, @mart, @partition, @rows, @run)", cancellationToken,
            ("table", _options.EffectiveTableName), ("mart", _options.DataMartId), ("partition", partition), ("rows", rows), ("run", reader.RunId));
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    public Task<long> CountRowsAsync(string partition, CancellationToken cancellationToken) => CountRowsAsync(null, partition, cancellationToken);

    public Task ForgetPartitionAsync(string partition, CancellationToken cancellationToken) =>
        ExecuteAsync(null, $"DELETE FROM {EtlJob.CheckpointTable} WHERE target_table = @table AND partition = @partition", cancellationToken,
            ("table", _options.EffectiveTableName), ("partition", partition));

    public ValueTask DisposeAsync() => _pg.DisposeAsync();

    /// <summary>
    /// The provider's column → a PostgreSQL column type and its COPY type: the CLR type decides, the storage type tells DATE from
    /// timestamps, and <see cref="OwoxDbColumn.DateTimeKind"/> tells an instant (<c>timestamptz</c>) from wall-clock time (<c>timestamp</c>).
    /// </summary>
    public static (string Sql, NpgsqlDbType Type) ColumnType(DbColumn column) => column.DataType switch
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
    private async Task<long> CountRowsAsync(NpgsqlTransaction? transaction, string partition, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM {_table} WHERE {EtlJob.PartitionColumn} = @partition", _pg, transaction);
        command.Parameters.AddWithValue("partition", partition);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task ExecuteAsync(NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, _pg, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
#pragma warning restore CA2100
}
