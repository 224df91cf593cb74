using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>
/// What the SQL translator needs to know about a data mart's columns: the streamable native columns in
/// schema order and their storage types. The provider implements it from <c>GET /api/data-marts/{id}</c>;
/// the translator uses it to format parameter values for the column's type (DATE vs TIMESTAMP, numbers vs
/// strings, booleans) and to pick a column for the hidden aggregation that <c>COUNT(*)</c>, <c>DISTINCT</c>
/// and aggregate-free <c>GROUP BY</c> need. Passing no catalog is allowed; values are then typed from the
/// parameters alone and those three constructs are refused.
/// </summary>
internal interface IColumnCatalog
{
    /// <summary>The streamable native columns (what <c>columns=*</c> yields), in schema order.</summary>
    IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The upper-case storage type of <paramref name="column"/> (<c>DATE</c>, <c>TIMESTAMP</c>, <c>NUMERIC</c>, …), or null when unknown.</summary>
    string? StorageTypeOf(string column);
}
