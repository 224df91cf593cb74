namespace Owox.Data.Parquet.Footer;

/// <summary>A field of a Thrift compact struct: its id, its compact type, and where its value's bytes are.</summary>
internal readonly record struct CompactField(short Id, byte Type, int Start, int Length);
