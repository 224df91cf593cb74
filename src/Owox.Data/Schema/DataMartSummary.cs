using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Schema;

/// <summary>One entry of <c>GET /api/data-marts</c> (wire-protocol §5.2): a data mart the key may see, without its schema.</summary>
internal sealed record DataMartSummary(string Id, string? Title, string? Status, string? StorageType, string? Description)
{
    /// <summary>Adds one page's items to <paramref name="marts"/> and returns the next offset, or null on the last page.</summary>
    public static long? ParsePage(JsonElement root, long offset, List<DataMartSummary> marts)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return null;
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || Text(item, "id") is not { } id)
                    continue;
                string? storage = null;
                if (item.TryGetProperty("storage", out var s) && s.ValueKind == JsonValueKind.Object)
                    storage = Text(s, "type");
                marts.Add(new DataMartSummary(id, Text(item, "title"), Text(item, "status"), storage, Text(item, "description")));
            }
        }
        return root.TryGetProperty("nextOffset", out var next) && next.ValueKind == JsonValueKind.Number && next.TryGetInt64(out var n) && n > offset ? n : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
