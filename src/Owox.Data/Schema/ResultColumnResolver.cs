using System;
using System.Collections.Generic;
using Owox.Data.Query;
using Owox.Data.Types;

namespace Owox.Data.Schema;

/// <summary>
/// Works out a result's columns before any row arrives: the mart's streamable columns for a plain read, or
/// the query's projection with types derived the way the server derives them (wire-protocol §3.8 "Aggregated / synthetic
/// columns", §3.3.4): COUNT/COUNT_DISTINCT/Row Count → the warehouse's integer type, AVG and percentiles →
/// its float type, STRING_AGG → its string type, SUM/MIN/MAX/ANY_VALUE → the source type; a date bucket is a
/// DATE on BigQuery, a TIMESTAMP on Redshift and Databricks, and keeps its type elsewhere.
/// </summary>
internal static class ResultColumnResolver
{
    public static ResultColumn[] Resolve(DataMartQuery query, DataMartSchema schema)
    {
        var warehouse = schema.StorageType;
        if (query.Projection is null)
        {
            var selected = query.Columns.Count > 0 ? query.Columns : null;
            var all = new List<ResultColumn>();
            if (selected is null)
            {
                foreach (var field in schema.Columns)
                    all.Add(Plain(field.Name, field.Name, field, warehouse));
            }
            else
            {
                foreach (var name in selected)
                    all.Add(Plain(name, name, schema.Find(name), warehouse));
            }
            var plain = all.ToArray();
            MarkKey(plain, schema);
            return plain;
        }

        var columns = new ResultColumn[query.Projection.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var output = query.Projection[i];
            var field = output.SourceColumn is null ? null : schema.Find(output.SourceColumn);
            string typeName;
            if (output.Function is AggregateFunction function)
                typeName = AggregateType(function, field?.TypeName, warehouse);
            else if (output.SourceColumn is null)
                typeName = IntegerType(warehouse);
            else if (output.DateTrunc is not null)
                typeName = DateTruncType(field?.TypeName, warehouse);
            else
                typeName = field?.TypeName ?? "STRING";
            var aliased = !string.Equals(output.Name, output.SourceColumn, StringComparison.Ordinal) || output.Function is not null;
            columns[i] = new ResultColumn(output.Key, output.Name, typeName, StorageTypeMap.Resolve(warehouse, typeName), output.SourceColumn, field?.Description, aliased, warehouse)
            {
                AllowDBNull = !NeverNull(output, field),
            };
        }
        if (query.Aggregations.Count == 0 && query.DateTruncs.Count == 0)
            MarkKey(columns, schema);
        return columns;
    }

    private static ResultColumn Plain(string key, string name, SchemaField? field, string? warehouse)
    {
        var typeName = field?.TypeName ?? "STRING";
        return new ResultColumn(key, name, typeName, StorageTypeMap.Resolve(warehouse, typeName), field?.Name ?? key, field?.Description, isAliased: false, warehouse)
        {
            AllowDBNull = field is not { IsRequired: true },
        };
    }

    /// <summary>A count (or <c>Row Count</c>) always has a value; a column read as-is or bucketed has one when its field is REQUIRED.</summary>
    private static bool NeverNull(OutputColumn output, SchemaField? field) => output.Function switch
    {
        AggregateFunction.Count or AggregateFunction.CountDistinct => true,
        null => output.SourceColumn is null || field is { IsRequired: true },
        _ => false,
    };

    /// <summary>
    /// Marks the primary-key columns when the result holds every one of them as read from the mart; a result that
    /// drops a key column, or groups, has no key the schema vouches for.
    /// </summary>
    private static void MarkKey(ResultColumn[] columns, DataMartSchema schema)
    {
        var keyFields = 0;
        foreach (var field in schema.Columns)
        {
            if (field.IsPrimaryKey)
                keyFields++;
        }
        if (keyFields == 0)
            return;
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (column.SourceColumn is { } source && schema.Find(source) is { IsPrimaryKey: true } field)
                found.Add(field.Name);
        }
        if (found.Count != keyFields)
            return;
        foreach (var column in columns)
            column.IsKey = column.SourceColumn is { } source && schema.Find(source) is { IsPrimaryKey: true };
    }

    private static string AggregateType(AggregateFunction function, string? sourceType, string? warehouse) => function switch
    {
        AggregateFunction.Count or AggregateFunction.CountDistinct => IntegerType(warehouse),
        AggregateFunction.Avg or AggregateFunction.P25 or AggregateFunction.P50 or AggregateFunction.P75 or AggregateFunction.P95 => FloatType(warehouse),
        AggregateFunction.StringAgg => Is(warehouse, "REDSHIFT") ? "VARCHAR" : "STRING",
        _ => sourceType ?? "STRING",
    };

    private static string DateTruncType(string? sourceType, string? warehouse)
    {
        if (Is(warehouse, "BIGQUERY"))
            return "DATE";
        if (Is(warehouse, "REDSHIFT") || Is(warehouse, "DATABRICKS"))
            return "TIMESTAMP";
        return sourceType ?? "TIMESTAMP";
    }

    private static string IntegerType(string? warehouse) => Is(warehouse, "DATABRICKS") ? "INT" : "INTEGER";

    private static string FloatType(string? warehouse) =>
        Is(warehouse, "ATHENA") || Is(warehouse, "DATABRICKS") ? "DOUBLE"
        : Is(warehouse, "REDSHIFT") ? "DOUBLE PRECISION"
        : "FLOAT";

    private static bool Is(string? warehouse, string name) =>
        warehouse is not null && warehouse.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0;
}
