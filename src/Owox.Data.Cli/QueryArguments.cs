using System.Collections.Generic;

namespace Owox.Data.Cli;

/// <summary>What <c>owox-data [query]</c> was asked to do.</summary>
/// <param name="Query">A data-mart id, <c>report:&lt;id&gt;</c> or a SELECT; null for the emulator's demo data mart.</param>
/// <param name="Key">The API key; null to start the emulator.</param>
/// <param name="Format">table, csv, ndjson or sqlite.</param>
/// <param name="Output">The file to write instead of stdout.</param>
/// <param name="MaxRows">Rows to write at most.</param>
/// <param name="Parameters">The <c>--param name=value</c> texts.</param>
/// <param name="Table">sqlite: the table to write.</param>
/// <param name="Replace">sqlite: replace an existing table.</param>
/// <param name="Append">sqlite: append to an existing table.</param>
/// <param name="ByteOrderMark">csv: start with a UTF-8 byte order mark.</param>
internal sealed record QueryArguments(
    string? Query,
    string? Key,
    string Format,
    string? Output,
    long MaxRows,
    IReadOnlyList<string> Parameters,
    string? Table,
    bool Replace,
    bool Append,
    bool ByteOrderMark);
