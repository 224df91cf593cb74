using System;
using System.Data;
using System.Linq;

namespace Owox.Data.Tests.Partitioning;

/// <summary>Partition plans without a server: the calendar, the command each partition runs, serialisation, refusals.</summary>
public class PartitionPlanTests
{
    private const string Mart = "a0d1e5f0-0000-4000-8000-000000000001";

    private static DateTime Day(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Months_are_aligned_clipped_to_the_range_and_together_exactly_the_range()
    {
        var plan = OwoxPartitionPlan.Create(Mart, "date", OwoxPartitionGranularity.Month, Day(2024, 1, 15), Day(2024, 3, 10));
        Assert.Equal(["2024-01", "2024-02", "2024-03"], plan.Partitions.Select(p => p.Key));
        Assert.Equal(Day(2024, 1, 15), plan.Partitions[0].From);
        Assert.Equal(Day(2024, 2, 1), plan.Partitions[0].To);
        Assert.Equal(Day(2024, 2, 1), plan.Partitions[1].From);
        Assert.Equal(Day(2024, 3, 1), plan.Partitions[1].To);
        Assert.Equal(Day(2024, 3, 11), plan.Partitions[2].To);
        Assert.Equal([0, 1, 2], plan.Partitions.Select(p => p.Index));
        Assert.Equal("date_month=2024-02", plan.Partitions[1].HiveName);
    }

    [Theory]
    [InlineData(OwoxPartitionGranularity.Day, 2023, 12, 20, 2024, 3, 5)]
    [InlineData(OwoxPartitionGranularity.Week, 2023, 12, 20, 2024, 3, 5)]
    [InlineData(OwoxPartitionGranularity.Month, 2023, 12, 20, 2025, 2, 28)]
    [InlineData(OwoxPartitionGranularity.Week, 2024, 11, 6, 2024, 11, 6)]
    public void Partitions_are_disjoint_in_order_and_cover_every_day(OwoxPartitionGranularity granularity, int y1, int m1, int d1, int y2, int m2, int d2)
    {
        var first = Day(y1, m1, d1);
        var last = Day(y2, m2, d2);
        var plan = OwoxPartitionPlan.Create(Mart, "date", granularity, first, last);
        Assert.Equal(first, plan.Partitions[0].From);
        Assert.Equal(last.AddDays(1), plan.Partitions[^1].To);
        for (var i = 1; i < plan.Partitions.Count; i++)
            Assert.Equal(plan.Partitions[i - 1].To, plan.Partitions[i].From);
        Assert.All(plan.Partitions, p => Assert.True(p.From < p.To));
        Assert.Equal(plan.Partitions.Count, plan.Partitions.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public void A_week_is_keyed_by_its_Monday_and_a_time_of_day_is_ignored()
    {
        var plan = OwoxPartitionPlan.Create(Mart, "date", OwoxPartitionGranularity.Week, new DateTime(2024, 11, 6, 13, 45, 0), new DateTime(2024, 11, 18, 1, 0, 0));
        Assert.Equal(["2024-11-04", "2024-11-11", "2024-11-18"], plan.Partitions.Select(p => p.Key));
        Assert.Equal(Day(2024, 11, 6), plan.Partitions[0].From);
        Assert.Equal(Day(2024, 11, 19), plan.Partitions[^1].To);
    }

    [Fact]
    public void A_data_mart_id_becomes_a_SELECT_of_every_column_with_the_range()
    {
        var partition = OwoxPartitionPlan.Create(Mart, "date", OwoxPartitionGranularity.Day, Day(2024, 5, 1), Day(2024, 5, 1)).Partitions.Single();
        Assert.Equal($"SELECT * FROM \"{Mart}\" WHERE \"date\" >= @owox_partition_from AND \"date\" < @owox_partition_to", partition.CommandText);
        Assert.Equal(["owox_partition_from", "owox_partition_to"], partition.Parameters.Select(p => p.ParameterName));
        Assert.Equal([Day(2024, 5, 1), Day(2024, 5, 2)], partition.Parameters.Select(p => (DateTime)p.Value!));
        Assert.All(partition.Parameters, p => Assert.Equal(DbType.Date, p.DbType));
    }

    [Theory]
    [InlineData("SELECT campaign, cost FROM sales t WHERE t.country = 'DE' OR t.country = 'FR' ORDER BY cost DESC",
        "SELECT campaign, cost FROM sales t WHERE \"day\" >= @owox_partition_from AND \"day\" < @owox_partition_to AND (t.country = 'DE' OR t.country = 'FR') ORDER BY cost DESC")]
    [InlineData("select * from sales;", "select * from sales WHERE \"day\" >= @owox_partition_from AND \"day\" < @owox_partition_to")]
    [InlineData("SELECT day, SUM(cost) AS cost FROM sales WHERE cost > @min GROUP BY day HAVING SUM(cost) > 10",
        "SELECT day, SUM(cost) AS cost FROM sales WHERE \"day\" >= @owox_partition_from AND \"day\" < @owox_partition_to AND (cost > @min) GROUP BY day HAVING SUM(cost) > 10")]
    [InlineData("SELECT DATE_TRUNC('day', day) AS d, COUNT(*) AS n FROM sales GROUP BY 1",
        "SELECT DATE_TRUNC('day', day) AS d, COUNT(*) AS n FROM sales WHERE \"day\" >= @owox_partition_from AND \"day\" < @owox_partition_to GROUP BY 1")]
    public void A_SELECT_keeps_its_columns_condition_grouping_and_sort_with_the_range_added(string select, string expected)
    {
        var plan = OwoxPartitionPlan.Create(select, "day", OwoxPartitionGranularity.Month, Day(2024, 1, 1), Day(2024, 1, 31), [new OwoxParameter("min", 5m)]);
        var partition = plan.Partitions.Single();
        Assert.Equal(expected, partition.CommandText);
        Assert.Equal(["owox_partition_from", "owox_partition_to", "min"], partition.Parameters.Select(p => p.ParameterName));
    }

    [Theory]
    [InlineData("report:abc", "report cannot be partitioned")]
    [InlineData("SELECT * FROM sales LIMIT 10", "LIMIT or OFFSET")]
    [InlineData("SELECT * FROM sales LIMIT 10 OFFSET 5", "LIMIT or OFFSET")]
    [InlineData("SELECT country, SUM(cost) AS c FROM sales GROUP BY country", "do not keep 'day'")]
    [InlineData("SELECT SUM(cost) AS c FROM sales", "do not keep 'day'")]
    [InlineData("SELECT DISTINCT country FROM sales", "do not keep 'day'")]
    [InlineData("SELECT DATE_TRUNC('week', day) AS w, SUM(cost) AS c FROM sales GROUP BY 1", "do not keep 'day'")]
    [InlineData("SELECT DATE_TRUNC('month', day) AS m, SUM(cost) AS c FROM sales GROUP BY 1", "do not keep 'day'")]
    [InlineData("SELECT 1", "without FROM")]
    public void What_would_change_when_cut_into_partitions_is_refused_saying_why(string source, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => OwoxPartitionPlan.Create(source, "day", OwoxPartitionGranularity.Week, Day(2024, 1, 1), Day(2024, 1, 31)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal("source", e.ParamName);
    }

    [Fact]
    public void A_month_bucket_may_be_cut_by_month_and_a_day_bucket_by_anything()
    {
        Assert.Single(OwoxPartitionPlan.Create("SELECT DATE_TRUNC('month', day) AS m, SUM(cost) AS c FROM sales GROUP BY 1", "day", OwoxPartitionGranularity.Month, Day(2024, 1, 1), Day(2024, 1, 31)).Partitions);
        Assert.Equal(5, OwoxPartitionPlan.Create("SELECT DATE_TRUNC('day', day) AS d, SUM(cost) AS c FROM sales GROUP BY 1", "day", OwoxPartitionGranularity.Week, Day(2024, 1, 1), Day(2024, 1, 31)).Partitions.Count);
    }

    [Fact]
    public void Bad_arguments_name_the_problem()
    {
        Assert.Contains("before it starts", Assert.Throws<ArgumentException>(() => OwoxPartitionPlan.Create(Mart, "date", OwoxPartitionGranularity.Day, Day(2024, 2, 1), Day(2024, 1, 1))).Message, StringComparison.Ordinal);
        Assert.Contains("coarser granularity", Assert.Throws<ArgumentException>(() => OwoxPartitionPlan.Create(Mart, "date", OwoxPartitionGranularity.Day, Day(1000, 1, 1), Day(9000, 1, 1))).Message, StringComparison.Ordinal);
        Assert.Contains("reserve", Assert.Throws<ArgumentException>(() => OwoxPartitionPlan.Create(Mart, "date", OwoxPartitionGranularity.Day, Day(2024, 1, 1), Day(2024, 1, 1), [new OwoxParameter("@owox_partition_x", 1)])).Message, StringComparison.Ordinal);
        Assert.Equal("column", Assert.Throws<ArgumentException>(() => OwoxPartitionPlan.Create(Mart, " ", OwoxPartitionGranularity.Day, Day(2024, 1, 1), Day(2024, 1, 1))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => OwoxPartitionPlan.Create(Mart, "date", (OwoxPartitionGranularity)7, Day(2024, 1, 1), Day(2024, 1, 1)));
    }

    [Fact]
    public void A_partition_round_trips_through_one_line_of_JSON_with_typed_parameters()
    {
        var parameters = new[]
        {
            new OwoxParameter("s", "it's \"quoted\"\n"),
            new OwoxParameter("n", 42L),
            new OwoxParameter("i", 7),
            new OwoxParameter("d", 12345678901234.5678m),
            new OwoxParameter("f", 0.1),
            new OwoxParameter("b", true),
            new OwoxParameter("t", new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567)),
            new OwoxParameter("w", new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Unspecified)),
            new OwoxParameter("o", new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(2))),
            new OwoxParameter("time", TimeSpan.FromHours(13.5)),
            new OwoxParameter("g", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
            new OwoxParameter("nothing", DBNull.Value) { DbType = DbType.String },
        };
        var original = OwoxPartitionPlan.Create("SELECT * FROM sales WHERE country = @s", "day", OwoxPartitionGranularity.Week, Day(2024, 1, 1), Day(2024, 1, 20), parameters).Partitions[1];
        var json = original.ToJson();
        Assert.DoesNotContain('\n', json);
        var copy = OwoxPartition.FromJson(json);
        Assert.Equal(original.Index, copy.Index);
        Assert.Equal(original.Key, copy.Key);
        Assert.Equal(original.From, copy.From);
        Assert.Equal(original.To, copy.To);
        Assert.Equal(original.Column, copy.Column);
        Assert.Equal(original.Granularity, copy.Granularity);
        Assert.Equal(original.CommandText, copy.CommandText);
        Assert.Equal(original.Parameters.Select(p => (p.ParameterName, p.DbType)), copy.Parameters.Select(p => (p.ParameterName, p.DbType)));
        var values = copy.Parameters.ToDictionary(p => p.ParameterName, p => p.Value);
        Assert.Equal("it's \"quoted\"\n", values["s"]);
        Assert.Equal(42L, values["n"]);
        Assert.Equal(7L, values["i"]);
        Assert.Equal(12345678901234.5678m, values["d"]);
        Assert.Equal(0.1, values["f"]);
        Assert.Equal(true, values["b"]);
        var utc = Assert.IsType<DateTime>(values["t"]);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(new DateTime(2024, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567), utc);
        Assert.Equal(DateTimeKind.Unspecified, Assert.IsType<DateTime>(values["w"]).Kind);
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)), values["o"]);
        Assert.Equal(TimeSpan.FromHours(13.5), values["time"]);
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), values["g"]);
        Assert.Equal(DBNull.Value, values["nothing"]);
    }

    [Fact]
    public void Text_that_is_not_a_partition_is_a_FormatException()
    {
        Assert.Throws<FormatException>(() => OwoxPartition.FromJson("{\"index\":0}"));
        Assert.Throws<FormatException>(() => OwoxPartition.FromJson("not json"));
    }
}
