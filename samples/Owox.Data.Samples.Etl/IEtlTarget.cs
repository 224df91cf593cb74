using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// The database <see cref="EtlJob"/> loads into. A target knows its own SQL and nothing about OWOX, partition ranges,
/// progress or the count check: it creates its table, loads one partition transactionally, lists the partitions its
/// checkpoint table records as complete, and counts. Implementations: <see cref="SqliteEtlTarget"/> and
/// <see cref="PostgresEtlTarget"/>, over <see cref="SqlEtlTarget"/>, which holds what SQL databases share; another
/// database needs one more class like them.
/// </summary>
public interface IEtlTarget : IAsyncDisposable
{
    /// <summary>The partitions the checkpoint table records as complete for this table and data mart, with their row counts.</summary>
    Task<Dictionary<string, long>> CompletedPartitionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates the target table when it is missing: the data mart's columns (from the reader's column schema) plus an indexed
    /// <c>_partition</c> column that says which partition a row came with.
    /// </summary>
    Task CreateTableAsync(IReadOnlyList<DbColumn> columns, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the partition's rows with the reader's rows and records the partition as complete. The checkpoint is written
    /// in the same transaction as the last rows, and only when the rows in the table equal the rows streamed (otherwise
    /// <see cref="EtlException"/>). Whatever fails — the stream, the database, a cancellation — no row of the partition stays
    /// behind and nothing is recorded. Calls <paramref name="rowLoaded"/> after each row; returns the number of rows.
    /// </summary>
    Task<long> LoadPartitionAsync(string partition, OwoxDataReader reader, Action rowLoaded, CancellationToken cancellationToken);

    /// <summary>The rows of the partition that are in the target table now.</summary>
    Task<long> CountRowsAsync(string partition, CancellationToken cancellationToken);

    /// <summary>Removes the partition's checkpoint, so that the next run loads it again.</summary>
    Task ForgetPartitionAsync(string partition, CancellationToken cancellationToken);
}
