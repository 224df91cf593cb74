using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Execution;

/// <summary>
/// What the server recorded about one HTTP Data stream (<c>GET /api/data-marts/{id}/runs/{runId}</c>, wire-protocol
/// §3.12, §5.5): its status, whether it completed, the rows it wrote, and its errors.
/// </summary>
internal sealed record StreamRun(string Status, bool Completed, long? RowCount, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Completed && Status == "SUCCESS";

    public static StreamRun Parse(JsonElement root)
    {
        var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "UNKNOWN";
        var completed = false;
        long? rowCount = null;
        if (root.TryGetProperty("additionalParams", out var additional) && additional.ValueKind == JsonValueKind.Object &&
            additional.TryGetProperty("httpData", out var httpData) && httpData.ValueKind == JsonValueKind.Object)
        {
            completed = httpData.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True;
            if (httpData.TryGetProperty("rowCount", out var count) && count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var rows))
                rowCount = rows;
        }
        var errors = new List<string>();
        if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in list.EnumerateArray())
                errors.Add(error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText());
        }
        return new StreamRun(status, completed, rowCount, errors);
    }
}
