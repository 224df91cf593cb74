namespace Owox.Data.Schema;

/// <summary>One streamable column of a data mart's declared schema (wire-protocol §5.3): its dotted name, storage type name, alias and description.</summary>
internal sealed record SchemaField(string Name, string TypeName, string? Alias, string? Description, bool IsPrimaryKey);
