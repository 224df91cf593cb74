namespace Owox.Data.Query;

/// <summary>
/// The column type categories the HTTP Data API uses to decide which filter operators are legal (wire-protocol §3.3.1),
/// with date split from timestamp because their filter values are written differently.
/// </summary>
internal enum ColumnTypeCategory
{
    /// <summary>No catalog, or the catalog does not know the column.</summary>
    Unknown,
    String,
    Number,
    /// <summary><c>DATE</c>: values are written <c>yyyy-MM-dd</c>.</summary>
    Date,
    /// <summary><c>DATETIME</c>, <c>TIMESTAMP</c> and friends: values are written <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>.</summary>
    Timestamp,
    Time,
    Boolean,
    /// <summary>JSON, GEOGRAPHY, RECORD, ARRAY, BYTES …: only null tests are legal.</summary>
    Other,
}

/// <summary>Maps a storage type name to its <see cref="ColumnTypeCategory"/> by the exact names of wire-protocol §3.3.1.</summary>
internal static class ColumnTypeCategories
{
    /// <summary>The category of <paramref name="storageType"/>; precision such as <c>NUMERIC(10,2)</c> is ignored; null → Unknown.</summary>
    public static ColumnTypeCategory Of(string? storageType)
    {
        if (storageType is null)
            return ColumnTypeCategory.Unknown;
        var name = storageType.Trim();
        var paren = name.IndexOf('(');
        if (paren > 0)
            name = name.Substring(0, paren).TrimEnd();
        name = name.ToUpperInvariant();
        switch (name)
        {
            case "":
                return ColumnTypeCategory.Unknown;
            case "STRING" or "VARCHAR" or "CHAR" or "TEXT" or "BPCHAR":
                return ColumnTypeCategory.String;
            case "INTEGER" or "INT" or "BIGINT" or "SMALLINT" or "TINYINT" or "FLOAT" or "REAL" or "DOUBLE"
                or "DOUBLE PRECISION" or "NUMERIC" or "BIGNUMERIC" or "DECIMAL":
                return ColumnTypeCategory.Number;
            case "DATE":
                return ColumnTypeCategory.Date;
            case "DATETIME" or "TIMESTAMP" or "TIMESTAMP WITH TIME ZONE" or "TIMESTAMPTZ" or "TIMESTAMP_NTZ":
                return ColumnTypeCategory.Timestamp;
            case "TIME" or "TIME WITH TIME ZONE" or "TIMETZ":
                return ColumnTypeCategory.Time;
            case "BOOLEAN" or "BOOL":
                return ColumnTypeCategory.Boolean;
            default:
                return ColumnTypeCategory.Other;
        }
    }

    /// <summary>The category of <paramref name="column"/> in <paramref name="catalog"/>, Unknown without one.</summary>
    public static ColumnTypeCategory Of(IColumnCatalog? catalog, string column) =>
        catalog is null ? ColumnTypeCategory.Unknown : Of(catalog.StorageTypeOf(column));
}
