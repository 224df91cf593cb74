namespace Owox.Data.Benchmarks;

/// <summary>
/// A payload the throughput runner serves (<see cref="Payloads"/> renders each deterministically): the demo mart, and
/// the shapes warehouses send that the demo mart has none of — nested values, every value a string, offset timestamps,
/// nulls, many columns, long text.
/// </summary>
internal enum PayloadShape
{
    /// <summary>The demo mart's 13 flat columns (<c>DemoMarts.RenderAdPerformancePayload</c>).</summary>
    Demo,

    /// <summary>BigQuery-like: a RECORD object column (labels array, score, nested bid) and a REPEATED column in most rows, JSON text, unicode and escapes.</summary>
    BigQueryNested,

    /// <summary>Athena-like: every value a JSON string, NULL keys omitted.</summary>
    Athena,

    /// <summary>Snowflake-like: upper-case names, decimals as JSON numbers, a double-quoted TIME, offset timestamps, VARIANT text.</summary>
    Snowflake,

    /// <summary>13 columns, 60 % of the values null.</summary>
    Sparse,

    /// <summary>100 columns, mostly numeric.</summary>
    Wide,

    /// <summary>A 2–20 KB string column with escapes and non-ASCII text.</summary>
    LongText,
}
