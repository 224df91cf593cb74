using System;
using System.Collections.Generic;
using System.Linq;
using DuckDB.NET.Data;

namespace Owox.Data.Parquet.Tests;

/// <summary>Reads Parquet files back with DuckDB (an in-memory database per query): another implementation's view of what was written.</summary>
public static class DuckDb
{
    /// <summary>The rows of <paramref name="sql"/>, every value as DuckDB.NET gives it (DBNull for NULL).</summary>
    public static List<object[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return rows;
    }

    /// <summary>The single value of <paramref name="sql"/>.</summary>
    public static T Scalar<T>(string sql) => (T)Convert.ChangeType(Query(sql).Single().Single(), typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>read_parquet('path')</c>, the path quoted for SQL.</summary>
    public static string Read(string path, string extra = "") => $"read_parquet({Literal(path)}{extra})";

    /// <summary>The column types DuckDB reads from the file, by name, in file order.</summary>
    public static List<(string Name, string Type)> Types(string path) =>
        [.. Query($"DESCRIBE SELECT * FROM {Read(path)}").Select(row => ((string)row[0], (string)row[1]))];

    /// <summary>Each column's repetition (REQUIRED or OPTIONAL), from the file's schema.</summary>
    public static Dictionary<string, string> Repetition(string path) =>
        Query($"SELECT name, repetition_type FROM parquet_schema({Literal(path)}) WHERE num_children IS NULL")
            .ToDictionary(row => (string)row[0], row => (string)row[1]);

    /// <summary>The number of rows in each row group, in file order.</summary>
    public static List<long> RowGroupSizes(string path) =>
        [.. Query($"SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata({Literal(path)}) ORDER BY row_group_id").Select(row => Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture))];

    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
