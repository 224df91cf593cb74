using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Emulator.Query;

/// <summary>One filter rule as decoded from the <c>filter</c> parameter (wire-protocol §3.3.1).</summary>
internal sealed record FilterSpec(string Column, string Operator, JsonElement? Value, string? Function, string? Placement);

/// <summary>One sort rule (wire-protocol §3.3.2).</summary>
internal sealed record SortSpec(string Column, bool Descending);

/// <summary>One aggregation rule (wire-protocol §3.3.3).</summary>
internal sealed record AggregationSpec(string Column, string Function);

/// <summary>One date-bucket rule (wire-protocol §3.3.4).</summary>
internal sealed record DateTruncSpec(string Column, string Unit, string? TimeZone);

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
