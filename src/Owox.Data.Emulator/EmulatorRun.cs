using System;
using System.Collections.Generic;

namespace Owox.Data.Emulator;

/// <summary>A snapshot of one <c>HTTP_DATA</c> run (what <c>GET /api/data-marts/{id}/runs/{runId}</c> reports).</summary>
/// <param name="Id">The run id (the stream's <c>x-owox-run-id</c>).</param>
/// <param name="DataMartId">The data mart streamed.</param>
/// <param name="ReportId">The report streamed, or <see langword="null"/>.</param>
/// <param name="Status"><c>RUNNING</c>, <c>SUCCESS</c> or <c>FAILED</c>.</param>
/// <param name="RowCount">Rows written.</param>
/// <param name="BytesWritten">Body bytes written.</param>
/// <param name="Completed">True only for a stream that ended cleanly.</param>
/// <param name="Errors">Why a FAILED run failed.</param>
/// <param name="CreatedAt">Start time on the emulator clock.</param>
/// <param name="FinishedAt">End time on the emulator clock, or <see langword="null"/> while running.</param>
public sealed record EmulatorRun(
    string Id,
    string DataMartId,
    string? ReportId,
    string Status,
    long RowCount,
    long BytesWritten,
    bool Completed,
    IReadOnlyList<string> Errors,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt);
