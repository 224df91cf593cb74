using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>
/// The command model: everything one HTTP Data request asks the server for, in the API's own terms
/// (wire-protocol §3.2–§3.3), plus the <see cref="Projection"/> the reader exposes. Built from <c>CommandType</c>,
/// <c>CommandText</c> and parameters; turned into a URL by <see cref="QueryStringEncoder"/>.
/// </summary>
internal sealed class DataMartQuery
{
    public DataMartQuery(QueryTarget target, string id)
    {
        Target = target;
        Id = id;
    }

    public QueryTarget Target { get; }

    /// <summary>The data-mart id (or report id when <see cref="Target"/> is <see cref="QueryTarget.Report"/>).</summary>
    public string Id { get; }

    /// <summary>Explicit source columns in request order; empty means every native column (no <c>column</c> parameter).</summary>
    public List<string> Columns { get; } = [];

    public List<FilterRule> Filters { get; } = [];

    public List<SortRule> Sort { get; } = [];

    public List<AggregationRule> Aggregations { get; } = [];

    public List<DateTruncRule> DateTruncs { get; } = [];

    /// <summary>The <c>limit</c> sent: with an OFFSET, the LIMIT plus the rows to skip.</summary>
    public int? Limit { get; set; }

    /// <summary>Rows the reader skips before the first one it returns (a SQL OFFSET; never sent, the API has none).</summary>
    public int Skip { get; set; }

    /// <summary>True when the query can return no row (<c>WHERE 1 = 0</c>, <c>LIMIT 0</c>): nothing is sent when the schema is known.</summary>
    public bool ReturnsNoRows { get; set; }

    /// <summary>
    /// True for a grand total (only aggregates, no group key) over a condition that matches no row: SQL returns one row,
    /// <c>COUNT</c>s 0 and every other aggregate NULL, which is answered without a request.
    /// </summary>
    public bool AggregatesNoRows { get; set; }

    /// <summary>
    /// The columns the reader exposes, in order, with their JSON keys and reported names; null means
    /// "every column the server sends, under its own name" (a bare id, <c>SELECT *</c>, a report).
    /// </summary>
    public List<OutputColumn>? Projection { get; set; }
}
