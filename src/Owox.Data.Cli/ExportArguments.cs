using System;
using System.Collections.Generic;

namespace Owox.Data.Cli;

/// <summary>What <c>owox-data export</c> was asked to do.</summary>
/// <param name="Query">A data-mart id or a SELECT; null for the emulator's demo data mart.</param>
/// <param name="Key">The API key; null to start the emulator.</param>
/// <param name="Format">parquet, csv or ndjson.</param>
/// <param name="Output">The folder the partitions and the manifest go to.</param>
/// <param name="Column">The date column to partition by.</param>
/// <param name="Granularity">One partition per day, week or month.</param>
/// <param name="From">The first day to export; null: the earliest date in the data.</param>
/// <param name="To">The last day to export; null: the latest date in the data.</param>
/// <param name="Parallel">Partitions read at a time.</param>
/// <param name="Verify">Check each partition's row count against the server's run record.</param>
/// <param name="Parameters">The <c>--param name=value</c> texts.</param>
internal sealed record ExportArguments(
    string? Query,
    string? Key,
    string Format,
    string Output,
    string Column,
    OwoxPartitionGranularity Granularity,
    DateTime? From,
    DateTime? To,
    int Parallel,
    bool Verify,
    IReadOnlyList<string> Parameters);
