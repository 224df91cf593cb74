using Owox.Data.Emulator.Model;

namespace Owox.Data.Emulator.Query;

/// <summary>One key of the streamed rows: JSON name, SQL result ordinal, and the (effective) type it renders as.</summary>
internal sealed class OutputColumn
{
    public OutputColumn(string key, int ordinal, ValueKind kind, string type, string? title)
    {
        Key = key;
        Ordinal = ordinal;
        Kind = kind;
        Type = type.ToUpperInvariant();
        Title = title;
        EncodedKey = Rendering.NdjsonWriter.EncodeKey(key);
    }

    public string Key { get; }

    public byte[] EncodedKey { get; }

    public int Ordinal { get; }

    public ValueKind Kind { get; }

    public string Type { get; }

    public string? Title { get; }
}
