using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Schema;

/// <summary>One report of <c>GET /api/reports/data-mart/{dataMartId}</c> (wire-protocol §4, §5.6): its id, title and data mart.</summary>
internal sealed record ReportSummary(string Id, string? Title, string DataMartId, string? DataMartTitle)
{
    /// <summary>The reports of the answer's array; entries without an id are skipped, a missing data mart is <paramref name="dataMartId"/>.</summary>
    public static IReadOnlyList<ReportSummary> ParseList(JsonElement root, string dataMartId)
    {
        var reports = new List<ReportSummary>();
        if (root.ValueKind != JsonValueKind.Array)
            return reports;
        foreach (var item in root.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Text(item, "id") is not { } id)
                continue;
            string? martId = null, martTitle = null;
            if (item.TryGetProperty("dataMart", out var mart) && mart.ValueKind == JsonValueKind.Object)
            {
                martId = Text(mart, "id");
                martTitle = Text(mart, "title");
            }
            reports.Add(new ReportSummary(id, Text(item, "title"), martId ?? dataMartId, martTitle));
        }
        return reports;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
