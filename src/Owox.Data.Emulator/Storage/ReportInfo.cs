using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Emulator.Storage;

/// <summary>A saved report: a data mart plus stored output controls (the wire-protocol §4 endpoint applies them).</summary>
internal sealed class ReportInfo
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string DataMartId { get; set; } = "";

    public List<string>? ColumnConfig { get; set; }

    public JsonElement? FilterConfig { get; set; }

    public JsonElement? SortConfig { get; set; }

    public JsonElement? AggregationConfig { get; set; }

    public JsonElement? DateTruncConfig { get; set; }

    public long? LimitConfig { get; set; }
}
