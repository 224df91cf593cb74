namespace Owox.Data.Benchmarks;

/// <summary>A read path the throughput runner measures, each in child processes of its own (see <see cref="ChildProcess"/>).</summary>
internal enum ReadPath
{
    /// <summary>The response body counted for newlines: the loopback transport's ceiling.</summary>
    HttpDrain,

    /// <summary>Owox.Data's line reader, tokenizer and converters over a block already in the child's memory: the parser's ceiling.</summary>
    InMemoryParse,

    /// <summary><c>StreamReader.ReadLine</c> + <c>JsonDocument</c> per row: what a hand-written client does.</summary>
    Naive,

    /// <summary>Owox.Data's typed getters on all 13 columns.</summary>
    OwoxTyped,

    /// <summary>Owox.Data's <c>GetValues</c> (boxed values) on all 13 columns.</summary>
    OwoxGetValue,

    /// <summary>Owox.Data's typed getters on 2 of the 13 columns (no string column read).</summary>
    OwoxTwoColumns,

    /// <summary>Dapper's unbuffered <c>Query&lt;T&gt;</c> over Owox.Data.</summary>
    Dapper,
}
