using System;

namespace Owox.Data.Emulator.Model;

/// <summary>Storage type names → categories and canonical kinds, per flavour.</summary>
internal static class TypeCatalog
{
    public static TypeCategory Category(string type) => type.ToUpperInvariant() switch
    {
        "STRING" or "VARCHAR" or "CHAR" or "TEXT" or "BPCHAR" => TypeCategory.String,
        "INTEGER" or "INT" or "BIGINT" or "SMALLINT" or "TINYINT" or "FLOAT" or "REAL" or "DOUBLE" or "DOUBLE PRECISION"
            or "NUMERIC" or "BIGNUMERIC" or "DECIMAL" => TypeCategory.Number,
        "DATE" or "DATETIME" or "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" or "TIMESTAMP_NTZ" => TypeCategory.Date,
        "TIME" or "TIME WITH TIME ZONE" or "TIMETZ" => TypeCategory.Time,
        "BOOLEAN" or "BOOL" => TypeCategory.Boolean,
        _ => TypeCategory.Other,
    };

    public static ValueKind Kind(StorageFlavor flavor, string type, string? mode, bool hasFields)
    {
        if (string.Equals(mode, "REPEATED", StringComparison.OrdinalIgnoreCase))
        {
            return ValueKind.Repeated;
        }

        var upper = type.ToUpperInvariant();
        if (flavor == StorageFlavor.BigQuery && (upper is "RECORD" or "STRUCT") && hasFields)
        {
            return ValueKind.Record;
        }

        return upper switch
        {
            "STRING" or "VARCHAR" or "CHAR" or "TEXT" or "BPCHAR" => ValueKind.String,
            "INTEGER" or "INT" or "BIGINT" or "SMALLINT" or "TINYINT" => ValueKind.Integer,
            "FLOAT" or "REAL" or "DOUBLE" or "DOUBLE PRECISION" => ValueKind.Float,
            "NUMERIC" or "BIGNUMERIC" or "DECIMAL" => ValueKind.Decimal,
            "BOOLEAN" or "BOOL" => ValueKind.Boolean,
            "DATE" => ValueKind.Date,
            "DATETIME" or "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" or "TIMESTAMP_NTZ" => ValueKind.Timestamp,
            "TIME" or "TIME WITH TIME ZONE" or "TIMETZ" => ValueKind.Time,
            "BYTES" or "BINARY" or "VARBINARY" or "BYTEA" => ValueKind.Bytes,
            _ => ValueKind.Text,
        };
    }

    public static string StorageType(StorageFlavor flavor) => flavor switch
    {
        StorageFlavor.BigQuery => "GOOGLE_BIGQUERY",
        StorageFlavor.Athena => "AWS_ATHENA",
        StorageFlavor.Snowflake => "SNOWFLAKE",
        StorageFlavor.Redshift => "AWS_REDSHIFT",
        _ => "DATABRICKS",
    };

    public static string ProviderName(StorageFlavor flavor) => flavor switch
    {
        StorageFlavor.BigQuery => "Google BigQuery",
        StorageFlavor.Athena => "AWS Athena",
        StorageFlavor.Snowflake => "Snowflake",
        StorageFlavor.Redshift => "AWS Redshift",
        _ => "Databricks",
    };

    public static string SchemaType(StorageFlavor flavor) => flavor switch
    {
        StorageFlavor.BigQuery => "bigquery-data-mart-schema",
        StorageFlavor.Athena => "athena-data-mart-schema",
        StorageFlavor.Snowflake => "snowflake-data-mart-schema",
        StorageFlavor.Redshift => "redshift-data-mart-schema",
        _ => "databricks-data-mart-schema",
    };

    /// <summary>The effective integer / float / string type names of aggregates (wire-protocol §3.8).</summary>
    public static string IntegerType(StorageFlavor flavor) => flavor == StorageFlavor.Databricks ? "INT" : "INTEGER";

    public static string FloatType(StorageFlavor flavor) => flavor switch
    {
        StorageFlavor.BigQuery or StorageFlavor.Snowflake => "FLOAT",
        StorageFlavor.Redshift => "DOUBLE PRECISION",
        _ => "DOUBLE",
    };

    public static string StringType(StorageFlavor flavor) => flavor == StorageFlavor.Redshift ? "VARCHAR" : "STRING";
}
