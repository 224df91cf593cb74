using System.Linq;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class AggregationTranslationTests
{
    [Theory]
    [InlineData("SUM(revenue)", "SUM", "revenue | SUM", "SUM(revenue)")]
    [InlineData("sum(revenue)", "SUM", "revenue | SUM", "SUM(revenue)")]
    [InlineData("AVG(revenue)", "AVG", "revenue | AVG", "AVG(revenue)")]
    [InlineData("MIN(revenue)", "MIN", "revenue | MIN", "MIN(revenue)")]
    [InlineData("MAX(revenue)", "MAX", "revenue | MAX", "MAX(revenue)")]
    [InlineData("COUNT(revenue)", "COUNT", "revenue | COUNT", "COUNT(revenue)")]
    [InlineData("COUNT(DISTINCT revenue)", "COUNT_DISTINCT", "revenue | COUNTUNIQUE", "COUNT(DISTINCT revenue)")]
    [InlineData("ANY_VALUE(revenue)", "ANY_VALUE", "revenue | ANYVALUE", "ANY_VALUE(revenue)")]
    [InlineData("STRING_AGG(revenue)", "STRING_AGG", "revenue | STRINGAGG", "STRING_AGG(revenue)")]
    [InlineData("STRING_AGG(revenue, ', ')", "STRING_AGG", "revenue | STRINGAGG", "STRING_AGG(revenue)")]
    [InlineData("P25(revenue)", "P25", "revenue | P25", "P25(revenue)")]
    [InlineData("P50(revenue)", "P50", "revenue | MEDIAN", "P50(revenue)")]
    [InlineData("MEDIAN(revenue)", "P50", "revenue | MEDIAN", "MEDIAN(revenue)")]
    [InlineData("P75(revenue)", "P75", "revenue | P75", "P75(revenue)")]
    [InlineData("P95(revenue)", "P95", "revenue | P95", "P95(revenue)")]
    [InlineData("PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY revenue)", "P25", "revenue | P25", "PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY revenue)")]
    [InlineData("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY revenue ASC)", "P50", "revenue | MEDIAN", "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY revenue)")]
    [InlineData("PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY revenue)", "P75", "revenue | P75", "PERCENTILE_CONT(0.75) WITHIN GROUP (ORDER BY revenue)")]
    [InlineData("PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY revenue)", "P95", "revenue | P95", "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY revenue)")]
    public void Each_aggregate_maps_to_its_function_key_and_natural_name(string call, string function, string key, string name)
    {
        var query = Sql($"SELECT region, {call} FROM m GROUP BY region");
        Assert.Equal(["region", "revenue"], Columns(query));
        Assert.Equal(Canonical($$"""[{"column":"revenue","function":"{{function}}"}]"""), Config(query, "aggregation"));
        Assert.Equal($"region => region; {key} => {name}", Projection(query));
        Assert.Equal("revenue", query.Projection![1].SourceColumn);
    }

    [Fact]
    public void Aliases_name_aggregates_and_dots_become_underscores_in_keys()
    {
        var query = Sql("SELECT SUM(metrics.revenue) AS total, AVG(\"metrics.revenue\") avg_rev FROM m");
        Assert.Equal(["metrics.revenue"], Columns(query));
        Assert.Equal(Canonical("""[{"column":"metrics.revenue","function":"SUM"},{"column":"metrics.revenue","function":"AVG"}]"""), Config(query, "aggregation"));
        Assert.Equal("metrics_revenue | SUM => total; metrics_revenue | AVG => avg_rev", Projection(query));
    }

    [Fact]
    public void Grand_total_without_group_by()
    {
        var query = Sql("SELECT SUM(revenue), COUNT(clicks) FROM m WHERE date IN THIS_MONTH");
        Assert.Equal(["revenue", "clicks"], Columns(query));
        Assert.Equal(Canonical("""[{"column":"revenue","function":"SUM"},{"column":"clicks","function":"COUNT"}]"""), Config(query, "aggregation"));
    }

    [Fact]
    public void Count_star_is_the_row_count_next_to_other_aggregates()
    {
        var query = Sql("SELECT region, COUNT(*) AS n, SUM(revenue) FROM m GROUP BY region");
        Assert.Equal(["region", "revenue"], Columns(query));
        Assert.Equal(Canonical("""[{"column":"revenue","function":"SUM"}]"""), Config(query, "aggregation"));
        Assert.Equal("region => region; Row Count => n; revenue | SUM => SUM(revenue)", Projection(query));
        Assert.Null(query.Projection![1].SourceColumn);
    }

    [Fact]
    public void Count_star_alone_adds_a_hidden_count_on_a_non_key_catalog_column()
    {
        var query = Sql("SELECT region, COUNT(*) FROM m GROUP BY region", TestCatalog.Default);
        Assert.Equal(["region", "date"], Columns(query));
        Assert.Equal(Canonical("""[{"column":"date","function":"COUNT"}]"""), Config(query, "aggregation"));
        Assert.Equal("region => region; Row Count => COUNT(*)", Projection(query));

        var grandTotal = Sql("SELECT COUNT(1) AS rows FROM m", TestCatalog.Default);
        Assert.Equal(["date"], Columns(grandTotal));
        Assert.Equal("Row Count => rows", Projection(grandTotal));
    }

    [Fact]
    public void Hidden_count_skips_group_keys_and_prefers_comparable_columns()
    {
        var catalog = new TestCatalog(("payload", "JSON"), ("region", "STRING"), ("clicks", "INTEGER"));
        var query = Sql("SELECT region, COUNT(*) FROM m GROUP BY region", catalog);
        Assert.Equal(["region", "clicks"], Columns(query));

        var onlyJson = new TestCatalog(("region", "STRING"), ("payload", "JSON"));
        Assert.Equal(["region", "payload"], Columns(Sql("SELECT region, COUNT(*) FROM m GROUP BY region", onlyJson)));
    }

    [Fact]
    public void Count_star_alone_without_catalog_or_free_column_is_refused()
    {
        Mentions(Refused("SELECT region, COUNT(*) FROM m GROUP BY region"), "COUNT(*)", "schema", "COUNT(some_column)");
        var catalog = new TestCatalog(("region", "STRING"));
        Mentions(Refused("SELECT region, COUNT(*) FROM m GROUP BY region", catalog), "every column", "aggregate one");
    }

    [Fact]
    public void Distinct_and_group_by_without_aggregates_group_through_a_hidden_count()
    {
        var distinct = Sql("SELECT DISTINCT region, clicks FROM m", TestCatalog.Default);
        Assert.Equal(["region", "clicks", "date"], Columns(distinct));
        Assert.Equal(Canonical("""[{"column":"date","function":"COUNT"}]"""), Config(distinct, "aggregation"));
        Assert.Equal("region => region; clicks => clicks", Projection(distinct));

        var grouped = Sql("SELECT region FROM m GROUP BY region", TestCatalog.Default);
        Assert.Equal(["region", "date"], Columns(grouped));
        Assert.Equal("region => region", Projection(grouped));

        Mentions(Refused("SELECT DISTINCT region FROM m"), "SELECT DISTINCT", "schema");
        Mentions(Refused("SELECT region FROM m GROUP BY region"), "GROUP BY without aggregates", "schema");
    }

    [Fact]
    public void Distinct_with_aggregates_changes_nothing()
    {
        var query = Sql("SELECT DISTINCT region, SUM(revenue) FROM m GROUP BY region");
        Assert.Equal(Canonical("""[{"column":"revenue","function":"SUM"}]"""), Config(query, "aggregation"));
    }

    [Fact]
    public void Several_functions_on_one_column_send_the_column_once()
    {
        var query = Sql("SELECT SUM(revenue), MAX(revenue), SUM(revenue) AS again FROM m");
        Assert.Equal(["revenue"], Columns(query));
        Assert.Equal(Canonical("""[{"column":"revenue","function":"SUM"},{"column":"revenue","function":"MAX"}]"""), Config(query, "aggregation"));
        Assert.Equal("revenue | SUM => SUM(revenue); revenue | MAX => MAX(revenue); revenue | SUM => again", Projection(query));
    }

    [Theory]
    [InlineData("GROUP BY region, date")]
    [InlineData("GROUP BY date, region")]
    [InlineData("GROUP BY 1, 2")]
    [InlineData("GROUP BY d, r")]
    public void Group_by_accepts_columns_positions_and_aliases_in_any_order(string groupBy)
    {
        var query = Sql("SELECT region AS r, date AS d, SUM(revenue) FROM m " + groupBy);
        Assert.Equal(["region", "date", "revenue"], Columns(query));
    }

    [Theory]
    [InlineData("SELECT region, date, SUM(revenue) FROM m GROUP BY region", "missing: date")]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY region, clicks", "clicks is not in the SELECT list")]
    [InlineData("SELECT region, SUM(revenue) FROM m", "not grouped", "GROUP BY region")]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY 2", "aggregate")]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY SUM(revenue)", "Aggregates cannot be grouped")]
    [InlineData("SELECT region, SUM(region) FROM m GROUP BY region", "both aggregated and")]
    [InlineData("SELECT * FROM m GROUP BY region", "SELECT * cannot be grouped")]
    [InlineData("SELECT DISTINCT * FROM m", "DISTINCT *")]
    public void Grouping_mistakes_name_the_columns(string sql, params string[] words)
    {
        Mentions(Refused(sql, TestCatalog.Default), words);
    }

    [Theory]
    [InlineData("SUM(DISTINCT revenue)", "only COUNT(DISTINCT")]
    [InlineData("STRING_AGG(region, ';')", "', '")]
    [InlineData("STRING_AGG(region ORDER BY region)", "ORDER BY")]
    [InlineData("PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY revenue)", "0.25, 0.5, 0.75, 0.95")]
    [InlineData("PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY revenue DESC)", "ascending")]
    [InlineData("SUM(*)", "only COUNT(*)")]
    [InlineData("SUM(revenue * 2)", "Expressions")]
    [InlineData("SUM(ABS(revenue))", "Aggregates of expressions")]
    [InlineData("STDDEV(revenue)", "STDDEV", "supported aggregates")]
    [InlineData("COUNT(revenue) FILTER (WHERE clicks > 1)", "FILTER")]
    [InlineData("SUM(revenue) OVER (PARTITION BY region)", "Window functions")]
    public void Unsupported_aggregate_forms_are_refused(string call, params string[] words)
    {
        Mentions(Refused($"SELECT {call} FROM m"), words);
    }

    [Fact]
    public void Date_trunc_keeps_the_source_key_and_takes_an_alias()
    {
        var query = Sql("SELECT DATE_TRUNC('month', date) AS month, SUM(revenue) FROM m GROUP BY month");
        Assert.Equal(["date", "revenue"], Columns(query));
        Assert.Equal(Canonical("""[{"column":"date","unit":"MONTH"}]"""), Config(query, "dateTrunc"));
        Assert.Equal("date => month; revenue | SUM => SUM(revenue)", Projection(query));
        Assert.Equal(DateTruncUnit.Month, query.Projection![0].DateTrunc);
    }

    [Theory]
    [InlineData("DATE_TRUNC('DAY', ts, 'Europe/Berlin')", "DAY", "Europe/Berlin")]
    [InlineData("DATE_TRUNC(WEEK, ts)", "WEEK", null)]
    [InlineData("DATE_TRUNC(ts, QUARTER)", "QUARTER", null)]
    [InlineData("date_trunc('year', ts, 'Etc/GMT+3')", "YEAR", "Etc/GMT+3")]
    public void Date_trunc_units_and_time_zones(string call, string unit, string? zone)
    {
        var query = Sql($"SELECT {call}, COUNT(clicks) FROM m GROUP BY 1");
        var expected = zone is null
            ? $$"""[{"column":"ts","unit":"{{unit}}"}]"""
            : $$"""[{"column":"ts","unit":"{{unit}}","timeZone":"{{zone}}"}]""";
        Assert.Equal(Canonical(expected), Config(query, "dateTrunc"));
        Assert.Equal("ts => ts", Projection(query).Split("; ")[0]);
    }

    [Fact]
    public void Date_trunc_without_aggregates_truncates_rows()
    {
        var query = Sql("SELECT DATE_TRUNC('MONTH', date), region FROM m");
        Assert.Equal(Canonical("""[{"column":"date","unit":"MONTH"}]"""), Config(query, "dateTrunc"));
        Assert.Null(Config(query, "aggregation"));
    }

    [Fact]
    public void Group_by_may_repeat_the_date_trunc_expression()
    {
        var query = Sql("SELECT DATE_TRUNC('MONTH', date), SUM(revenue) FROM m GROUP BY DATE_TRUNC('month', date) ORDER BY DATE_TRUNC('MONTH', date) DESC");
        Assert.Equal(Canonical("""[{"column":"date","direction":"desc"}]"""), Config(query, "sort"));
    }

    [Theory]
    [InlineData("DATE_TRUNC('HOUR', ts)", "'DAY', 'WEEK'")]
    [InlineData("DATE_TRUNC('MONTH', ts, 'Europe Berlin')", "IANA")]
    [InlineData("DATE_TRUNC('MONTH', ts, @tz)", "string literal")]
    [InlineData("DATE_TRUNC(ts, WEEK(MONDAY))", "Week start days")]
    public void Bad_date_trunc_is_refused(string call, string words)
    {
        Mentions(Refused($"SELECT {call} FROM m"), words);
    }

    [Theory]
    [InlineData("SELECT DATE_TRUNC('MONTH', date), date FROM m")]
    [InlineData("SELECT DATE_TRUNC('MONTH', date), DATE_TRUNC('YEAR', date) FROM m")]
    public void A_column_bucketed_and_plain_is_refused(string sql)
    {
        Mentions(Refused(sql), "DATE_TRUNC", "select it once");
    }

    [Fact]
    public void Having_on_a_selected_aggregate_becomes_a_function_filter()
    {
        var query = Sql("SELECT region, SUM(revenue) AS total FROM m GROUP BY region HAVING SUM(revenue) > 1000 AND total <= 5000 AND region <> 'EU'");
        AssertFilter("""
            [{"column":"revenue","operator":"gt","value":1000,"function":"SUM"},
             {"column":"revenue","operator":"lte","value":5000,"function":"SUM"},
             {"column":"region","operator":"neq","value":"EU"}]
            """, query);
    }

    [Fact]
    public void Having_types_values_by_the_aggregate()
    {
        var query = Sql("SELECT region, COUNT(DISTINCT clicks), MAX(date) FROM m GROUP BY region HAVING COUNT(DISTINCT clicks) >= '3' AND MAX(date) >= @d",
            TestCatalog.Default, P("d", new System.DateTime(2026, 5, 1)));
        AssertFilter("""
            [{"column":"clicks","operator":"gte","value":3,"function":"COUNT_DISTINCT"},
             {"column":"date","operator":"gte","value":"2026-05-01","function":"MAX"}]
            """, query);
    }

    [Fact]
    public void Where_and_having_keep_text_order()
    {
        var query = Sql("SELECT region, SUM(revenue) FROM m WHERE clicks > 0 GROUP BY region HAVING SUM(revenue) BETWEEN 1 AND 2");
        AssertFilter("""
            [{"column":"clicks","operator":"gt","value":0},
             {"column":"revenue","operator":"between","value":{"from":1,"to":2},"function":"SUM"}]
            """, query);
    }

    [Theory]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY region HAVING AVG(revenue) > 1", "add AVG(revenue) to the SELECT list")]
    [InlineData("SELECT region, SUM(revenue), COUNT(*) FROM m GROUP BY region HAVING COUNT(*) > 1", "HAVING COUNT(*)", "Row Count")]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY region HAVING clicks > 1", "neither a selected aggregate", "WHERE")]
    [InlineData("SELECT region FROM m HAVING region = 'x'", "HAVING without aggregates", "WHERE")]
    [InlineData("SELECT DATE_TRUNC('MONTH', date) AS m, SUM(revenue) FROM m GROUP BY 1 HAVING m = '2026-01-01'", "DATE_TRUNC bucket")]
    [InlineData("SELECT region, SUM(revenue) FROM m WHERE SUM(revenue) > 1 GROUP BY region", "not allowed in WHERE", "HAVING")]
    public void Having_mistakes_are_refused(string sql, params string[] words)
    {
        Mentions(Refused(sql), words);
    }

    [Fact]
    public void Order_by_aggregates_sorts_by_the_source_column()
    {
        var query = Sql("SELECT region, SUM(revenue) AS total FROM m GROUP BY region ORDER BY total DESC, region");
        Assert.Equal(Canonical("""[{"column":"revenue","direction":"desc"},{"column":"region","direction":"asc"}]"""), Config(query, "sort"));

        var byCall = Sql("SELECT region, SUM(revenue) FROM m GROUP BY region ORDER BY SUM(revenue)");
        Assert.Equal(Canonical("""[{"column":"revenue","direction":"asc"}]"""), Config(byCall, "sort"));

        var byOrdinal = Sql("SELECT region, SUM(revenue) FROM m GROUP BY region ORDER BY 2 DESC");
        Assert.Equal(Canonical("""[{"column":"revenue","direction":"desc"}]"""), Config(byOrdinal, "sort"));
    }

    [Fact]
    public void Order_by_a_later_aggregate_moves_it_first_for_its_column()
    {
        var query = Sql("SELECT SUM(revenue), AVG(revenue), MAX(clicks) FROM m ORDER BY AVG(revenue) DESC");
        Assert.Equal(Canonical("""[{"column":"revenue","function":"AVG"},{"column":"revenue","function":"SUM"},{"column":"clicks","function":"MAX"}]"""), Config(query, "aggregation"));
        Assert.Equal(Canonical("""[{"column":"revenue","direction":"desc"}]"""), Config(query, "sort"));
        Assert.Equal("revenue | SUM; revenue | AVG; clicks | MAX", string.Join("; ", query.Projection!.Select(p => p.Key)));
    }

    [Theory]
    [InlineData("SELECT region, COUNT(*) AS n, SUM(revenue) FROM m GROUP BY region ORDER BY n", "ORDER BY COUNT(*)", "Row Count")]
    [InlineData("SELECT SUM(revenue), AVG(revenue) FROM m ORDER BY 1, 2", "one aggregate per column")]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY region ORDER BY revenue", "is aggregated", "SUM(revenue)")]
    [InlineData("SELECT region, SUM(revenue) FROM m GROUP BY region ORDER BY MAX(revenue)", "add MAX(revenue)")]
    public void Order_by_mistakes_with_aggregates_are_refused(string sql, params string[] words)
    {
        Mentions(Refused(sql), words);
    }
}
