using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>Runs SQL against the emulator and computes expectations from the generator (never from SQL).</summary>
internal static class SqlE2E
{
    public const string Mart = DemoMarts.AdPerformance;

    /// <summary>Rows 0..999 of the fixture's demo mart, in stream order.</summary>
    public static readonly IReadOnlyList<AdPerformanceRow> All =
        Enumerable.Range(0, EmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow).ToArray();

    public sealed record Result(string[] Names, Type[] Types, string[] TypeNames, List<object[]> Rows)
    {
        public int Ordinal(string name) => Array.IndexOf(Names, name);

        public IEnumerable<object> Column(string name) => Rows.Select(r => r[Ordinal(name)]);
    }

    public static async Task<Result> QueryAsync(OwoxConnection connection, string sql, bool async = true, params OwoxParameter[] parameters)
    {
        using var command = new OwoxCommand(sql, connection);
        foreach (var p in parameters)
            command.Parameters.Add(p);
        return await ReadAsync(command, async);
    }

    public static async Task<Result> ReadAsync(OwoxCommand command, bool async)
    {
        using var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToArray();
        var typeNames = Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName).ToArray();
        var rows = new List<object[]>();
        while (async ? await reader.ReadAsync() : reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is not DBNull)
                    Assert.Equal(types[i], values[i].GetType());
            }
            rows.Add(values);
        }
        return new Result(names, types, typeNames, rows);
    }

    public static DateTime Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    public static DateTime Day(string iso) => DateTime.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>NUMERIC is stored as REAL by the emulator (~15 significant digits): compare sums with a small tolerance.</summary>
    public static void Near(decimal expected, object actual, decimal tolerance = 0.005m)
    {
        var value = Assert.IsType<decimal>(actual);
        Assert.True(Math.Abs(expected - value) <= tolerance, $"Expected {expected}, got {value}.");
    }

    public static void Near(double expected, object actual, double relative = 1e-9)
    {
        var value = Assert.IsType<double>(actual);
        Assert.True(Math.Abs(expected - value) <= relative * Math.Max(1, Math.Abs(expected)), $"Expected {expected:R}, got {value:R}.");
    }

    public static void NotSent(EmulatorFixture fixture, int before) => Assert.Equal(before, fixture.Emulator.DataRequestCount);
}
