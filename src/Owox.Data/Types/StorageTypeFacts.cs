using System;
using System.Globalization;

namespace Owox.Data.Types;

/// <summary>
/// What a storage type fixes about its values, per warehouse: the byte size of fixed-size types, the precision and
/// scale of numbers, and the maximum length a <c>CHAR(n)</c>/<c>VARCHAR(n)</c> declares. Null where the type leaves it
/// open or the schema does not say (wire-protocol §5.3: stored type names carry no parameters on most warehouses, and
/// Snowflake folds every NUMBER(p,s) into <c>NUMERIC</c>); parameters are read when a type name carries them.
/// </summary>
internal readonly record struct StorageTypeFacts(int? ColumnSize, short? Precision, short? Scale, int? MaxLength)
{
    private static readonly string[] Warehouses = ["BIGQUERY", "ATHENA", "SNOWFLAKE", "REDSHIFT", "DATABRICKS"];

    /// <summary>The facts of <paramref name="typeName"/> on the warehouse named by <paramref name="storageType"/> (null: unknown).</summary>
    public static StorageTypeFacts Of(string? storageType, string? typeName)
    {
        var text = (typeName ?? string.Empty).Trim().ToUpperInvariant();
        var (name, first, second) = Split(text);
        var warehouse = Warehouse(storageType);
        switch (name)
        {
            case "BOOLEAN" or "BOOL":
                return warehouse is null ? default : new StorageTypeFacts(1, null, null, null);
            case "TINYINT" or "BYTEINT":
                return warehouse == "SNOWFLAKE" ? Number(38, 0) : Integer(warehouse, 1, 3);
            case "SMALLINT":
                return warehouse == "SNOWFLAKE" ? Number(38, 0) : Integer(warehouse, 2, 5);
            case "INT" or "INTEGER":
                return warehouse switch
                {
                    "BIGQUERY" => Integer(warehouse, 8, 19),
                    "SNOWFLAKE" => Number(38, 0),
                    _ => Integer(warehouse, 4, 10),
                };
            case "INT64" or "BIGINT":
                return warehouse == "SNOWFLAKE" ? Number(38, 0) : Integer(warehouse, 8, 19);
            case "FLOAT":
                // BigQuery's and Snowflake's FLOAT is 64-bit; Athena's and Databricks' FLOAT is 32-bit.
                return warehouse is "BIGQUERY" or "SNOWFLAKE" ? Float(8, 15) : warehouse is null ? default : Float(4, 7);
            case "REAL":
                return warehouse is null ? default : Float(4, 7);
            case "FLOAT64" or "DOUBLE" or "DOUBLE PRECISION":
                return warehouse is null ? default : Float(8, 15);
            case "NUMERIC" when warehouse == "BIGQUERY" && first is null:
                return new StorageTypeFacts(16, 38, 9, null);
            case "BIGNUMERIC" or "BIGDECIMAL" when warehouse == "BIGQUERY" && first is null:
                return new StorageTypeFacts(32, 76, 38, null);
            case "NUMERIC" or "NUMBER" or "DECIMAL" or "BIGNUMERIC" or "BIGDECIMAL":
                if (first is not null)
                    return Number(first.Value, second ?? 0);
                return warehouse == "SNOWFLAKE" ? new StorageTypeFacts(null, 38, null, null) : default;
            case "DATE" or "DATETIME" or "TIME" or "TIMESTAMP" when warehouse == "BIGQUERY":
                return new StorageTypeFacts(8, null, null, null);
            case "CHAR" or "VARCHAR" or "CHARACTER" or "CHARACTER VARYING" or "BPCHAR" or "NCHAR" or "NVARCHAR" or "STRING":
                return first is null ? default : new StorageTypeFacts(null, null, null, first.Value);
            default:
                return default;
        }
    }

    private static StorageTypeFacts Integer(string? warehouse, int size, short precision) =>
        warehouse is null ? default : new StorageTypeFacts(size, precision, 0, null);

    private static StorageTypeFacts Float(int size, short precision) => new(size, precision, null, null);

    private static StorageTypeFacts Number(short precision, short scale) => new(null, precision, scale, null);

    private static string? Warehouse(string? storageType)
    {
        if (string.IsNullOrEmpty(storageType))
            return null;
        foreach (var name in Warehouses)
        {
            if (storageType!.IndexOf(name, StringComparison.OrdinalIgnoreCase) >= 0)
                return name;
        }
        return null;
    }

    /// <summary>Splits <c>DECIMAL(12, 2)</c> into its name and up to two integer parameters.</summary>
    private static (string Name, short? First, short? Second) Split(string text)
    {
        var open = text.IndexOf('(');
        if (open <= 0 || text[text.Length - 1] != ')')
            return (text, null, null);
        var name = text.Substring(0, open).Trim();
        var parts = text.Substring(open + 1, text.Length - open - 2).Split(',');
        var first = Parse(parts[0]);
        var second = parts.Length > 1 ? Parse(parts[1]) : null;
        return first is null || parts.Length > 2 ? (name, null, null) : (name, first, second);
    }

    private static short? Parse(string text) =>
        short.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
