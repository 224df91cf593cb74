namespace Owox.Data.Benchmarks;

/// <summary>A read path the throughput runner measures, each in child processes of its own (see <see cref="ChildProcess"/>).</summary>
internal enum ReadPath
{
    /// <summary>The response body counted for newlines: the loopback transport's ceiling.</summary>
    HttpDrain,

    /// <summary>Owox.Data's line reader, tokenizer and converters over a block already in the child's memory: the parser's ceiling.</summary>
    InMemoryParse,

    /// <summary>A plain <c>Utf8JsonReader</c> parse of the same block in memory, every value converted: the in-memory limit of a well-written parser.</summary>
    ReaderInMemory,

    /// <summary><c>StreamReader.ReadLine</c> + <c>JsonDocument</c> per row: what a hand-written client does.</summary>
    Naive,

    /// <summary>Owox.Data's typed getters on every column.</summary>
    OwoxTyped,

    /// <summary>Owox.Data's <c>GetValues</c> (boxed values) on every column.</summary>
    OwoxGetValue,

    /// <summary>Owox.Data's typed getters on 2 numeric columns (no string column read).</summary>
    OwoxTwoColumns,

    /// <summary>Dapper's unbuffered <c>Query&lt;T&gt;</c> over Owox.Data.</summary>
    Dapper,
}
