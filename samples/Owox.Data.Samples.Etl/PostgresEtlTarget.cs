using System;
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
public sealed class PostgresEtlTarget : SqlEtlTarget
{
    private PostgresEtlTarget(NpgsqlConnection pg, EtlOptions options)
        : base(pg, options)
    {
    }

    /// <summary>Connects to PostgreSQL and creates the checkpoint table when it is missing.</summary>
    public static Task<PostgresEtlTarget> OpenAsync(string connectionString, EtlOptions options, CancellationToken cancellationToken) =>
        OpenAsync(new PostgresEtlTarget(new NpgsqlConnection(connectionString), options), """
            target_table text NOT NULL, data_mart_id text NOT NULL, partition text NOT NULL,
            rows bigint NOT NULL, run_id text, completed_at timestamptz NOT NULL DEFAULT now()
            """, cancellationToken);

    public override async Task<long> LoadPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken)
    {
        var columns = reader.GetColumnSchema();
        var types = columns.Select(c => ColumnType(c).Type).ToArray();
        var pg = (NpgsqlConnection)Connection;
        await using var transaction = await pg.BeginTransactionAsync(cancellationToken);   // disposed without a commit = rolled back
        await ClearPartitionAsync(transaction, partition, cancellationToken);

        long rows = 0;
        await using (var copy = await pg.BeginBinaryImportAsync(
            $"COPY {Table} ({string.Join(", ", columns.Select(c => EtlJob.Quote(c.ColumnName)))}, {EtlJob.PartitionColumn}) FROM STDIN (FORMAT BINARY)", cancellationToken))
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
            ("table", Options.EffectiveTableName), ("mart", Options.DataMartId), ("partition", partition), ("rows", rows), ("run", reader.RunId));
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private protected override string ColumnSql(DbColumn column) => ColumnType(column).Sql;

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
}
