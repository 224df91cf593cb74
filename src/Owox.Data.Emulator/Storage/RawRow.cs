using System;
using System.Text;
using SQLitePCL;

namespace Owox.Data.Emulator.Storage;

/// <summary>
/// The current row of a raw SQLite statement. Reading cells straight off the statement (text as its stored UTF-8
/// bytes) keeps the stream path free of per-cell string decoding.
/// </summary>
internal sealed class RawRow
{
    private readonly sqlite3_stmt _statement;

    public RawRow(sqlite3_stmt statement) => _statement = statement;

    /// <summary>Call before any getter of the same cell (a conversion changes the reported type).</summary>
    public bool IsNull(int ordinal) => raw.sqlite3_column_type(_statement, ordinal) == raw.SQLITE_NULL;

    public long GetInt64(int ordinal) => raw.sqlite3_column_int64(_statement, ordinal);

    public double GetDouble(int ordinal) => raw.sqlite3_column_double(_statement, ordinal);

    /// <summary>The cell's bytes: UTF-8 for text, raw for blobs (valid until the next step).</summary>
    public ReadOnlySpan<byte> GetUtf8(int ordinal) => raw.sqlite3_column_blob(_statement, ordinal);

    public string GetString(int ordinal) => Encoding.UTF8.GetString(GetUtf8(ordinal));

    public byte[] GetBytes(int ordinal) => GetUtf8(ordinal).ToArray();
}
