using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// Loads into a SQLite file (<see cref="EtlOptions.DatabasePath"/>, created when missing). Rows go through one prepared
/// <c>INSERT</c>, committed every <see cref="EtlOptions.BatchSize"/> rows; a partition's last batch, the check that the rows in
/// SQLite equal the rows streamed, and its checkpoint are committed together. When a partition fails, the batches it had
/// committed are deleted.
/// </summary>
public sealed class SqliteEtlTarget : IEtlTarget
{
    private readonly SqliteConnection _sqlite;
    private readonly EtlOptions _options;
    private readonly string _table;

    private SqliteEtlTarget(SqliteConnection sqlite, EtlOptions options)
    {
        _sqlite = sqlite;
        _options = options;
        _table = EtlJob.Quote(options.EffectiveTableName);
    }

    /// <summary>Opens (or creates) the SQLite file and its checkpoint table.</summary>
    public static async Task<SqliteEtlTarget> OpenAsync(EtlOptions options, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString();
        var target = new SqliteEtlTarget(new SqliteConnection(connectionString), options);
        try
        {
            await target._sqlite.OpenAsync(cancellationToken);
            await target.ExecuteAsync(null, $"""
                CREATE TABLE IF NOT EXISTS {EtlJob.CheckpointTable} (
                    target_table TEXT NOT NULL, data_mart_id TEXT NOT NULL, partition TEXT NOT NULL,
                    rows INTEGER NOT NULL, run_id TEXT, completed_at TEXT NOT NULL,
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
        await using var command = _sqlite.CreateCommand();
        command.CommandText = $"SELECT partition, rows FROM {EtlJob.CheckpointTable} WHERE target_table = $table AND data_mart_id = $mart";
        command.Parameters.AddWithValue("$table", _options.EffectiveTableName);
        command.Parameters.AddWithValue("$mart", _options.DataMartId);
        var completed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            completed[reader.GetString(0)] = reader.GetInt64(1);
        return completed;
    }

    public async Task CreateTableAsync(IReadOnlyList<DbColumn> columns, CancellationToken cancellationToken)
    {
        var definitions = columns.Select(c => $"{EtlJob.Quote(c.ColumnName)} {Affinity(c.DataType)}");
        await ExecuteAsync(null, $"CREATE TABLE IF NOT EXISTS {_table} ({string.Join(", ", definitions)}, {EtlJob.PartitionColumn} TEXT NOT NULL)", cancellationToken);
        await ExecuteAsync(null, $"CREATE INDEX IF NOT EXISTS {EtlJob.Quote("ix_" + _options.EffectiveTableName + EtlJob.PartitionColumn)} ON {_table} ({EtlJob.PartitionColumn})", cancellationToken);
    }

    public async Task<long> LoadPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken)
    {
        try
        {
            return await InsertPartitionAsync(partition, reader, rowLoaded, cancellationToken);
        }
        catch
        {
            // Batches before the failure were committed: remove them, so that a failed partition leaves no rows behind.
            await ExecuteAsync(null, $"DELETE FROM {_table} WHERE {EtlJob.PartitionColumn} = $partition", CancellationToken.None, ("$partition", partition));
            throw;
        }
    }

    private async Task<long> InsertPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken)
    {
        var columns = reader.GetColumnSchema();
        var transaction = (SqliteTransaction)await _sqlite.BeginTransactionAsync(cancellationToken);
        try
        {
            await ExecuteAsync(transaction, $"DELETE FROM {_table} WHERE {EtlJob.PartitionColumn} = $partition", cancellationToken, ("$partition", partition));
            await ExecuteAsync(transaction, $"DELETE FROM {EtlJob.CheckpointTable} WHERE target_table = $table AND partition = $partition", cancellationToken,
                ("$table", _options.EffectiveTableName), ("$partition", partition));

            // One prepared INSERT, re-bound for every row.
            await using var insert = _sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {_table} ({string.Join(", ", columns.Select(c => EtlJob.Quote(c.ColumnName)))}, {EtlJob.PartitionColumn}) " +
                                 $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))}, $partition)";
            var parameters = columns.Select((_, i) => insert.Parameters.Add("$p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
            insert.Parameters.AddWithValue("$partition", partition);
            insert.Prepare();

            var isDate = columns.Select(c => string.Equals(c.DataTypeName, "DATE", StringComparison.OrdinalIgnoreCase)).ToArray();
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < parameters.Length; i++)
                    parameters[i].Value = ToSqlite(reader.GetValue(i), isDate[i]);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                rows++;
                if (rows % _options.BatchSize == 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = (SqliteTransaction)await _sqlite.BeginTransactionAsync(cancellationToken);
                    insert.Transaction = transaction;
                }
                rowLoaded();
            }

            // The stream ended with its terminator (a cut stream throws instead). Check what landed, then record it.
            var landed = await ScalarAsync(transaction, $"SELECT COUNT(*) FROM {_table} WHERE {EtlJob.PartitionColumn} = $partition", cancellationToken, ("$partition", partition));
            if (landed != rows)
                throw new EtlException($"{landed} rows in SQLite but {rows} streamed.");
            await ExecuteAsync(transaction,
                $"INSERT INTO {EtlJob.CheckpointTable} (target_table, data_mart_id, partition, rows, run_id, completed_at) VALUES ($table, $mart, $partition, $rows, $run, $at)",
                cancellationToken,
                ("$table", _options.EffectiveTableName), ("$mart", _options.DataMartId), ("$partition", partition), ("$rows", rows),
                ("$run", reader.RunId), ("$at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            await transaction.CommitAsync(cancellationToken);
            return rows;
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    public Task<long> CountRowsAsync(string partition, CancellationToken cancellationToken) =>
        ScalarAsync(null, $"SELECT COUNT(*) FROM {_table} WHERE {EtlJob.PartitionColumn} = $partition", cancellationToken, ("$partition", partition));

    public Task ForgetPartitionAsync(string partition, CancellationToken cancellationToken) =>
        ExecuteAsync(null, $"DELETE FROM {EtlJob.CheckpointTable} WHERE target_table = $table AND partition = $partition", cancellationToken,
            ("$table", _options.EffectiveTableName), ("$partition", partition));

    public ValueTask DisposeAsync() => _sqlite.DisposeAsync();

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

#pragma warning disable CA2100 // Identifiers are quoted by EtlJob.Quote; every value goes through a parameter.
    private async Task ExecuteAsync(SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = _sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> ScalarAsync(SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = _sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
#pragma warning restore CA2100
}
