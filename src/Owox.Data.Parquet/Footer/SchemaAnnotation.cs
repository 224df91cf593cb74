using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Owox.Data.Parquet.Mapping;

namespace Owox.Data.Parquet.Footer;

/// <summary>
/// Gives JSON and timestamp columns their logical types in the file's metadata, which Parquet.Net 6.1 cannot write
/// as this writer needs them. It has no field for the <c>JSON</c> type, so JSON columns are written as <c>STRING</c>;
/// and it records the statistics of <c>TIMESTAMP(MICROS)</c> columns in milliseconds, which readers use to skip row
/// groups and to compress sorts (DuckDB returns wrong values), so timestamps are written as <c>INT64</c>
/// microseconds, whose statistics are right. Here the schema element of each such column is written anew — converted
/// type and logical type <c>JSON</c>, or the <c>TIMESTAMP</c> logical type with <c>isAdjustedToUTC</c> as the column
/// says (and the converted type <c>TIMESTAMP_MICROS</c> for UTC) — and every other byte of the metadata is copied as
/// it is: the schema's elements are list items, so their length may change, and nothing in the metadata points into
/// it. Anything but the expected elements is an error, never a guess.
/// </summary>
internal static class SchemaAnnotation
{
    // parquet.thrift: FileMetaData.schema = 2; SchemaElement.type = 1, name = 4, converted_type = 6, logicalType = 10;
    // Type.INT64 = 2, BYTE_ARRAY = 6; ConvertedType.TIMESTAMP_MICROS = 10, JSON = 19; LogicalType.STRING = 1,
    // TIMESTAMP = 8, INTEGER = 10, JSON = 12; TimestampType.isAdjustedToUTC = 1, unit = 2; TimeUnit.MICROS = 2.
    private const short SchemaField = 2;
    private const short TypeField = 1;
    private const short NameField = 4;
    private const short ConvertedTypeField = 6;
    private const short LogicalTypeField = 10;
    private const int Int64Type = 2;
    private const int ByteArrayType = 6;
    private const int TimestampMicrosConverted = 10;
    private const int JsonConverted = 19;
    private const byte StringMember = 1;
    private const byte IntegerMember = 10;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly byte[] JsonLogicalType = Struct(w => w.Field(12, CompactCursor.Struct, Struct(_ => { })));
    private static readonly byte[] UtcTimestampLogicalType = TimestampLogicalType(adjustedToUtc: true);
    private static readonly byte[] WallClockTimestampLogicalType = TimestampLogicalType(adjustedToUtc: false);

    /// <summary>
    /// The footer (the file's metadata, its 4-byte length and the magic <c>PAR1</c>, as a Parquet file ends) with the
    /// JSON and timestamp columns annotated; <paramref name="footer"/> itself when there are none.
    /// </summary>
    public static byte[] Apply(byte[] footer, IReadOnlyList<ParquetColumn> columns)
    {
        var any = false;
        foreach (var column in columns)
            any |= Annotation(column) is not null;
        if (!any)
            return footer;
        if (footer.Length < 8 || !footer.AsSpan(footer.Length - 4).SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(footer.AsSpan(footer.Length - 8)) != footer.Length - 8)
            throw Unexpected("the footer does not end with the metadata's length and PAR1");
        ReadOnlySpan<byte> metadata = footer.AsSpan(0, footer.Length - 8);
        var cursor = new CompactCursor(metadata);
        FindSchema(ref cursor, columns.Count);
        var output = new ArrayBufferWriter<byte>(footer.Length + 16 * columns.Count);
        output.Write(metadata[..cursor.Position]);
        foreach (var column in columns)
        {
            var start = cursor.Position;
            var fields = cursor.ReadStruct();
            if (Annotation(column) is { } logicalType)
                WriteElement(output, metadata, fields, column, logicalType);
            else
                output.Write(metadata[start..cursor.Position]);
        }
        output.Write(metadata[cursor.Position..]);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, output.WrittenCount);
        output.Write(length);
        output.Write(Magic);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Moves the cursor past the schema's list header and its root element, to the first column's element.</summary>
    private static void FindSchema(ref CompactCursor cursor, int columnCount)
    {
        short lastId = 0;
        for (var field = cursor.ReadFieldHeader(ref lastId); field.Type != CompactCursor.Stop; field = cursor.ReadFieldHeader(ref lastId))
        {
            if (field.Id == SchemaField && field.Type == CompactCursor.List)
            {
                var (elementType, count) = cursor.ReadListHeader();
                if (elementType != CompactCursor.Struct || count != columnCount + 1)
                    throw Unexpected("the schema is not the root and one element per column");
                cursor.Skip(CompactCursor.Struct);
                return;
            }
            cursor.Skip(field.Type);
        }
        throw Unexpected("the metadata has no schema");
    }

