using System;
using System.Buffers;
using System.IO;
using Owox.Data.Parquet.Footer;
using Owox.Data.Parquet.Mapping;

namespace Owox.Data.Parquet.Tests;

/// <summary>The footer rewrite's own parts: the compact protocol reader and writer, and its refusal of metadata it does not know.</summary>
public class SchemaAnnotationTests
{
    [Fact]
    public void A_footer_without_JSON_or_timestamp_columns_is_left_as_it_is()
    {
        var footer = new byte[] { 1, 2, 3 };
        Assert.Same(footer, SchemaAnnotation.Apply(footer, [new ParquetColumn("id", 0, ParquetValueKind.Int64, typeof(long), isRequired: true, decimalShape: null)]));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x15, 0x02, 0, 0, 0, 0, (byte)'P', (byte)'A', (byte)'R', (byte)'1' })]
    [InlineData(new byte[] { 0x15, 0x02, 0x00, 3, 0, 0, 0, (byte)'P', (byte)'A', (byte)'R', (byte)'1' })]
    [InlineData(new byte[] { 0x15, 0x02, 0x00, 3, 0, 0, 0, (byte)'P', (byte)'A', (byte)'R', (byte)'2' })]
    public void Metadata_it_does_not_know_is_an_error_not_a_guess(byte[] footer)
    {
        var json = new ParquetColumn("doc", 0, ParquetValueKind.Json, typeof(string), isRequired: false, decimalShape: null);
        Assert.Throws<InvalidDataException>(() => SchemaAnnotation.Apply(footer, [json]));
    }

    [Fact]
    public void Fields_written_by_CompactWriter_read_back_with_their_ids_and_values()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new CompactWriter(buffer);
        writer.Int32(1, -3);
        writer.Field(3, CompactCursor.BooleanTrue, []);
        writer.Int32(40, 1_000_000);
        writer.Field(2, CompactCursor.BooleanFalse, []);
        writer.Stop();

        var cursor = new CompactCursor(buffer.WrittenSpan);
        var fields = cursor.ReadStruct();
        Assert.Equal(buffer.WrittenCount, cursor.Position);
        Assert.Equal([(1, CompactCursor.Int32), (3, CompactCursor.BooleanTrue), (40, CompactCursor.Int32), (2, CompactCursor.BooleanFalse)],
            fields.ConvertAll(f => ((int)f.Id, f.Type)));
        Assert.Equal(-3, new CompactCursor(buffer.WrittenSpan.Slice(fields[0].Start, fields[0].Length)).ReadZigZag());
        Assert.Equal(1_000_000, new CompactCursor(buffer.WrittenSpan.Slice(fields[2].Start, fields[2].Length)).ReadZigZag());
        Assert.Equal(0, fields[1].Length);
    }
}
