using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>What the translator may know about a data mart's columns: their names in schema order and storage types.</summary>
internal interface IColumnCatalog
{
    IReadOnlyList<string> ColumnNames { get; }

    string? StorageTypeOf(string column);
}
