namespace Owox.Data.Benchmarks;

/// <summary>The row labels the runner prints for each <see cref="ReadPath"/>.</summary>
internal static class ReadPathNames
{
    public static string Describe(this ReadPath path) => path switch
    {
        ReadPath.HttpDrain => "HTTP drain (no parsing)",
        ReadPath.InMemoryParse => "In-memory parse (Owox parser) *",
        ReadPath.ReaderInMemory => "In-memory parse (Utf8JsonReader) *",
        ReadPath.Naive => "ReadLine + JsonDocument (naive)",
        ReadPath.OwoxTyped => "Owox.Data, typed getters, all columns",
        ReadPath.OwoxGetValue => "Owox.Data, GetValue, all columns",
        ReadPath.OwoxTwoColumns => "Owox.Data, 2 numeric columns",
        ReadPath.Dapper => "Owox.Data + Dapper Query<T> unbuffered",
        _ => path.ToString(),
    };
}
