namespace Owox.Data.Parquet;

/// <summary>The codec that compresses the pages of a Parquet file written by <see cref="OwoxParquetWriter"/>.</summary>
public enum OwoxParquetCompression
{
    /// <summary>Snappy (the default): fast, and read by every Parquet reader.</summary>
    Snappy,

    /// <summary>Zstandard at its default level: smaller files than Snappy for a little more time.</summary>
    Zstd,

    /// <summary>Gzip at its default level: for readers that know no other codec.</summary>
    Gzip,

    /// <summary>No compression.</summary>
    None,
}
