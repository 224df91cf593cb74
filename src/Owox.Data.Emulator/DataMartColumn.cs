using System.Collections.Generic;

namespace Owox.Data.Emulator;

/// <summary>One field of a data mart's schema (wire-protocol §5.3).</summary>
public sealed class DataMartColumn
{
    /// <summary>Creates a column.</summary>
    public DataMartColumn()
    {
    }

    /// <summary>Creates a column with a name and a storage type name.</summary>
    public DataMartColumn(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The case-sensitive column name (a nested field's own name, without its parent's).</summary>
    public string Name { get; set; } = "";

    /// <summary>The storage type name as the flavour's schema declares it (e.g. <c>NUMERIC</c>, <c>TIMESTAMP_NTZ</c>).</summary>
    public string Type { get; set; } = "STRING";

    /// <summary>BigQuery only: <c>NULLABLE</c>, <c>REQUIRED</c> or <c>REPEATED</c>; <see langword="null"/> elsewhere.</summary>
    public string? Mode { get; set; }

    /// <summary>Display title (the run's <c>dataHeaders[].title</c>).</summary>
    public string? Alias { get; set; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; set; }

    /// <summary>Whether the field is part of the primary key.</summary>
    public bool IsPrimaryKey { get; set; }

    /// <summary>Hidden fields (and their subtree) are not streamable.</summary>
    public bool IsHiddenForReporting { get; set; }

    /// <summary><c>CONNECTED</c> (default), <c>CONNECTED_WITH_DEFINITION_MISMATCH</c> or <c>DISCONNECTED</c> (not streamable).</summary>
    public string Status { get; set; } = "CONNECTED";

    /// <summary><c>"dimension"</c> or <c>"metric"</c>; <see langword="null"/> (the default) omits it.</summary>
    public string? AggregationRole { get; set; }

    /// <summary>
    /// Aggregate functions this field allows (e.g. <c>["MIN","MAX"]</c>); <see langword="null"/> = the type-derived defaults.
    /// Others answer 400 <c>AGGREGATION_FUNCTION_NOT_ALLOWED_FOR_FIELD</c>.
    /// </summary>
#pragma warning disable CA2227 // A settable list keeps object initialisers simple.
    public IList<string>? AllowedAggregations { get; set; }
#pragma warning restore CA2227

    /// <summary>Nested fields of a BigQuery <c>RECORD</c>/<c>STRUCT</c>; streamed as <c>parent.child</c>.</summary>
#pragma warning disable CA2227 // A settable list keeps object initialisers simple.
    public IList<DataMartColumn>? Fields { get; set; }
#pragma warning restore CA2227
}
