using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Owox.Data.Emulator.Storage;

/// <summary>A prepared statement on the raw SQLite handle of an open connection, stepped row by row.</summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    private RawStatement(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
        Row = new RawRow(statement);
    }

    public RawRow Row { get; }

    public static RawStatement Prepare(SqliteConnection connection, string sql, IReadOnlyDictionary<string, object> parameters)
    {
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        var result = new RawStatement(db, statement);
        try
        {
            foreach (var (name, value) in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, name);
                if (index == 0)
                {
                    continue;
                }

                Check(db, value switch
                {
                    long l => raw.sqlite3_bind_int64(statement, index, l),
                    int i => raw.sqlite3_bind_int64(statement, index, i),
                    double d => raw.sqlite3_bind_double(statement, index, d),
                    byte[] b => raw.sqlite3_bind_blob(statement, index, b),
                    _ => raw.sqlite3_bind_text(statement, index, Convert.ToString(value, CultureInfo.InvariantCulture)),
                });
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <summary>Advances to the next row; false at the end. Throws <see cref="SqliteException"/> on errors.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        Check(_db, rc);
        return false;
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    public void Dispose() => _statement.Dispose();
}
