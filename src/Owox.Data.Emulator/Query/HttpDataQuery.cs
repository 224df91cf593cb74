using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Emulator.Query;

/// <summary>The decoded, shape-validated output controls of one HTTP Data request (or a saved report).</summary>
internal sealed class HttpDataQuery
{
    /// <summary><c>*</c>, <c>**</c> or <see langword="null"/>.</summary>
    public string? ColumnsSelector { get; set; }

    public List<string> Columns { get; } = [];

    public List<FilterSpec> Filters { get; } = [];

    public List<SortSpec> Sorts { get; } = [];

    public List<AggregationSpec> Aggregations { get; } = [];

    public List<DateTruncSpec> DateTruncs { get; } = [];

    public long? Limit { get; set; }

    /// <summary>The decoded JSON of each control as received, for the run record.</summary>
    public Dictionary<string, JsonElement> RawControls { get; } = [];
}
