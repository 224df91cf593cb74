using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class FilterTranslationTests
{
    [Theory]
    [InlineData("clicks = 5", """{"column":"clicks","operator":"eq","value":5}""")]
    [InlineData("clicks == 5", """{"column":"clicks","operator":"eq","value":5}""")]
    [InlineData("clicks <> 5", """{"column":"clicks","operator":"neq","value":5}""")]
    [InlineData("clicks != 5", """{"column":"clicks","operator":"neq","value":5}""")]
    [InlineData("clicks < 5", """{"column":"clicks","operator":"lt","value":5}""")]
    [InlineData("clicks <= 5", """{"column":"clicks","operator":"lte","value":5}""")]
    [InlineData("clicks > 5", """{"column":"clicks","operator":"gt","value":5}""")]
    [InlineData("clicks >= 5", """{"column":"clicks","operator":"gte","value":5}""")]
    [InlineData("clicks > -5", """{"column":"clicks","operator":"gt","value":-5}""")]
    [InlineData("revenue > 1.50", """{"column":"revenue","operator":"gt","value":1.50}""")]
    [InlineData("revenue > 1e3", """{"column":"revenue","operator":"gt","value":1000}""")]
    [InlineData("region = 'it''s'", """{"column":"region","operator":"eq","value":"it's"}""")]
    [InlineData("region = N'ü'", """{"column":"region","operator":"eq","value":"ü"}""")]
    [InlineData("region = ''", """{"column":"region","operator":"eq","value":""}""")]
    [InlineData("date >= DATE '2026-01-01'", """{"column":"date","operator":"gte","value":"2026-01-01"}""")]
    [InlineData("ts < TIMESTAMP '2026-01-01 10:00:00'", """{"column":"ts","operator":"lt","value":"2026-01-01 10:00:00"}""")]
    [InlineData("5 < clicks", """{"column":"clicks","operator":"gt","value":5}""")]
    [InlineData("5 <= clicks", """{"column":"clicks","operator":"gte","value":5}""")]
    [InlineData("5 > clicks", """{"column":"clicks","operator":"lt","value":5}""")]
    [InlineData("5 >= clicks", """{"column":"clicks","operator":"lte","value":5}""")]
    [InlineData("'EU' = region", """{"column":"region","operator":"eq","value":"EU"}""")]
    [InlineData("clicks BETWEEN 1 AND 10", """{"column":"clicks","operator":"between","value":{"from":1,"to":10}}""")]
    [InlineData("date BETWEEN '2026-01-01' AND '2026-01-31'", """{"column":"date","operator":"between","value":{"from":"2026-01-01","to":"2026-01-31"}}""")]
    [InlineData("region IN ('EU', 'US')", """{"column":"region","operator":"in","value":["EU","US"]}""")]
    [InlineData("clicks IN (1, 2, 3)", """{"column":"clicks","operator":"in","value":[1,2,3]}""")]
    [InlineData("region NOT IN ('EU')", """{"column":"region","operator":"not_in","value":["EU"]}""")]
    [InlineData("region LIKE 'Sum%'", """{"column":"region","operator":"starts_with","value":"Sum"}""")]
    [InlineData("region LIKE '%mer'", """{"column":"region","operator":"ends_with","value":"mer"}""")]
    [InlineData("region LIKE '%umm%'", """{"column":"region","operator":"contains","value":"umm"}""")]
    [InlineData("region LIKE '%%umm%%'", """{"column":"region","operator":"contains","value":"umm"}""")]
    [InlineData("region LIKE 'Summer'", """{"column":"region","operator":"eq","value":"Summer"}""")]
    [InlineData("region NOT LIKE 'Summer'", """{"column":"region","operator":"neq","value":"Summer"}""")]
    [InlineData("region LIKE '%'", """{"column":"region","operator":"is_not_null"}""")]
    [InlineData("region NOT LIKE '%umm%'", """{"column":"region","operator":"not_contains","value":"umm"}""")]
    [InlineData("region LIKE 'utm\\_%' ESCAPE '\\'", """{"column":"region","operator":"starts_with","value":"utm_"}""")]
    [InlineData("region LIKE '100!%%' ESCAPE '!'", """{"column":"region","operator":"starts_with","value":"100%"}""")]
    [InlineData("region IS NULL", """{"column":"region","operator":"is_null"}""")]
    [InlineData("region IS NOT NULL", """{"column":"region","operator":"is_not_null"}""")]
    [InlineData("region IS EMPTY", """{"column":"region","operator":"is_empty"}""")]
    [InlineData("region IS NOT EMPTY", """{"column":"region","operator":"is_not_empty"}""")]
    [InlineData("is_paid", """{"column":"is_paid","operator":"is_true"}""")]
    [InlineData("NOT is_paid", """{"column":"is_paid","operator":"is_false"}""")]
    [InlineData("is_paid = TRUE", """{"column":"is_paid","operator":"is_true"}""")]
    [InlineData("is_paid = FALSE", """{"column":"is_paid","operator":"is_false"}""")]
    [InlineData("is_paid <> TRUE", """{"column":"is_paid","operator":"is_false"}""")]
    [InlineData("is_paid != FALSE", """{"column":"is_paid","operator":"is_true"}""")]
    [InlineData("TRUE = is_paid", """{"column":"is_paid","operator":"is_true"}""")]
    [InlineData("is_paid IS TRUE", """{"column":"is_paid","operator":"is_true"}""")]
    [InlineData("is_paid IS FALSE", """{"column":"is_paid","operator":"is_false"}""")]
    [InlineData("REGEXP_LIKE(region, '^E[UW]$')", """{"column":"region","operator":"regex","value":"^E[UW]$"}""")]
    [InlineData("NOT REGEXP_LIKE(region, 'x')", """{"column":"region","operator":"not_regex","value":"x"}""")]
    [InlineData("region ~ 'a+'", """{"column":"region","operator":"regex","value":"a+"}""")]
    [InlineData("region !~ 'a+'", """{"column":"region","operator":"not_regex","value":"a+"}""")]
    [InlineData("region REGEXP 'a'", """{"column":"region","operator":"regex","value":"a"}""")]
    [InlineData("region NOT RLIKE 'a'", """{"column":"region","operator":"not_regex","value":"a"}""")]
    [InlineData("(clicks > 1)", """{"column":"clicks","operator":"gt","value":1}""")]
    [InlineData("1 = 1 AND clicks > 1", """{"column":"clicks","operator":"gt","value":1}""")]
    public void Each_operator_maps_to_its_api_rule(string where, string rule)
    {
        AssertFilter("[" + rule + "]", Sql("SELECT * FROM m WHERE " + where));
    }

    [Theory]
    [InlineData("TODAY", """{"kind":"today"}""")]
    [InlineData("today()", """{"kind":"today"}""")]
    [InlineData("YESTERDAY", """{"kind":"yesterday"}""")]
    [InlineData("THIS_WEEK", """{"kind":"this_week"}""")]
    [InlineData("LAST_WEEK", """{"kind":"last_week"}""")]
    [InlineData("THIS_MONTH", """{"kind":"this_month"}""")]
    [InlineData("LAST_MONTH", """{"kind":"last_month"}""")]
    [InlineData("THIS_QUARTER", """{"kind":"this_quarter"}""")]
    [InlineData("LAST_QUARTER", """{"kind":"last_quarter"}""")]
    [InlineData("THIS_YEAR", """{"kind":"this_year"}""")]
    [InlineData("LAST_N_DAYS(7)", """{"kind":"last_n_days","n":7}""")]
    [InlineData("last_n_months(1)", """{"kind":"last_n_months","n":1}""")]
    [InlineData("NEXT_N_DAYS(3650)", """{"kind":"next_n_days","n":3650}""")]
    public void Relative_date_presets(string preset, string value)
    {
        AssertFilter("""[{"column":"date","operator":"relative_date","value":""" + value + "}]", Sql("SELECT * FROM m WHERE date IN " + preset, TestCatalog.Default));
    }

    [Fact]
    public void Relative_date_count_may_be_a_parameter()
    {
        AssertFilter("""[{"column":"ts","operator":"relative_date","value":{"kind":"last_n_days","n":30}}]""",
            Sql("SELECT * FROM m WHERE ts IN LAST_N_DAYS(@days)", P("days", 30)));
    }

    [Theory]
    [InlineData("date IN LAST_N_DAYS(0)", "1 to 3650")]
    [InlineData("date IN LAST_N_DAYS(3651)", "1 to 3650")]
    [InlineData("date IN LAST_N_DAYS(1.5)", "whole number")]
    [InlineData("date IN LAST_N_DAYS", "Expected (")]
    [InlineData("date NOT IN THIS_MONTH", "cannot negate")]
    [InlineData("region IN THIS_MONTH", "DATE/TIMESTAMP")]
    [InlineData("date IN NEXT_WEEK", "relative-date preset")]
    public void Bad_relative_dates_are_refused(string where, string words)
    {
        Mentions(Refused("SELECT * FROM m WHERE " + where, TestCatalog.Default), words);
    }

    [Fact]
    public void Conjunctions_keep_text_order_and_nested_parentheses()
    {
        var query = Sql("SELECT region FROM m WHERE (clicks > 1 AND (region = 'EU')) AND revenue <= 10");
        AssertFilter("""
            [{"column":"clicks","operator":"gt","value":1},
             {"column":"region","operator":"eq","value":"EU"},
             {"column":"revenue","operator":"lte","value":10}]
            """, query);
    }

    [Fact]
    public void Filters_may_use_columns_that_are_not_selected()
    {
        var query = Sql("SELECT region FROM m WHERE clicks > 1");
        Assert.Equal(["region"], Columns(query));
        AssertFilter("""[{"column":"clicks","operator":"gt","value":1}]""", query);
    }

    [Fact]
    public void Catalog_types_literals_for_the_column()
    {
        var query = Sql("SELECT * FROM m WHERE region = 42 AND clicks = '7' AND revenue IN ('1.5', 2)", TestCatalog.Default);
        AssertFilter("""
            [{"column":"region","operator":"eq","value":"42"},
             {"column":"clicks","operator":"eq","value":7},
             {"column":"revenue","operator":"in","value":[1.5,2]}]
            """, query);
        Mentions(Refused("SELECT * FROM m WHERE clicks = 'many'", TestCatalog.Default), "number column", "'many'");
    }

    [Fact]
    public void Boolean_column_accepts_one_zero_and_true_false_text()
    {
        var query = Sql("SELECT * FROM m WHERE is_paid = 1 AND is_paid <> 'true'", TestCatalog.Default);
        AssertFilter("""[{"column":"is_paid","operator":"is_true"},{"column":"is_paid","operator":"is_false"}]""", query);
        Mentions(Refused("SELECT * FROM m WHERE is_paid = 'yes'", TestCatalog.Default), "BOOLEAN", "TRUE or FALSE");
        Mentions(Refused("SELECT * FROM m WHERE is_paid > TRUE", TestCatalog.Default), "cannot be ordered");
    }

    [Fact]
    public void Bare_non_boolean_column_is_refused_with_a_catalog()
    {
        Mentions(Refused("SELECT * FROM m WHERE region", TestCatalog.Default), "not a boolean", "comparison");
    }

    [Fact]
    public void Equals_bool_on_a_non_boolean_column_sends_eq()
    {
        AssertFilter("""[{"column":"region","operator":"eq","value":true}]""", Sql("SELECT * FROM m WHERE region = TRUE", TestCatalog.Default));
    }

    [Theory]
    [InlineData("region LIKE 'a%b'", "REGEXP_LIKE(region, '^a.*b$')")]
    [InlineData("region LIKE '%a%b%'", "REGEXP_LIKE(region, 'a.*b')")]
    [InlineData("region NOT LIKE 'a%'", "region !~ '^a'")]
    [InlineData("region NOT LIKE '%a.b'", "region !~ 'a\\.b$'")]
    [InlineData("region LIKE 'utm_%'", "single character")]
    [InlineData("region LIKE 'x!' ESCAPE '!'", "escape character")]
    [InlineData("region LIKE 'x' ESCAPE 'ab'", "one-character")]
    [InlineData("region ILIKE 'x%'", "ILIKE")]
    [InlineData("region LIKE 5", "must be a string")]
    public void Like_patterns_the_api_cannot_express_are_refused_with_a_regex_suggestion(string where, string words)
    {
        Mentions(Refused("SELECT * FROM m WHERE " + where), words);
    }

    [Fact]
    public void Like_pattern_may_be_a_parameter()
    {
        AssertFilter("""[{"column":"region","operator":"contains","value":"um"}]""", Sql("SELECT * FROM m WHERE region LIKE @p", P("p", "%um%")));
        Mentions(Refused("SELECT * FROM m WHERE region LIKE @p", P("p", "a_b%")), "single character");
    }

    [Fact]
    public void Between_bounds_must_have_one_type()
    {
        Mentions(Refused("SELECT * FROM m WHERE clicks BETWEEN 1 AND 'x'"), "both be numbers or both be strings");
        AssertFilter("""[{"column":"clicks","operator":"between","value":{"from":1,"to":9}}]""",
            Sql("SELECT * FROM m WHERE clicks BETWEEN 1 AND '9'", TestCatalog.Default));
    }

    [Fact]
    public void In_list_must_not_mix_types_without_a_catalog()
    {
        Mentions(Refused("SELECT * FROM m WHERE code IN (1, 'a')"), "mixes numbers and strings");
        Mentions(Refused("SELECT * FROM m WHERE code IN (TRUE)"), "Booleans");
        Mentions(Refused("SELECT * FROM m WHERE code IN (1, NULL)"), "NULL", "IS NULL");
        Mentions(Refused("SELECT * FROM m WHERE code IN ()"), "at least one value");
    }
}
