using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class SelectTranslationTests
{
    [Fact]
    public void Select_star_sends_no_columns_and_no_projection()
    {
        var query = Sql("SELECT * FROM m");
        Assert.Empty(Columns(query));
        Assert.Null(query.Projection);
        Assert.Equal("api/external/http-data/data-marts/m.ndjson", QueryStringEncoder.Encode(query));
    }

    [Fact]
    public void Explicit_columns_in_order_with_every_quoting_style()
    {
        var query = Sql("select date, \"Campaign Name\", [metrics.revenue], `a|b`, metrics.clicks, \"x\"\"y\" from m");
        Assert.Equal(["date", "Campaign Name", "metrics.revenue", "a|b", "metrics.clicks", "x\"y"], Columns(query));
        Assert.Equal("date => date; Campaign Name => Campaign Name; metrics.revenue => metrics.revenue; a|b => a|b; metrics.clicks => metrics.clicks; x\"y => x\"y", Projection(query));
        Assert.Null(Config(query, "aggregation"));
    }

    [Fact]
    public void Aliases_rename_outputs_but_keep_keys()
    {
        var query = Sql("SELECT date AS day, region r, \"Campaign Name\" AS \"Campaign\" FROM m");
        Assert.Equal(["date", "region", "Campaign Name"], Columns(query));
        Assert.Equal("date => day; region => r; Campaign Name => Campaign", Projection(query));
        Assert.Equal("date", query.Projection![0].SourceColumn);
    }

    [Fact]
    public void Duplicate_columns_are_sent_once_but_projected_twice()
    {
        var query = Sql("SELECT region, region AS again FROM m");
        Assert.Equal(["region"], Columns(query));
        Assert.Equal("region => region; region => again", Projection(query));
    }

    [Fact]
    public void Keywords_are_case_insensitive_comments_and_semicolon_are_ignored()
    {
        var query = Sql("""
            -- leading comment
            SeLeCt /* inline */ region
            FrOm m -- trailing
            wHeRe clicks >= 3;
            """);
        Assert.Equal(["region"], Columns(query));
        AssertFilter("""[{"column":"clicks","operator":"gte","value":3}]""", query);
    }

    [Fact]
    public void Limit_and_top_set_the_limit()
    {
        Assert.Equal("5", Limit(Sql("SELECT * FROM m LIMIT 5")));
        Assert.Equal("7", Limit(Sql("SELECT TOP 7 region FROM m")));
        Assert.Equal("8", Limit(Sql("SELECT TOP (8) region FROM m")));
        Assert.Equal("9", Limit(Sql("SELECT region FROM m FETCH FIRST 9 ROWS ONLY")));
        Assert.Equal("3", Limit(Sql("SELECT * FROM m LIMIT @n", P("@n", 3L))));
        Assert.Equal("4", Limit(Sql("SELECT TOP ? * FROM m", P("p", (short)4))));
        Assert.Null(Limit(Sql("SELECT * FROM m LIMIT ALL")));
    }

    [Theory]
    [InlineData("SELECT * FROM m LIMIT -1", "must not be negative")]
    [InlineData("SELECT * FROM m LIMIT 5 OFFSET -1", "must not be negative")]
    [InlineData("SELECT * FROM m LIMIT 1.5", "whole number")]
    [InlineData("SELECT * FROM m LIMIT 99999999999", "too large")]
    [InlineData("SELECT TOP 5 * FROM m LIMIT 5", "TOP and LIMIT")]
    [InlineData("SELECT * FROM m OFFSET 10 ROWS", "OFFSET without LIMIT")]
    [InlineData("SELECT * FROM m LIMIT 2147483647 OFFSET 1", "more than the largest supported LIMIT")]
    [InlineData("SELECT * FROM m LIMIT 5, 5 OFFSET 1", "only one of them")]
    [InlineData("SELECT TOP 5 PERCENT * FROM m", "PERCENT")]
    public void Bad_limits_are_refused(string sql, string words)
    {
        Mentions(Refused(sql), words);
    }

    [Fact]
    public void Limit_parameter_must_be_a_positive_integer()
    {
        Mentions(Refused("SELECT * FROM m LIMIT @n", P("n", "ten")), "whole number", "@n");
        Mentions(Refused("SELECT * FROM m LIMIT @n", P("n", -3)), "must not be negative");
        Assert.True(Sql("SELECT * FROM m LIMIT @n", P("n", 0)).ReturnsNoRows);
    }

    [Fact]
    public void Order_by_columns_aliases_and_ordinals()
    {
        var query = Sql("SELECT date AS d, region, clicks FROM m ORDER BY d DESC, 2, clicks ASC");
        Assert.Equal(Canonical("""[{"column":"date","direction":"desc"},{"column":"region","direction":"asc"},{"column":"clicks","direction":"asc"}]"""), Config(query, "sort"));
    }

    [Fact]
    public void Order_by_with_select_star_takes_any_column()
    {
        var query = Sql("SELECT * FROM m ORDER BY \"Campaign Name\" DESC LIMIT 10");
        Assert.Equal(Canonical("""[{"column":"Campaign Name","direction":"desc"}]"""), Config(query, "sort"));
        Assert.Equal("10", Limit(query));
    }

    [Fact]
    public void Order_by_a_column_twice_sends_it_once()
    {
        var query = Sql("SELECT region FROM m ORDER BY region DESC, 1");
        Assert.Equal(Canonical("""[{"column":"region","direction":"desc"}]"""), Config(query, "sort"));
    }

    [Theory]
    [InlineData("SELECT region, SUM(clicks) FROM m GROUP BY region ORDER BY date", "groups rows", "add date")]
    [InlineData("SELECT DISTINCT region FROM m ORDER BY date", "groups rows")]
    [InlineData("SELECT region FROM m ORDER BY 2", "only 1 item")]
    [InlineData("SELECT region FROM m ORDER BY 0", "position")]
    [InlineData("SELECT * FROM m ORDER BY 1", "column names only")]
    [InlineData("SELECT region FROM m ORDER BY region NULLS LAST", "NULLS FIRST/LAST")]
    [InlineData("SELECT region FROM m ORDER BY LOWER(region)", "Functions in ORDER BY")]
    [InlineData("SELECT region FROM m ORDER BY @col", "Parameters in ORDER BY")]
    [InlineData("SELECT region FROM m ORDER BY clicks + 1", "Expressions")]
    public void Bad_order_by_is_refused(string sql, params string[] words)
    {
        Mentions(Refused(sql), words);
    }
}
