using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data;

/// <summary>
/// Runs partitions in parallel, at most a given number at a time, on one <see cref="OwoxDataSource"/>: every partition
/// gets its own connection, and all of them share the data source's access token and its view of the key's rate limit,
/// so no request is started that the last <c>RateLimit-Remaining</c> says will be refused, and a 429 is waited out as
/// for any command. A partition that fails does not stop the others; its result carries the error.
/// </summary>
public static class OwoxPartitionRunner
{
    /// <summary>
    /// Reads each partition with <paramref name="consume"/>, which gets the partition's open reader and must read it to
    /// the end (a partition whose consumer returns early counts as succeeded with the rows it read). Partitions start in
    /// the order given. Returns one result per partition, in that order; throws
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> was cancelled, after every
    /// started partition has stopped.
    /// </summary>
    public static async Task<IReadOnlyList<OwoxPartitionResult>> RunAsync(
        OwoxDataSource dataSource, IEnumerable<OwoxPartition> partitions, int maxDegreeOfParallelism,
        Func<OwoxPartition, OwoxDataReader, CancellationToken, Task> consume, CancellationToken cancellationToken = default)
    {
        if (dataSource is null)
            throw new ArgumentNullException(nameof(dataSource));
        if (partitions is null)
            throw new ArgumentNullException(nameof(partitions));
        if (consume is null)
            throw new ArgumentNullException(nameof(consume));
        if (maxDegreeOfParallelism < 1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Run at least one partition at a time.");

        var work = partitions.ToArray();
        var results = new OwoxPartitionResult[work.Length];
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, work.Length));
        var workers = Enumerable.Range(0, Math.Min(maxDegreeOfParallelism, work.Length)).Select(_ => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested && queue.TryDequeue(out var index))
                results[index] = await RunOneAsync(dataSource, work[index], consume, cancellationToken).ConfigureAwait(false);
        }, CancellationToken.None));
        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    private static async Task<OwoxPartitionResult> RunOneAsync(OwoxDataSource dataSource, OwoxPartition partition, Func<OwoxPartition, OwoxDataReader, CancellationToken, Task> consume, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        OwoxDataReader? reader = null;
        try
        {
            using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var command = partition.CreateCommand(connection);
            reader = (OwoxDataReader)await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            using (reader)
                await consume(partition, reader, cancellationToken).ConfigureAwait(false);
            return new OwoxPartitionResult(partition, reader.RowsRead, reader.RunId, watch.Elapsed, null);
        }
        catch (Exception e)
        {
            return new OwoxPartitionResult(partition, reader?.RowsRead ?? 0, reader?.RunId, watch.Elapsed, e);
        }
    }
}
