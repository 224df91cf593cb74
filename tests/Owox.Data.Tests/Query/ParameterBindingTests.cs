using System;
using System.Collections.Generic;
using System.Data;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class ParameterBindingTests
{
    private enum Tier
    {
        Gold,
    }

    private static string Value(string where, IColumnCatalog? catalog, OwoxParameter parameter)
    {
        var filter = Filter(Sql("SELECT * FROM m WHERE " + where, catalog, parameter));
        var start = filter.IndexOf("\"value\":", StringComparison.Ordinal) + 8;
        return filter.Substring(start, filter.LastIndexOf('}') - start);
    }

    [Theory]
    [InlineData((sbyte)-1, "-1")]
    [InlineData((byte)2, "2")]
    [InlineData((short)-3, "-3")]
    [InlineData((ushort)4, "4")]
    [InlineData(5, "5")]
    [InlineData(6u, "6")]
    [InlineData(9007199254740993L, "9007199254740993")]
    [InlineData(18446744073709551615ul, "18446744073709551615")]
    [InlineData(0.1f, "0.1")]
    [InlineData(2.5d, "2.5")]
    [InlineData("text", "\"text\"")]
    [InlineData('c', "\"c\"")]
    public void Scalars_keep_their_json_type_without_a_catalog(object value, string json)
    {
        Assert.Equal(json, Value("x = @v", null, P("v", value)));
    }

    [Fact]
    public void Decimal_is_sent_exactly()
    {
        Assert.Equal("12345678901234567890.123456789", Value("x = @v", null, P("v", 12345678901234567890.123456789m)));
        Assert.Equal("1.50", Value("x = @v", null, P("v", 1.50m)));
    }

    [Fact]
    public void Guid_and_enum_are_strings()
    {
        var id = Guid.Parse("0b0e2f6c-7d1a-4c3e-9f00-1234567890ab");
        Assert.Equal("\"0b0e2f6c-7d1a-4c3e-9f00-1234567890ab\"", Value("x = @v", null, P("v", id)));
        Assert.Equal("\"Gold\"", Value("x = @v", null, P("v", Tier.Gold)));
    }

    [Fact]
    public void Bool_parameter_becomes_is_true_or_is_false()
    {
        AssertFilter("""[{"column":"is_paid","operator":"is_true"}]""", Sql("SELECT * FROM m WHERE is_paid = @f", P("f", true)));
        AssertFilter("""[{"column":"is_paid","operator":"is_false"}]""", Sql("SELECT * FROM m WHERE is_paid = @f", TestCatalog.Default, P("f", false)));
        AssertFilter("""[{"column":"is_paid","operator":"is_false"}]""", Sql("SELECT * FROM m WHERE is_paid <> @f", P("f", true)));
    }

    [Fact]
    public void Dates_without_a_catalog_follow_the_value()
    {
        Assert.Equal("\"2026-05-01\"", Value("d >= @v", null, P("v", new DateTime(2026, 5, 1))));
        Assert.Equal("\"2026-05-01\"", Value("d >= @v", null, P("v", new DateTime(2026, 5, 1, 13, 0, 0), DbType.Date)));
        Assert.Equal("\"2026-05-01 13:14:15\"", Value("d >= @v", null, P("v", new DateTime(2026, 5, 1, 13, 14, 15))));
        Assert.Equal("\"2026-05-01 13:14:15.123456\"", Value("d >= @v", null, P("v", new DateTime(2026, 5, 1, 13, 14, 15).AddTicks(1234567))));
        Assert.Equal("\"2026-05-01 11:00:00\"", Value("d >= @v", null, P("v", new DateTimeOffset(2026, 5, 1, 13, 0, 0, TimeSpan.FromHours(2)))));
        Assert.Equal("\"2026-05-01 00:00:00\"", Value("d >= @v", null, P("v", new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.Equal("\"2026-05-01\"", Value("d >= @v", null, P("v", new DateOnly(2026, 5, 1))));
        Assert.Equal("\"13:14:15\"", Value("d >= @v", null, P("v", new TimeOnly(13, 14, 15))));
        Assert.Equal("\"01:02:03.500000\"", Value("d >= @v", null, P("v", new TimeSpan(0, 1, 2, 3, 500))));
    }

    [Fact]
    public void Local_date_time_is_converted_to_utc()
    {
        var local = new DateTime(2026, 5, 1, 13, 14, 15, DateTimeKind.Local);
        var expected = "\"" + local.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "\"";
        Assert.Equal(expected, Value("ts >= @v", TestCatalog.Default, P("v", local)));
        Assert.Equal(expected, Value("x >= @v", null, P("v", local)));
    }

    [Fact]
    public void Local_midnight_is_a_date_by_its_wall_clock()
    {
        var today = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Local);
        Assert.Equal("\"2026-05-01\"", Value("date >= @v", TestCatalog.Default, P("v", today)));
        Assert.Equal("\"2026-05-01\"", Value("x >= @v", null, P("v", today)));
    }

    [Fact]
    public void Dates_with_a_catalog_follow_the_column()
    {
        var catalog = TestCatalog.Default;
        Assert.Equal("\"2026-05-01\"", Value("date >= @v", catalog, P("v", new DateTime(2026, 5, 1))));
        Assert.Equal("\"2026-05-01\"", Value("date >= @v", catalog, P("v", new DateOnly(2026, 5, 1))));
        Assert.Equal("\"2026-05-01 00:00:00\"", Value("ts >= @v", catalog, P("v", new DateTime(2026, 5, 1))));
        Assert.Equal("\"2026-05-01 00:00:00\"", Value("ts >= @v", catalog, P("v", new DateOnly(2026, 5, 1))));
        Assert.Equal("\"2026-04-30 22:00:00\"", Value("ts >= @v", catalog, P("v", new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.FromHours(2)))));
        Assert.Equal("\"08:30:00\"", Value("t >= @v", catalog, P("v", TimeSpan.FromHours(8.5))));
        Assert.Equal("\"7\"", Value("region = @v", catalog, P("v", 7)));
        Assert.Equal("12", Value("clicks = @v", catalog, P("v", "12")));
        Assert.Equal("1.25", Value("revenue = @v", catalog, P("v", "1.25")));
    }

    [Theory]
    [InlineData("date = @v", "time of day", "DATE column")]
    [InlineData("clicks = @v", "date/time", "number column")]
    [InlineData("t = @v", "date/time", "TIME column")]
    public void Dates_that_do_not_fit_the_column_are_refused(string where, params string[] words)
    {
        Mentions(Refused("SELECT * FROM m WHERE " + where, TestCatalog.Default, P("v", new DateTime(2026, 5, 1, 13, 0, 0))), words);
    }

    [Fact]
    public void Values_that_cannot_be_sent_are_refused_naming_the_parameter()
    {
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", new byte[] { 1 })), "@v", "byte[]");
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", new List<int> { 1 })), "@v", "list", "IN");
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", new object())), "@v", "System.Object");
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", double.NaN)), "@v", "finite");
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", TimeSpan.FromDays(2))), "time of day");
    }

    [Fact]
    public void Null_in_a_comparison_is_refused_with_is_null_advice()
    {
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", null)), "@v", "IS NULL");
        Mentions(Refused("SELECT * FROM m WHERE x = @v", P("v", DBNull.Value)), "IS NULL");
        Mentions(Refused("SELECT * FROM m WHERE x > ?", P("p", null)), "?#1", "IS NULL");
        Mentions(Refused("SELECT * FROM m WHERE x = NULL"), "IS NULL");
        Mentions(Refused("SELECT * FROM m WHERE x <> NULL"), "IS NOT NULL");
    }

    [Fact]
    public void Missing_parameters_are_named()
    {
        Mentions(Refused("SELECT * FROM m WHERE x = @missing", P("other", 1)), "@missing", "Parameters");
        Mentions(Refused("SELECT * FROM m WHERE x = ? AND y = ?", P("a", 1)), "#2", "only 1");
    }

    [Fact]
    public void Placeholder_styles_and_name_matching()
    {
        AssertFilter("""[{"column":"x","operator":"eq","value":1},{"column":"y","operator":"eq","value":2}]""",
            Sql("SELECT * FROM m WHERE x = :a AND y = @B", P("@A", 1), P(":b", 2)));
        AssertFilter("""[{"column":"x","operator":"eq","value":"first"},{"column":"y","operator":"eq","value":"second"}]""",
            Sql("SELECT * FROM m WHERE x = ? AND y = ?", P("zzz", "first"), P("aaa", "second")));
        Mentions(Refused("SELECT * FROM m WHERE x = ? AND y = @b", P("a", 1), P("b", 2)), "cannot be mixed");
    }

    [Fact]
    public void Parameters_work_in_every_value_position()
    {
        var query = Sql(
            "SELECT TOP @top region FROM m WHERE clicks BETWEEN @lo AND @hi AND region IN (@a, @b) AND region LIKE @p AND date IN LAST_N_DAYS(@n)",
            P("top", 10), P("lo", 1), P("hi", 9), P("a", "EU"), P("b", "US"), P("p", "E%"), P("n", 7));
        AssertFilter("""
            [{"column":"clicks","operator":"between","value":{"from":1,"to":9}},
             {"column":"region","operator":"in","value":["EU","US"]},
             {"column":"region","operator":"starts_with","value":"E"},
             {"column":"date","operator":"relative_date","value":{"kind":"last_n_days","n":7}}]
            """, query);
        Assert.Equal("10", Limit(query));
    }

    [Fact]
    public void Parameter_text_never_becomes_syntax()
    {
        var query = Sql("SELECT * FROM m WHERE region = @v", P("v", "x' OR '1'='1\" --"));
        AssertFilter("""[{"column":"region","operator":"eq","value":"x' OR '1'='1\" --"}]""", query);
    }

    [Fact]
    public void Dapper_expanded_lists_bind_in_order()
    {
        var query = Sql("SELECT * FROM m WHERE region IN (@ids1,@ids2,@ids3)", P("ids1", "a"), P("ids2", "b"), P("ids3", "c"));
        AssertFilter("""[{"column":"region","operator":"in","value":["a","b","c"]}]""", query);

        var doubled = Sql("SELECT * FROM m WHERE clicks NOT IN ((@ids1,@ids2))", P("ids1", 1), P("ids2", 2));
        AssertFilter("""[{"column":"clicks","operator":"not_in","value":[1,2]}]""", doubled);
    }

    [Theory]
    [InlineData("SELECT * FROM m WHERE region IN (SELECT @ids WHERE 1 = 0)")]
    [InlineData("SELECT * FROM m WHERE region IN (select null where 1=0)")]
    public void Dapper_empty_list_expansion_for_in_returns_no_rows(string sql)
    {
        var query = Sql(sql, P("ids", null));
        Assert.True(query.ReturnsNoRows);
        Assert.Empty(query.Filters);
    }

    [Fact]
    public void Dapper_empty_list_expansion_for_not_in_drops_the_condition()
    {
        var query = Sql("SELECT * FROM m WHERE region NOT IN (SELECT @ids WHERE 1 = 0) AND clicks > 1", P("ids", null));
        AssertFilter("""[{"column":"clicks","operator":"gt","value":1}]""", query);
    }

    [Fact]
    public void A_list_parameter_expands_in_an_unexpanded_in()
    {
        AssertFilter("""[{"column":"region","operator":"in","value":["a","b"]}]""", Sql("SELECT * FROM m WHERE region IN @ids", P("ids", new[] { "a", "b" })));
        AssertFilter("""[{"column":"clicks","operator":"in","value":[1,2,3]}]""", Sql("SELECT * FROM m WHERE clicks IN (@ids)", P("ids", new List<long> { 1, 2, 3 })));
        AssertFilter("""[{"column":"clicks","operator":"in","value":[4]}]""", Sql("SELECT * FROM m WHERE clicks IN @id", P("id", 4)));
        Assert.True(Sql("SELECT * FROM m WHERE clicks IN @ids", P("ids", Array.Empty<int>())).ReturnsNoRows);
        Assert.Empty(Sql("SELECT * FROM m WHERE clicks NOT IN @ids", P("ids", Array.Empty<int>())).Filters);
        Mentions(Refused("SELECT * FROM m WHERE clicks IN @ids", P("ids", new object?[] { 1, null })), "NULL");
        Mentions(Refused("SELECT * FROM m WHERE clicks IN @ids", P("ids", new[] { new[] { 1 } })), "nested");
    }

    [Fact]
    public void In_list_dates_follow_the_column()
    {
        var query = Sql("SELECT * FROM m WHERE date IN @days AND ts NOT IN @days", TestCatalog.Default,
            P("days", new[] { new DateTime(2026, 1, 1), new DateTime(2026, 1, 2) }));
        AssertFilter("""
            [{"column":"date","operator":"in","value":["2026-01-01","2026-01-02"]},
             {"column":"ts","operator":"not_in","value":["2026-01-01 00:00:00","2026-01-02 00:00:00"]}]
            """, query);
    }

    [Fact]
    public void Unreferenced_parameters_are_ignored()
    {
        Assert.Empty(Sql("SELECT * FROM m", P("unused", new byte[] { 1 })).Filters);
    }
}
