using System;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using Xunit;

namespace Owox.Data.NetFramework.Tests;

/// <summary>Reading through the factory's objects: every warehouse flavour, SQL with parameters, ExecuteScalar, DataTable.Load and Fill.</summary>
[Collection(SharedEmulator.Name)]
public sealed class ReaderTests(EmulatorProcess emulator)
{
    public static TheoryData<string, string> Flavours => new()
    {
        { "BigQuery", "a0d1e5f0-0000-4000-8000-000000000004" },
        { "Athena", "a0d1e5f0-0000-4000-8000-000000000005" },
        { "Snowflake", "a0d1e5f0-0000-4000-8000-000000000006" },
        { "Redshift", "a0d1e5f0-0000-4000-8000-000000000007" },
        { "Databricks", "a0d1e5f0-0000-4000-8000-000000000008" },
        { "BigQuery (ad performance)", Provider.AdPerformance },
    };

    [Theory]
    [MemberData(nameof(Flavours))]
    public void The_reader_reads_every_value_of_every_flavour_as_its_declared_type(string flavour, string martId)
    {
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, martId);
        using var reader = command.ExecuteReader();
        Assert.True(reader.FieldCount > 0, flavour);
        var rows = 0;
        var values = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                if (value is DBNull)
                {
                    Assert.True(reader.IsDBNull(i));
                    continue;
                }

                values++;
                Assert.Equal(reader.GetFieldType(i), value.GetType());
                Assert.False(string.IsNullOrEmpty(reader.GetDataTypeName(i)));
            }
        }

        Assert.True(rows > 0, $"{flavour}: no rows");
        Assert.True(values > 0, $"{flavour}: only NULLs");
        Assert.False(reader.Read());
    }

    [Fact]
    public void The_ad_performance_mart_reads_with_typed_getters()
    {
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            Assert.Equal(TimeSpan.Zero, reader.GetDateTime(reader.GetOrdinal("date")).TimeOfDay);
            Assert.False(string.IsNullOrEmpty(reader.GetString(reader.GetOrdinal("campaign"))));
            Assert.True(reader.GetInt64(reader.GetOrdinal("impressions")) >= 0);
            Assert.True(reader.GetDecimal(reader.GetOrdinal("cost")) >= 0);
            Assert.True(reader.GetDouble(reader.GetOrdinal("ctr")) >= 0);
            _ = reader.GetBoolean(reader.GetOrdinal("is_active"));
        }

        Assert.Equal(Provider.AdPerformanceRows, rows);
    }

    [Fact]
    public void SQL_with_parameters_is_answered_with_only_the_matching_rows()
    {
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, $"SELECT \"date\", \"country\", \"clicks\" FROM \"{Provider.AdPerformance}\" WHERE \"country\" = @country AND \"date\" >= @from AND \"clicks\" >= @minClicks ORDER BY \"date\"");
        command.Parameters.Add(Provider.Parameter("@country", "BR"));
        command.Parameters.Add(Provider.Parameter("from", new DateTime(2025, 7, 1)));
        command.Parameters.Add(Provider.Parameter("minClicks", 20));
        using var reader = command.ExecuteReader();
        Assert.Equal(3, reader.FieldCount);
        var rows = 0;
        var previous = DateTime.MinValue;
        while (reader.Read())
        {
            rows++;
            Assert.Equal("BR", reader.GetString(1));
            Assert.True(reader.GetDateTime(0) >= new DateTime(2025, 7, 1));
            Assert.True(reader.GetDateTime(0) >= previous);
            Assert.True(reader.GetInt64(2) >= 20);
            previous = reader.GetDateTime(0);
        }

        Assert.True(rows > 0);
    }

    [Fact]
    public void ExecuteScalar_returns_the_first_value()
    {
        using var connection = Provider.Open(emulator);
        using var count = Provider.Command(connection, $"SELECT COUNT(*) FROM \"{Provider.AdPerformance}\"");
        Assert.Equal((long)Provider.AdPerformanceRows, count.ExecuteScalar());
        using var first = Provider.Command(connection, $"SELECT \"campaign\", \"date\" FROM \"{Provider.AdPerformance}\" WHERE \"country\" = @country ORDER BY \"date\", \"campaign\" LIMIT 1");
        first.Parameters.Add(Provider.Parameter("country", "BR"));
        Assert.IsType<string>(first.ExecuteScalar());
        using var none = Provider.Command(connection, Provider.Empty);
        Assert.Null(none.ExecuteScalar());
    }

    [Fact]
    public void DataTable_Load_takes_every_row_and_column()
    {
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        using var reader = command.ExecuteReader();
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        table.Load(reader);
        Assert.Equal(Provider.AdPerformanceRows, table.Rows.Count);
        Assert.Equal(13, table.Columns.Count);
        Assert.Equal(typeof(decimal), table.Columns["cost"]!.DataType);
        Assert.Equal(typeof(DateTime), table.Columns["date"]!.DataType);
    }

    [Fact]
    public void A_factory_made_DbDataAdapter_fills_a_DataSet_from_a_parameterised_SELECT()
    {
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, $"SELECT \"country\", SUM(\"cost\") AS total FROM \"{Provider.AdPerformance}\" WHERE \"date\" >= @from GROUP BY \"country\" ORDER BY total DESC");
        command.Parameters.Add(Provider.Parameter("from", new DateTime(2025, 1, 1)));
        using DbDataAdapter adapter = Provider.Factory.CreateDataAdapter()!;
        adapter.SelectCommand = command;
        using var set = new DataSet { Locale = CultureInfo.InvariantCulture };
        var filled = adapter.Fill(set);
        var table = set.Tables[0];
        Assert.Equal(filled, table.Rows.Count);
        Assert.True(filled > 1);
        Assert.Equal(new[] { "country", "total" }, table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        var totals = table.Rows.Cast<DataRow>().Select(r => (decimal)r["total"]).ToList();
        Assert.Equal(totals.OrderByDescending(t => t), totals);
    }
}
