using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class CatalogCheckTests
{
    [Theory]
    [InlineData("clicks LIKE '1%'", "'starts_with'", "INTEGER")]
    [InlineData("region < 'b'", "'lt'", "STRING")]
    [InlineData("region BETWEEN 'a' AND 'b'", "'between'", "string columns")]
    [InlineData("region IN LAST_N_DAYS(3)", "DATE/TIMESTAMP")]
    [InlineData("t IN TODAY", "DATE/TIMESTAMP")]
    [InlineData("payload = 'x'", "'eq'", "IS NULL and IS NOT NULL")]
    [InlineData("date LIKE '2026%'", "'starts_with'", "relative-date presets")]
    [InlineData("revenue IS EMPTY", "'is_empty'")]
    [InlineData("clicks ~ '1'", "'regex'")]
    public void Operators_the_server_would_refuse_for_the_type_are_refused_early(string where, params string[] words)
    {
        Mentions(Refused("SELECT * FROM m WHERE " + where, TestCatalog.Default), words);
    }

    [Theory]
    [InlineData("payload IS NULL")]
    [InlineData("t >= '08:00:00'")]
    [InlineData("ts IN THIS_WEEK")]
    [InlineData("region IS NOT EMPTY")]
    [InlineData("unknown_column LIKE '%x%'")]
    public void Legal_operators_and_unknown_columns_pass(string where)
    {
        Assert.Single(Sql("SELECT * FROM m WHERE " + where, TestCatalog.Default).Filters);
    }

    [Fact]
    public void Having_on_aggregates_is_left_to_the_server()
    {
        var query = Sql("SELECT region, STRING_AGG(clicks) FROM m GROUP BY region HAVING STRING_AGG(clicks) LIKE '%1%'", TestCatalog.Default);
        AssertFilter("""[{"column":"clicks","operator":"contains","value":"1","function":"STRING_AGG"}]""", query);
    }

    [Theory]
    [InlineData("SELECT DATE_TRUNC('MONTH', date, 'Europe/Berlin') FROM m", "DATE column", "remove the time zone")]
    [InlineData("SELECT DATE_TRUNC('MONTH', region) FROM m", "DATE, DATETIME or TIMESTAMP", "STRING")]
    public void Date_trunc_types_are_checked_with_a_catalog(string sql, params string[] words)
    {
        Mentions(Refused(sql, TestCatalog.Default), words);
    }

    [Fact]
    public void Date_trunc_on_date_and_timestamp_columns_passes()
    {
        var query = Sql("SELECT DATE_TRUNC('MONTH', date), DATE_TRUNC('DAY', ts, 'UTC'), COUNT(clicks) FROM m GROUP BY 1, 2", TestCatalog.Default);
        Assert.Equal(2, query.DateTruncs.Count);
    }

    [Fact]
    public void Having_with_the_value_first_is_flipped()
    {
        AssertFilter("""[{"column":"revenue","operator":"lt","value":1000,"function":"SUM"}]""",
            Sql("SELECT SUM(revenue) FROM m HAVING 1000 > SUM(revenue)"));
    }

    [Fact]
    public void Placeholder_characters_inside_strings_and_identifiers_are_text()
    {
        AssertFilter("""[{"column":"a:b @c","operator":"eq","value":":x @y ? -- /*"}]""",
            Sql("SELECT * FROM m WHERE \"a:b @c\" = ':x @y ? -- /*'"));
    }
}
