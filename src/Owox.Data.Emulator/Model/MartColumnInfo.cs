namespace Owox.Data.Emulator.Model;

/// <summary>One flattened, stored column of a mart: its dotted path, type and SQLite column.</summary>
internal sealed record MartColumnInfo(string Name, string Type, string? Mode, ValueKind Kind, string SqlName, bool Streamable, string? Alias, string? Description, System.Collections.Generic.IList<string>? AllowedAggregations = null)
{
    public TypeCategory Category => TypeCatalog.Category(Type);
}
