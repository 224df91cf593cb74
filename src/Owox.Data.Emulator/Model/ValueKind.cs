namespace Owox.Data.Emulator.Model;

/// <summary>How a cell is stored canonically in SQLite (and so which renderer path it takes).</summary>
internal enum ValueKind
{
    /// <summary>TEXT.</summary>
    String,

    /// <summary>INTEGER.</summary>
    Integer,

    /// <summary>REAL.</summary>
    Float,

    /// <summary>REAL holding an exact decimal (rendered as a decimal).</summary>
    Decimal,

    /// <summary>INTEGER 0/1.</summary>
    Boolean,

    /// <summary>TEXT <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>TEXT <c>yyyy-MM-dd HH:mm:ss.ffffff</c> (UTC for zoned types).</summary>
    Timestamp,

    /// <summary>TEXT <c>HH:mm:ss.ffffff</c>.</summary>
    Time,

    /// <summary>BLOB.</summary>
    Bytes,

    /// <summary>TEXT rendered as a JSON string (JSON, VARIANT, SUPER, ARRAY, GEOGRAPHY, INTERVAL...).</summary>
    Text,

    /// <summary>TEXT holding a JSON object written raw (a BigQuery RECORD container).</summary>
    Record,

    /// <summary>TEXT holding a JSON array (BigQuery REPEATED: rendered as a pretty-printed JSON string).</summary>
    Repeated,
}
