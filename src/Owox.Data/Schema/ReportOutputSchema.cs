using System.Collections.Generic;
using System.Text.Json;
using Owox.Data.Query;
using Owox.Data.Types;

namespace Owox.Data.Schema;

/// <summary>
/// A report's typed output columns as <c>GET /api/reports/{id}/output-schema</c> gives them (wire-protocol §5.6, §10:
/// served by self-hosted 0.35): <c>{"columns":[{name, type, title?, description?}]}</c>, named as the stream names
/// them. Preferred to deriving the columns from the report's definition, which older servers leave as the only way.
/// </summary>
internal sealed class ReportOutputSchema(IReadOnlyList<(string Name, string TypeName, string? Description)> columns)
{
    public IReadOnlyList<(string Name, string TypeName, string? Description)> Columns { get; } = columns;

    /// <summary>The answer's columns; null when it has no <c>columns</c> array (then the definition is used instead).</summary>
    public static ReportOutputSchema? Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("columns", out var array) || array.ValueKind != JsonValueKind.Array)
            return null;
        var columns = new List<(string, string, string?)>();
        foreach (var column in array.EnumerateArray())
        {
            if (column.ValueKind != JsonValueKind.Object || Text(column, "name") is not { Length: > 0 } name)
                continue;
            columns.Add((name, Text(column, "type") ?? "STRING", Text(column, "description")));
        }
        return new ReportOutputSchema(columns);
    }

    /// <summary>
    /// The result columns, typed for the mart's warehouse; a column that is one of the mart's fields keeps it as its
    /// source (and its REQUIRED mode), an aggregate label or <c>Row Count</c> has none (and <c>Row Count</c> is never NULL).
    /// </summary>
    public ResultColumn[] ToColumns(DataMartSchema schema)
    {
        var result = new ResultColumn[Columns.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var (name, typeName, description) = Columns[i];
            var field = schema.Find(name);
            result[i] = new ResultColumn(name, name, typeName, StorageTypeMap.Resolve(schema.StorageType, typeName), field?.Name, description ?? field?.Description, isAliased: field is null, schema.StorageType)
            {
                AllowDBNull = field is not { IsRequired: true } && name != QueryWireNames.RowCountKey,
            };
        }
        return result;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
