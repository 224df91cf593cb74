using System;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Owox.Data.Cli.Export;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// Loads into a SQLite file (<see cref="EtlOptions.DatabasePath"/>, created when missing). Rows go through one prepared
/// <c>INSERT</c>, committed every <see cref="EtlOptions.BatchSize"/> rows; a partition's last batch, the check that the rows in
/// SQLite equal the rows streamed, and its checkpoint are committed together. When a partition fails, the batches it had
/// committed are deleted.
/// </summary>
public sealed class SqliteEtlTarget : SqlEtlTarget
{
    private SqliteEtlTarget(SqliteConnection sqlite, EtlOptions options)
        : base(sqlite, options)
    {
    }

    /// <summary>Opens (or creates) the SQLite file and its checkpoint table.</summary>
    public static Task<SqliteEtlTarget> OpenAsync(EtlOptions options, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, Pooling = false }.ToString();
        return OpenAsync(new SqliteEtlTarget(new SqliteConnection(connectionString), options), """
            target_table TEXT NOT NULL, data_mart_id TEXT NOT NULL, partition TEXT NOT NULL,
            rows INTEGER NOT NULL, run_id TEXT, completed_at TEXT NOT NULL
            """, cancellationToken);
    }

    public override async Task<long> LoadPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken)
    {
        try
        {
            return await InsertPartitionAsync(partition, reader, rowLoaded, cancellationToken);
        }
        catch
        {
            // Batches before the failure were committed: remove them, so that a failed partition leaves no rows behind.
            await DeleteRowsAsync(null, partition, CancellationToken.None);
            throw;
        }
    }

    private async Task<long> InsertPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken)
    {
        var columns = reader.GetColumnSchema();
        var sqlite = (SqliteConnection)Connection;
        var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken);
        try
        {
            await ClearPartitionAsync(transaction, partition, cancellationToken);

            // One prepared INSERT, re-bound for every row.
            await using var insert = sqlite.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Table} ({string.Join(", ", columns.Select(c => EtlJob.Quote(c.ColumnName)))}, {EtlJob.PartitionColumn}) " +
                                 $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))}, @partition)";
            var parameters = columns.Select((_, i) => insert.Parameters.Add("@p" + i.ToString(CultureInfo.InvariantCulture), SqliteType.Text)).ToArray();
            insert.Parameters.AddWithValue("@partition", partition);
            insert.Prepare();

            var isDate = columns.Select(ExportText.IsDate).ToArray();
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < parameters.Length; i++)
                    parameters[i].Value = ToSqlite(reader.GetValue(i), isDate[i]);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                rows++;
                if (rows % Options.BatchSize == 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken);
                    insert.Transaction = transaction;
                }
                rowLoaded();
            }

            // The stream ended with its terminator (a cut stream throws instead). Check what landed, then record it.
            var landed = await CountRowsAsync(transaction, partition, cancellationToken);
            if (landed != rows)
                throw new EtlException($"{landed} rows in SQLite but {rows} streamed.");
            await ExecuteAsync(transaction,
                $"INSERT INTO {EtlJob.CheckpointTable} (target_table, data_mart_id, partition, rows, run_id, completed_at) VALUES (@table, @mart, @partition, @rows, @run, @at)",
                cancellationToken,
                ("table", Options.EffectiveTableName), ("mart", Options.DataMartId), ("partition", partition), ("rows", rows),
                ("run", reader.RunId), ("at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            await transaction.CommitAsync(cancellationToken);
            return rows;
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    /// <summary>CLR type → SQLite type affinity. Decimals stay exact as text; dates and times are ISO-8601 text.</summary>
    public static string Affinity(Type? type) => type switch
    {
        _ when type == typeof(long) || type == typeof(int) || type == typeof(short) || type == typeof(byte) || type == typeof(bool) => "INTEGER",
        _ when type == typeof(double) || type == typeof(float) => "REAL",
        _ when type == typeof(byte[]) => "BLOB",
        _ => "TEXT",
    };

    private protected override string ColumnSql(DbColumn column) => Affinity(column.DataType);

    /// <summary>
    /// A value as SQLite stores it: integers, floats and bytes as they are, booleans 0/1, and everything else as text in
    /// the one export form owox-data also writes (<see cref="ExportText"/>: timestamps with seven fractional digits,
    /// so text order is time order, and a <c>Z</c> only for instants).
    /// </summary>
    private static object ToSqlite(object value, bool isDate) => value switch
    {
        DBNull or long or double or byte[] => value,
        bool b => b ? 1L : 0L,
        _ => ExportText.Format(value, isDate),
    };
}
