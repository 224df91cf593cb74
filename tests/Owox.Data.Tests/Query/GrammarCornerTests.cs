using System.Data;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class GrammarCornerTests
{
    [Fact]
    public void Fetch_next_row_only_and_distinct_top()
    {
        Assert.Equal("1", Limit(Sql("SELECT region FROM m FETCH NEXT 1 ROW ONLY")));
        var query = Sql("SELECT DISTINCT TOP 3 region FROM m", TestCatalog.Default);
        Assert.Equal("3", Limit(query));
        Assert.Equal("region => region", Projection(query));
    }

    [Fact]
    public void String_literal_aliases_and_unicode_names()
    {
        var query = Sql("SELECT \"Стоимость\" AS 'Cost', région FROM m WHERE région = 'Île-de-France'");
        Assert.Equal(["Стоимость", "région"], Columns(query));
        Assert.Equal("Стоимость => Cost; région => région", Projection(query));
        AssertFilter("""[{"column":"région","operator":"eq","value":"Île-de-France"}]""", query);
    }

    [Fact]
    public void Selects_all_columns_is_reported()
    {
        Assert.True(CommandTextParser.Parse("SELECT * FROM m WHERE a = 1", CommandType.Text).SelectsAllColumns);
        Assert.True(CommandTextParser.Parse("m", CommandType.Text).SelectsAllColumns);
        Assert.False(CommandTextParser.Parse("SELECT a FROM m", CommandType.Text).SelectsAllColumns);
    }

    [Fact]
    public void Bare_ids_ignore_parameters_and_catalog()
    {
        var parsed = CommandTextParser.Parse("m", CommandType.Text);
        var query = parsed.Bind("m", [P("x", new byte[] { 1 })], TestCatalog.Default, Translate.Now);
        Assert.Empty(query.Filters);
        Assert.Empty(query.Columns);
    }

    [Fact]
    public void Order_by_alias_wins_over_a_column_of_the_same_name()
    {
        var query = Sql("SELECT region, SUM(revenue) AS revenue FROM m GROUP BY region ORDER BY revenue DESC");
        Assert.Equal(Canonical("""[{"column":"revenue","direction":"desc"}]"""), Config(query, "sort"));
        Assert.Equal(QueryWireNames.AggregatedOutputKey("revenue", AggregateFunction.Sum), query.Projection![1].Key);
    }

    [Fact]
    public void Bind_checks_its_arguments()
    {
        var parsed = CommandTextParser.Parse("SELECT * FROM m", CommandType.Text);
        Assert.Throws<System.ArgumentException>(() => parsed.Bind("", [], null, Translate.Now));
        Assert.Throws<System.ArgumentNullException>(() => parsed.Bind("m", null!, null, Translate.Now));
    }

    [Fact]
    public void Where_conditions_after_comments_and_newlines()
    {
        var query = Sql("""
            SELECT region
            FROM m
            WHERE clicks > 1 -- at least two
              AND /* EU only */ region = 'EU'
            ;
            """);
        Assert.Equal(2, query.Filters.Count);
    }
}
