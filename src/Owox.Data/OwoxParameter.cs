using System;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Owox.Data;

/// <summary>
/// A value bound to a placeholder (<c>@name</c>, <c>:name</c> or <c>?</c>) in a SQL command. Values travel as
/// typed JSON inside the API's filter rules, never concatenated into text. Only input parameters exist.
/// </summary>
public sealed class OwoxParameter : DbParameter
{
    private DbType? _dbType;
    private string _parameterName = string.Empty;
    private string _sourceColumn = string.Empty;

    /// <summary>Creates an unnamed parameter with no value.</summary>
    public OwoxParameter()
    {
    }

    /// <summary>Creates a parameter with a name (with or without its <c>@</c>/<c>:</c> prefix) and a value.</summary>
    public OwoxParameter(string parameterName, object? value)
    {
        ParameterName = parameterName;
        Value = value;
    }

    /// <summary>The parameter's type: set explicitly, or inferred from <see cref="Value"/> (String when there is none).</summary>
    public override DbType DbType
    {
        get => _dbType ?? InferDbType(Value);
        set => _dbType = value;
    }

    /// <summary>Always <see cref="ParameterDirection.Input"/>; the API has no output parameters.</summary>
    public override ParameterDirection Direction
    {
        get => ParameterDirection.Input;
        set
        {
            if (value != ParameterDirection.Input)
                throw new ArgumentOutOfRangeException(nameof(value), value, "OWOX Data Marts only accepts input parameters; output and return-value parameters do not exist in this API.");
        }
    }

    /// <summary>Ignored by the provider; kept for tools that set it.</summary>
    public override bool IsNullable { get; set; }

    /// <summary>The placeholder name, with or without its <c>@</c> or <c>:</c> prefix.</summary>
    [AllowNull]
    public override string ParameterName
    {
        get => _parameterName;
        set => _parameterName = value ?? string.Empty;
    }

    /// <summary>Ignored by the provider (values are never truncated); kept for tools that set it.</summary>
    public override int Size { get; set; }

    /// <summary>The source column name used by data adapters; not used by the provider itself.</summary>
    [AllowNull]
    public override string SourceColumn
    {
        get => _sourceColumn;
        set => _sourceColumn = value ?? string.Empty;
    }

    /// <summary>Used by data adapters only.</summary>
    public override bool SourceColumnNullMapping { get; set; }

    /// <summary>The value; null and <see cref="DBNull.Value"/> both mean SQL NULL.</summary>
    public override object? Value { get; set; }

    /// <summary>Forgets an explicitly set <see cref="DbType"/> so it is inferred from the value again.</summary>
    public override void ResetDbType() => _dbType = null;

    /// <summary>The name without its <c>@</c>, <c>:</c> or <c>?</c> prefix, as placeholders are matched.</summary>
    internal string NormalizedName => NormalizeName(_parameterName);

    internal static string NormalizeName(string name) =>
        name.Length > 0 && (name[0] == '@' || name[0] == ':' || name[0] == '?') ? name.Substring(1) : name;

    private static DbType InferDbType(object? value) => value switch
    {
        null or DBNull => DbType.String,
        string or char => DbType.String,
        bool => DbType.Boolean,
        byte => DbType.Byte,
        sbyte => DbType.SByte,
        short => DbType.Int16,
        ushort => DbType.UInt16,
        int => DbType.Int32,
        uint => DbType.UInt32,
        long => DbType.Int64,
        ulong => DbType.UInt64,
        float => DbType.Single,
        double => DbType.Double,
        decimal => DbType.Decimal,
        DateTime => DbType.DateTime,
        DateTimeOffset => DbType.DateTimeOffset,
        TimeSpan => DbType.Time,
        Guid => DbType.Guid,
#if NET6_0_OR_GREATER
        DateOnly => DbType.Date,
        TimeOnly => DbType.Time,
#endif
        _ => DbType.Object,
    };
}
