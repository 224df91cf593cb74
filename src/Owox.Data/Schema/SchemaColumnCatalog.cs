using System.Collections.Generic;
using System.Linq;
using Owox.Data.Query;

namespace Owox.Data.Schema;

/// <summary>Lets the SQL translator see a data mart's columns and their storage types.</summary>
internal sealed class SchemaColumnCatalog(DataMartSchema schema) : IColumnCatalog
{
    public IReadOnlyList<string> ColumnNames { get; } = schema.Columns.Select(c => c.Name).ToArray();

    public string? StorageTypeOf(string column) => schema.Find(column)?.TypeName.ToUpperInvariant();
}
