using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Owox.Data.Emulator.Http;

/// <summary>One <c>HTTP_DATA</c> run (wire-protocol §3.12), created per stream request that passes the pre-execution checks.</summary>
internal sealed class RunRecord
{
    public string Id { get; } = Guid.NewGuid().ToString();

    public string DataMartId { get; init; } = "";

    public string? ReportId { get; init; }

    public string Status { get; set; } = "RUNNING";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public List<string> Errors { get; } = [];

    /// <summary>The <c>additionalParams.httpData</c> object (rowCount/bytesWritten/completed are filled at the end).</summary>
    public JsonObject HttpData { get; init; } = [];

    public long RowCount { get; set; }

    public long BytesWritten { get; set; }

    public bool Completed { get; set; }
}
