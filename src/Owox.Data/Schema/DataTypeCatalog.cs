namespace Owox.Data.Schema;

/// <summary>
/// The storage type names each warehouse's schema uses (wire-protocol §5.3), in the order <c>GetSchema("DataTypes")</c>
/// lists them: for each CLR type, the first name of a warehouse is its best match (what a value of that type is stored as).
/// </summary>
internal static class DataTypeCatalog
{
    public static readonly (string StorageType, string[] TypeNames)[] Warehouses =
    [
        ("GOOGLE_BIGQUERY",
        [
            "INTEGER", "FLOAT", "NUMERIC", "BIGNUMERIC", "STRING", "BYTES", "BOOLEAN", "TIMESTAMP", "DATE", "DATETIME", "TIME",
            "JSON", "RECORD", "STRUCT", "GEOGRAPHY", "RANGE", "INTERVAL",
        ]),
        ("AWS_ATHENA",
        [
            "BIGINT", "TINYINT", "SMALLINT", "INTEGER", "DOUBLE", "FLOAT", "REAL", "DECIMAL", "VARCHAR", "CHAR", "STRING",
            "VARBINARY", "BINARY", "BOOLEAN", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "DATE", "TIME", "TIME WITH TIME ZONE",
            "JSON", "ARRAY", "MAP", "STRUCT", "ROW", "INTERVAL YEAR TO MONTH", "INTERVAL DAY TO SECOND",
        ]),
        ("SNOWFLAKE", ["INTEGER", "FLOAT", "NUMERIC", "STRING", "BYTES", "BOOLEAN", "TIMESTAMP", "DATE", "TIME", "VARIANT", "GEOGRAPHY"]),
        ("AWS_REDSHIFT",
        [
            "BIGINT", "SMALLINT", "INTEGER", "DOUBLE PRECISION", "REAL", "DECIMAL", "NUMERIC", "VARCHAR", "CHAR", "TEXT", "BPCHAR",
            "BOOLEAN", "BOOL", "TIMESTAMPTZ", "TIMESTAMP", "DATE", "TIME", "TIMETZ", "SUPER", "BYTEA", "GEOMETRY", "GEOGRAPHY",
        ]),
        ("DATABRICKS",
        [
            "BIGINT", "TINYINT", "SMALLINT", "INT", "DOUBLE", "FLOAT", "DECIMAL", "STRING", "VARCHAR", "CHAR", "BINARY", "BOOLEAN",
            "TIMESTAMP", "TIMESTAMP_NTZ", "DATE", "ARRAY", "STRUCT", "MAP", "INTERVAL",
        ]),
    ];
}
