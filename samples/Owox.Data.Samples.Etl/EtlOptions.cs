using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Owox.Data.Samples.Etl;

/// <summary>The size of one resumable unit of work.</summary>
public enum EtlPartitioning
{
    Month,
    Day,
}

/// <summary>What to load, where to, and how.</summary>
public sealed class EtlOptions
{
    /// <summary>The data mart to read.</summary>
    public string DataMartId { get; set; } = "";

    /// <summary>The SQLite file to load into (created when missing); not used with <see cref="PostgresConnectionString"/>.</summary>
    public string DatabasePath { get; set; } = "owox.db";

    /// <summary>An Npgsql connection string: load into that PostgreSQL database instead of the SQLite file.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The target table; default <c>owox_</c> + the data-mart id.</summary>
    public string? TableName { get; set; }

    /// <summary>The DATE (or TIMESTAMP) column the partitions are cut on; the filter on it is pushed down to OWOX.</summary>
    public string DateColumn { get; set; } = "date";

    /// <summary>The first day to load (inclusive).</summary>
    public DateOnly From { get; set; }

    /// <summary>The day after the last day to load (exclusive).</summary>
    public DateOnly To { get; set; }

    public EtlPartitioning Partitioning { get; set; } = EtlPartitioning.Month;

    /// <summary>Rows per SQLite transaction (with PostgreSQL a partition is one transaction).</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Where progress goes (stderr in the console program).</summary>
    public TextWriter Log { get; set; } = TextWriter.Null;

    /// <summary>How often a progress line is written while a partition streams.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    public string EffectiveTableName => TableName ?? "owox_" + DataMartId.Replace('-', '_');
}

/// <summary>What happened to one partition in a run.</summary>
public enum EtlPartitionStatus
{
    /// <summary>Completed in an earlier run (found in the checkpoint table); not requested.</summary>
    Skipped,

    /// <summary>Loaded in this run, counts checked, recorded as complete.</summary>
    Loaded,

    /// <summary>The stream failed (e.g. cut mid-row) or its rows did not add up; no rows kept, not recorded.</summary>
    Failed,

    /// <summary>Loaded, but the row count differs from OWOX's <c>COUNT(*)</c>; checkpoint removed.</summary>
    CountMismatch,
}

/// <summary>One partition's outcome: its key (<c>yyyy-MM</c> or <c>yyyy-MM-dd</c>), its range, rows loaded and, when checked, the rows OWOX counts.</summary>
public sealed record EtlPartitionResult(string Partition, DateOnly From, DateOnly To, EtlPartitionStatus Status, long Rows, long? OwoxRows, string? Error);

/// <summary>The outcome of a run; <see cref="Succeeded"/> is false when any partition failed or mismatched.</summary>
public sealed record EtlResult(IReadOnlyList<EtlPartitionResult> Partitions, long RowsLoaded, TimeSpan Elapsed)
{
    public bool Succeeded => Partitions.All(p => p.Status is EtlPartitionStatus.Loaded or EtlPartitionStatus.Skipped);
}
