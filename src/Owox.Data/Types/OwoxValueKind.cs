namespace Owox.Data.Types;

/// <summary>The CLR shape a column's values take (the type policy in docs/architecture.md); chosen once per column from its storage type.</summary>
internal enum OwoxValueKind
{
    /// <summary><see cref="string"/>: text columns and anything without a better mapping (GEOGRAPHY, INTERVAL, ...).</summary>
    String,

    /// <summary><see cref="long"/>: every integer type.</summary>
    Int64,

    /// <summary><see cref="decimal"/>: exact numerics (NUMERIC, BIGNUMERIC, DECIMAL).</summary>
    Decimal,

    /// <summary><see cref="double"/>: floating point types, and averages/percentiles.</summary>
    Double,

    /// <summary><see cref="bool"/>.</summary>
    Boolean,

    /// <summary><see cref="System.DateTime"/> at midnight, Kind=Unspecified: DATE.</summary>
    Date,

    /// <summary><see cref="System.DateTime"/> Kind=Utc: timestamps that denote an instant (with a zone).</summary>
    TimestampUtc,

    /// <summary><see cref="System.DateTime"/> Kind=Unspecified: wall-clock timestamps without a zone (DATETIME, TIMESTAMP_NTZ).</summary>
    DateTime,

    /// <summary><see cref="System.TimeSpan"/>: time of day.</summary>
    Time,

    /// <summary><see cref="string"/> holding JSON: records, arrays, JSON, VARIANT, SUPER, MAP...</summary>
    Json,

    /// <summary><see cref="byte"/>[]: BYTES, BINARY, VARBINARY (base64, or Athena's hex text).</summary>
    Bytes,
}
