using System.Collections.Generic;

namespace Owox.Data.Emulator.Query;

/// <summary>The SQLite statement for one request and the output columns its rows are rendered with.</summary>
internal sealed class QueryPlan
{
    public string Sql { get; set; } = "";

    public Dictionary<string, object> Parameters { get; } = [];

    /// <summary>Output columns in JSON key order.</summary>
    public List<OutputColumn> Outputs { get; } = [];

    /// <summary>Resolved selected source column names (the run's <c>httpData.columns</c>).</summary>
    public List<string> Columns { get; } = [];
}
