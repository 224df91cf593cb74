using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.Data.Common;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli.Progress;

namespace Owox.Data.Cli.Export;

/// <summary>
/// A reader over a result that shows every column as text in its <see cref="ExportText"/> form (NULL stays NULL),
/// stops after <c>maxRows</c> and reports each row to the progress display: what the CSV writer reads, so that the
/// values it writes are the ones every other output writes.
/// </summary>
internal sealed class ExportTextReader(DbDataReader inner, long maxRows, ExportProgress? progress) : DbDataReader, IDbColumnSchemaGenerator
{
    private readonly bool[] _isDate = [.. inner.GetColumnSchema().Select(ExportText.IsDate)];

    /// <summary>Rows read so far.</summary>
    public long Rows { get; private set; }

    public override int FieldCount => inner.FieldCount;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override int RecordsAffected => -1;

    public override bool HasRows => inner.HasRows;

    public override bool IsClosed => inner.IsClosed;

    public override int Depth => 0;

    public override bool Read() => throw new NotSupportedException("Read asynchronously.");

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (Rows >= maxRows || !await inner.ReadAsync(cancellationToken))
            return false;
        Rows++;
        progress?.Row(Rows);
        return true;
    }

    public override bool NextResult() => false;

    /// <summary>The columns by name, every one text.</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema() =>
        new([.. Enumerable.Range(0, FieldCount).Select(i => (DbColumn)new TextColumn(GetName(i), i))]);

    public override string GetName(int ordinal) => inner.GetName(ordinal);

    public override int GetOrdinal(string name) => inner.GetOrdinal(name);

    public override string GetDataTypeName(int ordinal) => "STRING";

    public override Type GetFieldType(int ordinal) => typeof(string);

    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

    public override string GetString(int ordinal) => ExportText.Format(inner.GetValue(ordinal), _isDate[ordinal]);

    public override object GetValue(int ordinal) => inner.IsDBNull(ordinal) ? DBNull.Value : GetString(ordinal);

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
            values[i] = GetValue(i);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
            return text.Length;
        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override bool GetBoolean(int ordinal) => throw TextOnly();

    public override byte GetByte(int ordinal) => throw TextOnly();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw TextOnly();

    public override char GetChar(int ordinal) => throw TextOnly();

    public override DateTime GetDateTime(int ordinal) => throw TextOnly();

    public override decimal GetDecimal(int ordinal) => throw TextOnly();

    public override double GetDouble(int ordinal) => throw TextOnly();

    public override float GetFloat(int ordinal) => throw TextOnly();

    public override Guid GetGuid(int ordinal) => throw TextOnly();

    public override short GetInt16(int ordinal) => throw TextOnly();

    public override int GetInt32(int ordinal) => throw TextOnly();

    public override long GetInt64(int ordinal) => throw TextOnly();

    public override IEnumerator GetEnumerator() => throw new NotSupportedException();

    private static InvalidCastException TextOnly() => new("Every column of an export is text.");
}
