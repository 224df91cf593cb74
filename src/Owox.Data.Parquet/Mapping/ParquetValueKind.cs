namespace Owox.Data.Parquet.Mapping;

/// <summary>What a column becomes in the Parquet file: its physical and logical type (the README's mapping table).</summary>
internal enum ParquetValueKind
{
    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean,

    /// <summary><c>INT32</c> annotated <c>INT(8, unsigned)</c>: <see cref="byte"/>.</summary>
    UInt8,

    /// <summary><c>INT32</c> annotated <c>INT(16, signed)</c>: <see cref="short"/>.</summary>
    Int16,

    /// <summary><c>INT32</c>: <see cref="int"/>.</summary>
    Int32,

    /// <summary><c>INT64</c>: <see cref="long"/>, every integer of a warehouse.</summary>
    Int64,

    /// <summary><c>FLOAT</c>: <see cref="float"/>.</summary>
    Float,

    /// <summary><c>DOUBLE</c>: <see cref="double"/>.</summary>
    Double,

    /// <summary><c>DECIMAL(p,s)</c> (INT32, INT64 or a 16-byte FIXED_LEN_BYTE_ARRAY by precision): <see cref="decimal"/>.</summary>
    Decimal,

    /// <summary><c>BYTE_ARRAY</c> annotated <c>STRING</c> (UTF-8).</summary>
    String,

    /// <summary><c>BYTE_ARRAY</c> annotated <c>JSON</c> (UTF-8 JSON text; written as <c>STRING</c>, annotated in the footer).</summary>
    Json,

    /// <summary><c>BYTE_ARRAY</c> without annotation: <see cref="byte"/>[].</summary>
    Binary,

    /// <summary><c>INT32</c> annotated <c>DATE</c> (days since 1970-01-01).</summary>
    Date,

    /// <summary><c>INT64</c> annotated <c>TIME(MICROS, isAdjustedToUTC = false)</c>: a time of day.</summary>
    Time,

    /// <summary><c>INT64</c> annotated <c>TIMESTAMP(MICROS, isAdjustedToUTC = true)</c> (in the footer): an instant.</summary>
    TimestampUtc,

    /// <summary><c>INT64</c> annotated <c>TIMESTAMP(MICROS, isAdjustedToUTC = false)</c> (in the footer): a wall-clock date and time.</summary>
    TimestampWallClock,

    /// <summary><c>FIXED_LEN_BYTE_ARRAY(16)</c> annotated <c>UUID</c>: <see cref="System.Guid"/>.</summary>
    Uuid,
}