    /// <summary>The logical type a column's element is given, or null when Parquet.Net's is the right one.</summary>
    private static byte[]? Annotation(ParquetColumn column) => column.Kind switch
    {
        ParquetValueKind.Json => JsonLogicalType,
        ParquetValueKind.TimestampUtc => UtcTimestampLogicalType,
        ParquetValueKind.TimestampWallClock => WallClockTimestampLogicalType,
        _ => null,
    };

    private static void WriteElement(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> metadata, List<CompactField> fields, ParquetColumn column, byte[] logicalType)
    {
        var json = column.Kind == ParquetValueKind.Json;
        string? name = null;
        int? physicalType = null;
        byte? written = null;
        foreach (var field in fields)
        {
            var value = metadata.Slice(field.Start, field.Length);
            if (field.Id == NameField && field.Type == CompactCursor.Binary)
                name = Encoding.UTF8.GetString(new CompactCursor(value).ReadBinary());
            else if (field.Id == TypeField && field.Type == CompactCursor.Int32)
                physicalType = (int)new CompactCursor(value).ReadZigZag();
            else if (field.Id == LogicalTypeField && field.Type == CompactCursor.Struct && field.Length > 0)
                written = (byte)(value[0] >> 4);
        }
        if (!string.Equals(name, column.Name, StringComparison.Ordinal) || physicalType != (json ? ByteArrayType : Int64Type) || written != (json ? StringMember : IntegerMember))
            throw Unexpected($"the schema element of column '{column.Name}' is not the {(json ? "STRING" : "INT64")} it was written as");

        var writer = new CompactWriter(output);
        foreach (var field in fields)
        {
            if (field.Id == ConvertedTypeField)
            {
                if (json)
                    writer.Int32(ConvertedTypeField, JsonConverted);
                else if (column.Kind == ParquetValueKind.TimestampUtc)
                    writer.Int32(ConvertedTypeField, TimestampMicrosConverted);
            }
            else if (field.Id == LogicalTypeField)
            {
                writer.Field(LogicalTypeField, CompactCursor.Struct, logicalType);
            }
            else
            {
                writer.Field(field.Id, field.Type, metadata.Slice(field.Start, field.Length));
            }
        }
        writer.Stop();
    }

    /// <summary><c>LogicalType.TIMESTAMP(isAdjustedToUTC, unit = MICROS)</c>.</summary>
    private static byte[] TimestampLogicalType(bool adjustedToUtc) => Struct(logical => logical.Field(8, CompactCursor.Struct, Struct(timestamp =>
    {
        timestamp.Field(1, adjustedToUtc ? CompactCursor.BooleanTrue : CompactCursor.BooleanFalse, []);
        timestamp.Field(2, CompactCursor.Struct, Struct(unit => unit.Field(2, CompactCursor.Struct, Struct(_ => { }))));
    })));

    /// <summary>The bytes of a struct with the fields <paramref name="fields"/> writes.</summary>
    private static byte[] Struct(Action<CompactWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        var writer = new CompactWriter(buffer);
        fields(writer);
        writer.Stop();
        return buffer.WrittenSpan.ToArray();
    }

    private static InvalidDataException Unexpected(string what) =>
        new($"Parquet.Net wrote metadata this writer does not know ({what}), so its JSON and timestamp columns cannot be annotated.");
}
