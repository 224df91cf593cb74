using System;

namespace Owox.Data.Types;

/// <summary>
/// Storage type names (wire-protocol §5.3) → <see cref="OwoxValueKind"/>, per warehouse, since the same name means
/// different things: a BigQuery or Databricks TIMESTAMP is an instant (UTC), an Athena or Redshift
/// TIMESTAMP is a wall-clock value; Snowflake folds every TIMESTAMP_* into TIMESTAMP rendered with an offset.
/// </summary>
internal static class StorageTypeMap
{
    /// <summary>Maps <paramref name="typeName"/> for the warehouse named by <paramref name="storageType"/> (e.g. <c>GOOGLE_BIGQUERY</c>; null if unknown).</summary>
    public static OwoxValueKind Resolve(string? storageType, string? typeName)
    {
        var name = (typeName ?? string.Empty).Trim().ToUpperInvariant();
        var paren = name.IndexOf('(');
        if (paren > 0)
            name = name.Substring(0, paren).Trim();
        var warehouse = (storageType ?? string.Empty).ToUpperInvariant();

        switch (name)
        {
            case "INTEGER" or "INT" or "INT64" or "BIGINT" or "SMALLINT" or "TINYINT" or "BYTEINT":
                return OwoxValueKind.Int64;
            case "NUMERIC" or "BIGNUMERIC" or "DECIMAL" or "NUMBER" or "BIGDECIMAL":
                return OwoxValueKind.Decimal;
            case "FLOAT" or "FLOAT64" or "REAL" or "DOUBLE" or "DOUBLE PRECISION":
                return OwoxValueKind.Double;
            case "BOOLEAN" or "BOOL":
                return OwoxValueKind.Boolean;
            case "DATE":
                return OwoxValueKind.Date;
            case "DATETIME" or "TIMESTAMP_NTZ":
                return OwoxValueKind.DateTime;
            case "TIMESTAMP":
                return warehouse.Contains("ATHENA") || warehouse.Contains("REDSHIFT") ? OwoxValueKind.DateTime : OwoxValueKind.TimestampUtc;
            case "TIMESTAMPTZ" or "TIMESTAMP WITH TIME ZONE" or "TIMESTAMP_TZ" or "TIMESTAMP_LTZ":
                return OwoxValueKind.TimestampUtc;
            case "TIME" or "TIMETZ" or "TIME WITH TIME ZONE":
                return OwoxValueKind.Time;
            case "JSON" or "RECORD" or "STRUCT" or "ARRAY" or "MAP" or "ROW" or "VARIANT" or "OBJECT" or "SUPER" or "RANGE":
                return OwoxValueKind.Json;
            case "BYTES" or "BINARY" or "VARBINARY":
                return OwoxValueKind.Bytes;
            default:
                return OwoxValueKind.String;
        }
    }

    /// <summary>The CLR type of values of <paramref name="kind"/> (what <c>GetFieldType</c> reports).</summary>
#if NET5_0_OR_GREATER
    [return: System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
#endif
    public static Type ClrType(OwoxValueKind kind) => kind switch
    {
        OwoxValueKind.Int64 => typeof(long),
        OwoxValueKind.Decimal => typeof(decimal),
        OwoxValueKind.Double => typeof(double),
        OwoxValueKind.Boolean => typeof(bool),
        OwoxValueKind.Date or OwoxValueKind.TimestampUtc or OwoxValueKind.DateTime => typeof(DateTime),
        OwoxValueKind.Time => typeof(TimeSpan),
        OwoxValueKind.Bytes => typeof(byte[]),
        _ => typeof(string),
    };
}
