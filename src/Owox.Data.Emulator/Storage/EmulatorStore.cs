using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Owox.Data.Emulator.Model;
using SQLitePCL;

namespace Owox.Data.Emulator.Storage;

/// <summary>The SQLite file behind an emulator: one canonical table per mart plus the mart and report catalogues.</summary>
internal sealed class EmulatorStore : IDisposable
{
    private static readonly JsonSerializerOptions DefinitionJson = new() { WriteIndented = false };
    private readonly string _connectionString;
    private readonly bool _deleteOnDispose;
    private readonly ConcurrentDictionary<string, MartInfo> _marts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ReportInfo> _reports = new(StringComparer.Ordinal);
    private readonly object _writeGate = new();
    private readonly SqliteConnection _keepAlive;

    public EmulatorStore(string? path)
    {
        _deleteOnDispose = path is null;
        Path = path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "owox-emulator-" + Guid.NewGuid().ToString("N") + ".db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, Cache = SqliteCacheMode.Private }.ToString();
        _keepAlive = Open();
        using var cmd = _keepAlive.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = OFF;
            CREATE TABLE IF NOT EXISTS emulator_marts (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, definition TEXT NOT NULL, published INTEGER NOT NULL, created_at TEXT NOT NULL, row_count INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS emulator_reports (id TEXT PRIMARY KEY, definition TEXT NOT NULL);
            """;
        cmd.ExecuteNonQuery();
        Load();
    }

    public string Path { get; }

    public IEnumerable<MartInfo> Marts => _marts.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id, StringComparer.Ordinal);

    public IEnumerable<ReportInfo> Reports => _reports.Values;

    public MartInfo? FindMart(string id) => _marts.TryGetValue(id, out var mart) ? mart : null;

    public ReportInfo? FindReport(string id) => _reports.TryGetValue(id, out var report) ? report : null;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqliteFunctions.Register(connection);
        return connection;
    }

    private void Load()
    {
        using var cmd = _keepAlive.CreateCommand();
        cmd.CommandText = "SELECT id, seq, definition, published, created_at FROM emulator_marts ORDER BY seq";
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var definition = JsonSerializer.Deserialize<DataMartDefinition>(reader.GetString(2), DefinitionJson)!;
                var id = reader.GetString(0);
                var sharedTable = id == DemoMarts.Benchmark && _marts.TryGetValue(DemoMarts.AdPerformance, out var ad) ? ad.TableName : null;
                var mart = BuildInfo(definition, id, reader.GetInt64(1), DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture), sharedTable);
                mart.Published = reader.GetInt64(3) != 0;
                _marts[mart.Id] = mart;
            }
        }

        cmd.CommandText = "SELECT definition FROM emulator_reports";
        using var reports = cmd.ExecuteReader();
        while (reports.Read())
        {
            var report = JsonSerializer.Deserialize<ReportInfo>(reports.GetString(0), DefinitionJson)!;
            _reports[report.Id] = report;
        }
    }

    public long RowCount(string martId)
    {
        using var cmd = _keepAlive.CreateCommand();
        cmd.CommandText = "SELECT row_count FROM emulator_marts WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", martId);
        return cmd.ExecuteScalar() is long n ? n : -1;
    }

    private static MartInfo BuildInfo(DataMartDefinition definition, string id, long seq, DateTimeOffset createdAt, string? tableName = null)
    {
        var columns = new List<MartColumnInfo>();
        void Walk(IEnumerable<DataMartColumn> fields, string prefix, bool streamable)
        {
            foreach (var field in fields)
            {
                var name = prefix + field.Name;
                var visible = streamable && !field.IsHiddenForReporting && !string.Equals(field.Status, "DISCONNECTED", StringComparison.Ordinal);
                var hasFields = field.Fields is { Count: > 0 };
                var kind = TypeCatalog.Kind(definition.Storage, field.Type, field.Mode, hasFields);
                columns.Add(new MartColumnInfo(name, field.Type.ToUpperInvariant(), field.Mode, kind, "c" + columns.Count.ToString(CultureInfo.InvariantCulture), visible, field.Alias, field.Description, field.AllowedAggregations));
                if (hasFields)
                {
                    Walk(field.Fields!, name + ".", visible);
                }
            }
        }

        Walk(definition.Columns, "", true);
        return new MartInfo(definition, id, tableName ?? "m_" + seq.ToString(CultureInfo.InvariantCulture), columns, createdAt);
    }

    /// <summary>Creates (or replaces) a mart and loads its rows in one transaction with a prepared statement.</summary>
    public MartInfo CreateMart(DataMartDefinition definition, IEnumerable<IReadOnlyList<object?>> rows, DateTimeOffset now, string? sharedTableOf = null)
    {
        if (definition.Columns.Count == 0)
        {
            throw new ArgumentException("A data mart needs at least one column.", nameof(definition));
        }

        var id = definition.Id ?? Guid.NewGuid().ToString();
        lock (_writeGate)
        {
            using var connection = Open();
            using var tx = connection.BeginTransaction();
            long seq;
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT seq FROM emulator_marts WHERE id = $id";
                cmd.Parameters.AddWithValue("$id", id);
                if (cmd.ExecuteScalar() is long existing)
                {
                    seq = existing;
                }
                else
                {
                    cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) + 1 FROM emulator_marts";
                    seq = (long)cmd.ExecuteScalar()!;
                }
            }

            var tableName = sharedTableOf is not null ? _marts[sharedTableOf].TableName : null;
            var mart = BuildInfo(definition, id, seq, now, tableName);
            mart.Published = definition.Published;
            long count = 0;
            if (sharedTableOf is null)
            {
                using (var cmd = connection.CreateCommand())
                {
                    cmd.Transaction = tx;
                    var columnsSql = string.Join(", ", mart.Columns.Select(c => "\"" + c.SqlName + "\" " + SqliteType(c.Kind)));
                    cmd.CommandText = $"DROP TABLE IF EXISTS \"{mart.TableName}\"; CREATE TABLE \"{mart.TableName}\" ({columnsSql})";
                    cmd.ExecuteNonQuery();
                }

                count = BulkInsert(connection, mart, rows);
            }

            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT OR REPLACE INTO emulator_marts (id, seq, definition, published, created_at, row_count) VALUES ($id, $seq, $def, $pub, $at, $n)";
                var stored = JsonSerializer.Serialize(new DataMartDefinition
                {
                    Id = id,
                    Title = definition.Title,
                    Description = definition.Description,
                    Storage = definition.Storage,
                    Published = definition.Published,
                    Columns = definition.Columns,
                }, DefinitionJson);
                cmd.Parameters.AddWithValue("$id", id);
                cmd.Parameters.AddWithValue("$seq", seq);
                cmd.Parameters.AddWithValue("$def", stored);
                cmd.Parameters.AddWithValue("$pub", definition.Published ? 1 : 0);
                cmd.Parameters.AddWithValue("$at", now.ToString("O", CultureInfo.InvariantCulture));
                cmd.Parameters.AddWithValue("$n", count);
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
            _marts[id] = mart;
            return mart;
        }
    }

    public void SetPublished(string id, bool published)
    {
        var mart = FindMart(id) ?? throw new ArgumentException($"Data mart {id} does not exist.", nameof(id));
        lock (_writeGate)
        {
            using var cmd = _keepAlive.CreateCommand();
            cmd.CommandText = "UPDATE emulator_marts SET published = $p WHERE id = $id";
            cmd.Parameters.AddWithValue("$p", published ? 1 : 0);
            cmd.Parameters.AddWithValue("$id", id);
            cmd.ExecuteNonQuery();
            mart.Published = published;
            mart.Definition.Published = published;
        }
    }

    public void SaveReport(ReportInfo report)
    {
        lock (_writeGate)
        {
            using var cmd = _keepAlive.CreateCommand();
            cmd.CommandText = "INSERT OR REPLACE INTO emulator_reports (id, definition) VALUES ($id, $def)";
            cmd.Parameters.AddWithValue("$id", report.Id);
            cmd.Parameters.AddWithValue("$def", JsonSerializer.Serialize(report, DefinitionJson));
            cmd.ExecuteNonQuery();
            _reports[report.Id] = report;
        }
    }

    /// <summary>
    /// Loads rows through one prepared statement bound by index on the raw SQLite handle, which costs less per row than
    /// the ADO.NET parameter path (seeds of millions of rows are common).
    /// </summary>
    private static long BulkInsert(SqliteConnection connection, MartInfo mart, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sql = $"INSERT INTO \"{mart.TableName}\" VALUES ({string.Join(", ", mart.Columns.Select(_ => "?"))})";
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            long count = 0;
            var width = mart.Columns.Count;
            foreach (var row in rows)
            {
                if (row.Count != width)
                {
                    throw new ArgumentException($"Row {count} has {row.Count} values; the mart has {width} columns ({string.Join(", ", mart.Columns.Select(c => c.Name))}).", nameof(rows));
                }

                for (var i = 0; i < width; i++)
                {
                    var index = i + 1;
                    var rc = Canonical.ToStorage(row[i], mart.Columns[i].Kind) switch
                    {
                        null => raw.sqlite3_bind_null(statement, index),
                        long l => raw.sqlite3_bind_int64(statement, index, l),
                        double d => raw.sqlite3_bind_double(statement, index, d),
                        byte[] b => raw.sqlite3_bind_blob(statement, index, b),
                        string t => raw.sqlite3_bind_text(statement, index, t),
                        var other => raw.sqlite3_bind_text(statement, index, Convert.ToString(other, CultureInfo.InvariantCulture)),
                    };
                    Check(db, rc);
                }

                var step = raw.sqlite3_step(statement);
                if (step != raw.SQLITE_DONE)
                {
                    Check(db, step);
                }

                Check(db, raw.sqlite3_reset(statement));
                count++;
            }

            return count;
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    private static string SqliteType(ValueKind kind) => kind switch
    {
        ValueKind.Integer or ValueKind.Boolean => "INTEGER",
        ValueKind.Float or ValueKind.Decimal => "REAL",
        ValueKind.Bytes => "BLOB",
        _ => "TEXT",
    };

    public void Dispose()
    {
        SqliteConnection.ClearPool(_keepAlive);
        _keepAlive.Dispose();
        if (_deleteOnDispose)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                try
                {
                    File.Delete(Path + suffix);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
