using System.Data.Common;

namespace Owox.Data.Cli.Export;

/// <summary>A column of an <see cref="ExportTextReader"/>: a nullable string.</summary>
internal sealed class TextColumn : DbColumn
{
    public TextColumn(string name, int ordinal)
    {
        ColumnName = name;
        ColumnOrdinal = ordinal;
        DataType = typeof(string);
        DataTypeName = "STRING";
        AllowDBNull = true;
    }
}
