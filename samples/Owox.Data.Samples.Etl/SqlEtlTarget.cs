using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// What a SQL database target does the same way whatever the database, over plain ADO.NET: the checkpoint table's
/// queries, the target table and its partition index, counting a partition's rows, clearing a partition before it is
/// loaded again, and commands with parameters (written <c>@name</c>, which SQLite and PostgreSQL both take). A subclass
/// brings its connection, its checkpoint table's column types, its column types and the way it loads rows.
/// </summary>
public abstract class SqlEtlTarget : IEtlTarget
{
    private protected SqlEtlTarget(DbConnection connection, EtlOptions options)
    {
        Connection = connection;
        Options = options;
        Table = EtlJob.Quote(options.EffectiveTableName);
    }

    private protected DbConnection Connection { get; }

    private protected EtlOptions Options { get; }

    /// <summary>The target table's name, quoted.</summary>
    private protected string Table { get; }

    public async Task<Dictionary<string, long>> CompletedPartitionsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(null, $"SELECT partition, rows FROM {EtlJob.CheckpointTable} WHERE target_table = @table AND data_mart_id = @mart",
            ("table", Options.EffectiveTableName), ("mart", Options.DataMartId));
        var completed = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            completed[reader.GetString(0)] = reader.GetInt64(1);
        return completed;
    }

    public async Task CreateTableAsync(IReadOnlyList<DbColumn> columns, CancellationToken cancellationToken)
    {
        var definitions = columns.Select(c => $"{EtlJob.Quote(c.ColumnName)} {ColumnSql(c)}");
        await ExecuteAsync(null, $"CREATE TABLE IF NOT EXISTS {Table} ({string.Join(", ", definitions)}, {EtlJob.PartitionColumn} TEXT NOT NULL)", cancellationToken);
        await ExecuteAsync(null, $"CREATE INDEX IF NOT EXISTS {EtlJob.Quote("ix_" + Options.EffectiveTableName + EtlJob.PartitionColumn)} ON {Table} ({EtlJob.PartitionColumn})", cancellationToken);
    }

    public abstract Task<long> LoadPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken);

    public Task<long> CountRowsAsync(string partition, CancellationToken cancellationToken) => CountRowsAsync(null, partition, cancellationToken);

    public Task ForgetPartitionAsync(string partition, CancellationToken cancellationToken) =>
        ExecuteAsync(null, $"DELETE FROM {EtlJob.CheckpointTable} WHERE target_table = @table AND partition = @partition", cancellationToken,
            ("table", Options.EffectiveTableName), ("partition", partition));

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The SQL type of a data-mart column in this database.</summary>
    private protected abstract string ColumnSql(DbColumn column);

    /// <summary>
    /// Opens <paramref name="target"/>'s connection and creates the checkpoint table when it is missing, its columns
    /// typed by <paramref name="checkpointColumns"/>; disposes the target when either fails.
    /// </summary>
    private protected static async Task<TTarget> OpenAsync<TTarget>(TTarget target, string checkpointColumns, CancellationToken cancellationToken)
        where TTarget : SqlEtlTarget
    {
        try
        {
            await target.Connection.OpenAsync(cancellationToken);
            await target.ExecuteAsync(null, $"CREATE TABLE IF NOT EXISTS {EtlJob.CheckpointTable} ({checkpointColumns}, PRIMARY KEY (target_table, partition))", cancellationToken);
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes the partition's rows and its checkpoint: the start of loading it (again).</summary>
    private protected async Task ClearPartitionAsync(DbTransaction transaction, string partition, CancellationToken cancellationToken)
    {
        await DeleteRowsAsync(transaction, partition, cancellationToken);
        await ExecuteAsync(transaction, $"DELETE FROM {EtlJob.CheckpointTable} WHERE target_table = @table AND partition = @partition", cancellationToken,
            ("table", Options.EffectiveTableName), ("partition", partition));
    }

    private protected Task DeleteRowsAsync(DbTransaction? transaction, string partition, CancellationToken cancellationToken) =>
        ExecuteAsync(transaction, $"DELETE FROM {Table} WHERE {EtlJob.PartitionColumn} = @partition", cancellationToken, ("partition", partition));

    private protected async Task<long> CountRowsAsync(DbTransaction? transaction, string partition, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction, $"SELECT COUNT(*) FROM {Table} WHERE {EtlJob.PartitionColumn} = @partition", ("partition", partition));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private protected async Task ExecuteAsync(DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

#pragma warning disable CA2100 // Identifiers are quoted by EtlJob.Quote; every value goes through a parameter.
    private DbCommand Command(DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
#pragma warning restore CA2100
}
