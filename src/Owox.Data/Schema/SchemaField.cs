namespace Owox.Data.Schema;

/// <summary>
/// One streamable column of a data mart's declared schema (wire-protocol §5.3): its dotted name, storage type name,
/// alias, description, whether the schema marks it part of the primary key, and whether it can never be NULL
/// (BigQuery's <c>mode: REQUIRED</c> on the field and on every record it is nested in).
/// </summary>
internal sealed record SchemaField(string Name, string TypeName, string? Alias, string? Description, bool IsPrimaryKey, bool IsRequired = false);
