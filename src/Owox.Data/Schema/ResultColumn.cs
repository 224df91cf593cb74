using System;
using Owox.Data.Types;

namespace Owox.Data.Schema;

/// <summary>
/// One column of a result: the JSON key the server emits, the name the reader reports, the storage type name
/// (declared, derived for aggregates, or inferred), the CLR shape of its values, what it came from, and what the
/// warehouse's schema says about it (size, precision and scale, nullability, key membership).
/// </summary>
internal sealed class ResultColumn(string key, string name, string typeName, OwoxValueKind kind, string? sourceColumn, string? description, bool isAliased, string? storageType = null)
{
    public string Key { get; } = key;

    public string Name { get; } = name;

    /// <summary>The storage type name, e.g. <c>NUMERIC</c>; what <c>GetDataTypeName</c> returns.</summary>
    public string TypeName { get; } = typeName;

    public OwoxValueKind Kind { get; } = kind;

#if NET5_0_OR_GREATER
    [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicFields | System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
#endif
    public Type FieldType { get; } = StorageTypeMap.ClrType(kind);

    /// <summary>The data-mart column the values come from (null for <c>Row Count</c> and inferred columns).</summary>
    public string? SourceColumn { get; } = sourceColumn;

    public string? Description { get; } = description;

    /// <summary>True when <see cref="Name"/> is an alias or a computed label rather than the source column's own name.</summary>
    public bool IsAliased { get; } = isAliased;

    /// <summary>Size, precision, scale and length as the storage type fixes them on the mart's warehouse.</summary>
    public StorageTypeFacts Facts { get; } = StorageTypeFacts.Of(storageType, typeName);

    /// <summary>False when the schema guarantees a value in every row (a REQUIRED field, a count).</summary>
    public bool AllowDBNull { get; init; } = true;

    /// <summary>True when the column is part of the mart's declared primary key and the result keeps that key whole.</summary>
    public bool IsKey { get; set; }

    /// <summary>The UTF-8 bytes of <see cref="Key"/>, compared against property names without decoding them.</summary>
    public byte[] KeyUtf8 { get; } = System.Text.Encoding.UTF8.GetBytes(key);
}
