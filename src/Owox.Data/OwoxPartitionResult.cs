using System;

namespace Owox.Data;

/// <summary>How one partition of an <see cref="OwoxPartitionRunner"/> run ended.</summary>
public sealed class OwoxPartitionResult
{
    internal OwoxPartitionResult(OwoxPartition partition, long rowsRead, string? runId, TimeSpan elapsed, Exception? error)
    {
        Partition = partition;
        RowsRead = rowsRead;
        RunId = runId;
        Elapsed = elapsed;
        Error = error;
    }

    /// <summary>The partition.</summary>
    public OwoxPartition Partition { get; }

    /// <summary>True when the partition's rows were all read and the consumer returned without an exception.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Rows the reader handed out (all of the partition's rows when <see cref="Succeeded"/>).</summary>
    public long RowsRead { get; }

    /// <summary>The server's run id of the partition's stream, when it started.</summary>
    public string? RunId { get; }

    /// <summary>From the start of the partition's command to the end of its consumer.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Why the partition failed (the provider's <see cref="OwoxException"/>, or the consumer's own exception); null on success.</summary>
    public Exception? Error { get; }
}
