using System.Collections.Generic;

namespace Owox.Data.Emulator;

/// <summary>Describes a data mart to create with <see cref="OwoxEmulator.CreateDataMart"/>.</summary>
public sealed class DataMartDefinition
{
    /// <summary>The id; <see langword="null"/> (the default) assigns a new UUID.</summary>
    public string? Id { get; set; }

    /// <summary>The title shown by the metadata endpoints.</summary>
    public string Title { get; set; } = "Data Mart";

    /// <summary>Free-text description.</summary>
    public string? Description { get; set; }

    /// <summary>The warehouse flavour (type names and value forms); BigQuery by default.</summary>
    public StorageFlavor Storage { get; set; } = StorageFlavor.BigQuery;

    /// <summary>Whether the mart is <c>PUBLISHED</c> (streamable, the default) or <c>DRAFT</c> (streams answer 404).</summary>
    public bool Published { get; set; } = true;

    /// <summary>The schema fields in order. Row values are given per streamable column path (containers and their leaves).</summary>
#pragma warning disable CA2227 // A settable list keeps object initialisers simple.
    public IList<DataMartColumn> Columns { get; set; } = new List<DataMartColumn>();
#pragma warning restore CA2227
}
