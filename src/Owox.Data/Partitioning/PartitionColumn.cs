using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Execution;
using Owox.Data.Types;

namespace Owox.Data.Partitioning;

/// <summary>Checks, against the data mart's declared schema, that a plan's partition column exists and holds dates or timestamps.</summary>
internal static class PartitionColumn
{
    public static async Task EnsureDateAsync(OwoxConnection connection, string dataMart, string column, CancellationToken cancellationToken)
    {
        if (connection.Settings.SchemaSource != OwoxSchemaSource.Metadata)
            return;
        var dataSource = connection.OpenDataSource;
        var id = await QueryExecutor.ResolveDataMartIdAsync(dataSource, dataMart, async: true, cancellationToken).ConfigureAwait(false);
        var schema = await dataSource.GetSchemaAsync(id, async: true, cancellationToken).ConfigureAwait(false);
        if (schema is null)
            return;
        var field = schema.Find(column) ?? throw new ArgumentException(
            $"Data mart '{id}' has no column '{column}' to partition by; its columns are: {string.Join(", ", schema.Columns.Select(c => c.Name))}.", nameof(column));
        if (StorageTypeMap.Resolve(schema.StorageType, field.TypeName) is not (OwoxValueKind.Date or OwoxValueKind.TimestampUtc or OwoxValueKind.DateTime))
            throw new ArgumentException($"Column '{field.Name}' is {field.TypeName}, not a date or a timestamp; partition by a DATE, DATETIME or TIMESTAMP column.", nameof(column));
    }
}
