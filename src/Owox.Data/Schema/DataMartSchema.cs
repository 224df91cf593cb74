using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Schema;

/// <summary>
/// A data mart as <c>GET /api/data-marts/{id}</c> describes it (wire-protocol §5.3): id, title, status, warehouse, and the
/// streamable native columns in the order <c>columns=*</c> yields them — hidden and disconnected fields
/// (with their subtree) skipped, nested fields as dotted paths after their container.
/// </summary>
internal sealed class DataMartSchema
{
    private Dictionary<string, SchemaField>? _byName;

    public DataMartSchema(string id, string? title, string? status, string? storageType, string? description, IReadOnlyList<SchemaField> columns)
    {
        Id = id;
        Title = title;
        Status = status;
        StorageType = storageType;
        Description = description;
        Columns = columns;
    }

    public string Id { get; }

    public string? Title { get; }

    public string? Status { get; }

    /// <summary>The warehouse, e.g. <c>GOOGLE_BIGQUERY</c>, <c>AWS_ATHENA</c>; decides what a type name means.</summary>
    public string? StorageType { get; }

    public string? Description { get; }

    public IReadOnlyList<SchemaField> Columns { get; }

    /// <summary>The column named exactly <paramref name="name"/>, else the only one equal ignoring case; null if none.</summary>
    public SchemaField? Find(string name)
    {
        if (_byName is null)
        {
            var map = new Dictionary<string, SchemaField>(StringComparer.Ordinal);
            foreach (var column in Columns)
                map[column.Name] = column;
            _byName = map;
        }
        if (_byName.TryGetValue(name, out var field))
            return field;
        SchemaField? match = null;
        foreach (var column in Columns)
        {
            if (string.Equals(column.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                if (match is not null)
                    return null;
                match = column;
            }
        }
        return match;
    }

    public static DataMartSchema Parse(JsonElement root, string requestedId)
    {
        var id = String(root, "id") ?? requestedId;
        string? storageType = null;
        if (root.TryGetProperty("storage", out var storage) && storage.ValueKind == JsonValueKind.Object)
            storageType = String(storage, "type");
        var columns = new List<SchemaField>();
        if (root.TryGetProperty("schema", out var schema) && schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
        {
            AddFields(fields, prefix: null, parentRequired: true, columns);
        }
        return new DataMartSchema(id, String(root, "title"), String(root, "status"), storageType, String(root, "description"), columns);
    }

    private static void AddFields(JsonElement fields, string? prefix, bool parentRequired, List<SchemaField> columns)
    {
        foreach (var field in fields.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object)
                continue;
            var name = String(field, "name");
            if (string.IsNullOrEmpty(name))
                continue;
            if (Boolean(field, "isHiddenForReporting") || string.Equals(String(field, "status"), "DISCONNECTED", StringComparison.Ordinal))
                continue;
            var path = prefix is null ? name! : prefix + "." + name;
            var type = String(field, "type") ?? "STRING";
            var mode = String(field, "mode");
            if (string.Equals(mode, "REPEATED", StringComparison.OrdinalIgnoreCase))
                type = "ARRAY";
            // A nested field of a NULLABLE record is NULL whenever its record is, whatever its own mode says.
            var required = parentRequired && string.Equals(mode, "REQUIRED", StringComparison.OrdinalIgnoreCase);
            columns.Add(new SchemaField(path, type, String(field, "alias"), String(field, "description"), Boolean(field, "isPrimaryKey"), required));
            if (type != "ARRAY" && field.TryGetProperty("fields", out var nested) && nested.ValueKind == JsonValueKind.Array)
                AddFields(nested, path, required, columns);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Boolean(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
