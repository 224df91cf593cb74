using System;
using System.Data;
using System.Linq;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

/// <summary>
/// The SQL that report designers, query builders, connection validators and Dapper write (docs/sql.md §7), and what
/// each form becomes on the wire. The clock is <see cref="Translate.Now"/>: CURRENT_DATE is 2026-03-15.
/// </summary>
public class ToolGeneratedSqlTests
{
    [Theory]
    [InlineData("SELECT * FROM m WHERE 1=0")]
    [InlineData("SELECT * FROM m WHERE 1 = 2")]
    [InlineData("SELECT region FROM m WHERE region = 'x' AND 0=1")]
    [InlineData("SELECT * FROM m WHERE FALSE")]
    [InlineData("SELECT * FROM m WHERE 'a' <> 'a'")]
    [InlineData("SELECT * FROM m WHERE 2 < 1")]
    [InlineData("SELECT * FROM m LIMIT 0")]
    [InlineData("SELECT TOP 0 * FROM m")]
    [InlineData("SELECT * FROM m WHERE region NOT LIKE '%'")]
    public void Always_false_conditions_and_limit_0_return_no_rows(string sql)
    {
        Assert.True(Sql(sql).ReturnsNoRows);
    }

    [Theory]
    [InlineData("SELECT * FROM m WHERE 1=1 AND region = 'x'")]
    [InlineData("SELECT * FROM m WHERE TRUE AND region = 'x'")]
    [InlineData("SELECT * FROM m WHERE 1 AND region = 'x'")]
    [InlineData("SELECT * FROM m WHERE region = 'x' AND 2 >= 2")]
    public void Always_true_conditions_are_dropped(string sql)
    {
        var query = Sql(sql);
        Assert.False(query.ReturnsNoRows);
        AssertFilter("""[{"column":"region","operator":"eq","value":"x"}]""", query);
    }

    [Theory]
    [InlineData("SELECT * FROM m WHERE country = 'DE' OR country = 'FR'")]
    [InlineData("SELECT * FROM m WHERE (country = 'DE' OR country = 'FR')")]
    [InlineData("SELECT * FROM m WHERE country = 'DE' OR (country = 'FR')")]
    [InlineData("SELECT * FROM m WHERE 'DE' = country OR country IN ('FR')")]
    [InlineData("SELECT * FROM m t WHERE t.country = 'DE' OR country = 'FR' OR 1 = 0")]
    [InlineData("SELECT * FROM m WHERE country = 'DE' OR (country = 'FR' AND 1 = 1)")]
    public void Or_of_equalities_on_one_column_becomes_in(string sql)
    {
        AssertFilter("""[{"column":"country","operator":"in","value":["DE","FR"]}]""", Sql(sql));
    }

    [Fact]
    public void Or_next_to_other_conditions_keeps_them()
    {
        var query = Sql("SELECT * FROM m WHERE (clicks = 1 OR clicks = @two) AND region IS NOT NULL", P("two", 2));
        AssertFilter("""[{"column":"clicks","operator":"in","value":[1,2]},{"column":"region","operator":"is_not_null"}]""", query);
        Assert.Empty(Sql("SELECT * FROM m WHERE region = 'x' OR 1 = 1").Filters);
        Assert.True(Sql("SELECT * FROM m WHERE 1 = 0 OR 2 = 3").ReturnsNoRows);
    }

    [Theory]
    [InlineData("SELECT * FROM m WHERE a = 1 OR b = 2")]
    [InlineData("SELECT * FROM m WHERE a = 1 OR a > 2")]
    [InlineData("SELECT * FROM m WHERE a = 1 OR a IS NULL")]
    [InlineData("SELECT * FROM m WHERE a = 1 OR a = 2 AND b = 3")]
    [InlineData("SELECT * FROM m WHERE a = 1 OR a NOT IN (2)")]
    [InlineData("SELECT a, SUM(b) FROM m GROUP BY a HAVING SUM(b) > 1 OR SUM(b) < 0")]
    public void Or_across_columns_or_operators_is_refused_with_its_code(string sql)
    {
        var error = Refused(sql);
        Assert.Equal(OwoxErrorCodes.SqlUnsupportedOr, error.Code);
        Mentions(error, "OR is not supported");
    }

    [Theory]
    [InlineData("SELECT t.region, t.clicks FROM m AS t WHERE t.clicks > 1 ORDER BY t.region")]
    [InlineData("SELECT t.region, clicks FROM m t WHERE clicks > 1 ORDER BY region")]
    [InlineData("SELECT \"m\".region, m.clicks FROM \"m\" WHERE \"m\".clicks > 1 ORDER BY m.region")]
    [InlineData("SELECT T.region, t.\"clicks\" FROM [m] AS [t] WHERE T.clicks > 1 ORDER BY 1")]
    public void A_table_alias_and_qualified_columns_are_resolved(string sql)
    {
        var query = Sql(sql);
        Assert.Equal(["region", "clicks"], Columns(query));
        AssertFilter("""[{"column":"clicks","operator":"gt","value":1}]""", query);
        Assert.Equal(Canonical("""[{"column":"region","direction":"asc"}]"""), Config(query, "sort"));
    }

    [Fact]
    public void Qualifiers_work_in_group_by_having_aggregates_and_stars()
    {
        var query = Sql("SELECT t.region, SUM(t.revenue) AS total FROM m t GROUP BY t.region HAVING SUM(t.revenue) > 5 ORDER BY total DESC");
        Assert.Equal(["region", "revenue"], Columns(query));
        Assert.Equal("region => region; revenue | SUM => total", Projection(query));
        Assert.Equal(Canonical("""[{"column":"revenue","operator":"gt","value":5,"function":"SUM"}]"""), Filter(query));
        var star = Sql("SELECT t.* FROM m AS t");
        Assert.Empty(star.Columns);
        Assert.Null(star.Projection);
        Assert.Equal(["metrics.revenue"], Columns(Sql("SELECT metrics.revenue FROM m t")));
    }

    [Fact]
    public void Order_by_an_unselected_column_requests_it_hidden()
    {
        var query = Sql("SELECT region FROM m ORDER BY date DESC, t.clicks", TestCatalog.Default);
        Assert.Equal(["region", "date", "t.clicks"], Columns(query));
        Assert.Equal("region => region", Projection(query));
        Assert.Equal(Canonical("""[{"column":"date","direction":"desc"},{"column":"t.clicks","direction":"asc"}]"""), Config(query, "sort"));
    }

    [Theory]
    [InlineData("SELECT region FROM m ORDER BY region LIMIT 5 OFFSET 10")]
    [InlineData("SELECT region FROM m ORDER BY region OFFSET 10 ROWS FETCH NEXT 5 ROWS ONLY")]
    [InlineData("SELECT region FROM m ORDER BY region OFFSET 10 ROW FETCH FIRST 5 ROW ONLY")]
    [InlineData("SELECT region FROM m ORDER BY region LIMIT 10, 5")]
    public void Offset_asks_for_limit_plus_offset_rows_and_skips_offset(string sql)
    {
        var query = Sql(sql);
        Assert.Equal("15", Limit(query));
        Assert.Equal(10, query.Skip);
        Assert.DoesNotContain(Parameters(query), p => p.Key == "offset");
    }

    [Fact]
    public void Offset_and_limit_may_be_parameters()
    {
        var query = Sql("SELECT * FROM m LIMIT @take OFFSET @skip", P("take", 20), P("skip", 40L));
        Assert.Equal(("60", 40), (Limit(query), query.Skip));
        Assert.Equal(("5", 0), (Limit(Sql("SELECT * FROM m LIMIT 5 OFFSET 0")), Sql("SELECT * FROM m LIMIT 5 OFFSET 0").Skip));
        Assert.True(Sql("SELECT * FROM m LIMIT 0 OFFSET 5").ReturnsNoRows);
    }

    [Theory]
    [InlineData("date = CURRENT_DATE", """{"column":"date","operator":"relative_date","value":{"kind":"today"}}""")]
    [InlineData("date = CURRENT_DATE()", """{"column":"date","operator":"relative_date","value":{"kind":"today"}}""")]
    [InlineData("date = CURRENT_DATE - INTERVAL '1' DAY", """{"column":"date","operator":"relative_date","value":{"kind":"yesterday"}}""")]
    [InlineData("date = DATEADD(day, -1, CURRENT_DATE)", """{"column":"date","operator":"relative_date","value":{"kind":"yesterday"}}""")]
    [InlineData("date BETWEEN CURRENT_DATE - INTERVAL '6' DAY AND CURRENT_DATE", """{"column":"date","operator":"relative_date","value":{"kind":"last_n_days","n":7}}""")]
    [InlineData("date BETWEEN CURRENT_DATE - INTERVAL '1' WEEK AND CURRENT_DATE", """{"column":"date","operator":"relative_date","value":{"kind":"last_n_days","n":8}}""")]
    [InlineData("date BETWEEN CURRENT_DATE - INTERVAL '1' MONTH AND CURRENT_DATE", """{"column":"date","operator":"between","value":{"from":"2026-02-15","to":"2026-03-15"}}""")]
    [InlineData("date BETWEEN CURRENT_DATE AND CURRENT_DATE + INTERVAL '29' DAY", """{"column":"date","operator":"relative_date","value":{"kind":"next_n_days","n":30}}""")]
    [InlineData("date >= CURRENT_DATE - INTERVAL '7' DAY", """{"column":"date","operator":"gte","value":"2026-03-08"}""")]
    [InlineData("date >= CURRENT_DATE - INTERVAL 7 DAY", """{"column":"date","operator":"gte","value":"2026-03-08"}""")]
    [InlineData("date >= CURRENT_DATE - INTERVAL '7 days'", """{"column":"date","operator":"gte","value":"2026-03-08"}""")]
    [InlineData("date >= CURRENT_DATE - 7", """{"column":"date","operator":"gte","value":"2026-03-08"}""")]
    [InlineData("date >= DATEADD(day, -7, CURRENT_DATE)", """{"column":"date","operator":"gte","value":"2026-03-08"}""")]
    [InlineData("date >= DATEADD('dd', -7, CAST_ME)", null)]
    [InlineData("date >= DATE_SUB(CURRENT_DATE(), INTERVAL 7 DAY)", """{"column":"date","operator":"gte","value":"2026-03-08"}""")]
    [InlineData("date < DATE_ADD(CURRENT_DATE, INTERVAL 1 MONTH)", """{"column":"date","operator":"lt","value":"2026-04-15"}""")]
    [InlineData("date >= CURRENT_DATE - INTERVAL '1' YEAR", """{"column":"date","operator":"gte","value":"2025-03-15"}""")]
    [InlineData("date >= CURRENT_DATE - INTERVAL '1' QUARTER", """{"column":"date","operator":"gte","value":"2025-12-15"}""")]
    [InlineData("CURRENT_DATE - INTERVAL '2' WEEK <= date", """{"column":"date","operator":"gte","value":"2026-03-01"}""")]
    [InlineData("ts >= CURRENT_TIMESTAMP - INTERVAL '2' HOUR", """{"column":"ts","operator":"gte","value":"2026-03-15 08:30:00"}""")]
    [InlineData("ts < NOW()", """{"column":"ts","operator":"lt","value":"2026-03-15 10:30:00"}""")]
    [InlineData("ts >= GETDATE() - 1", null)]
    [InlineData("ts >= DATEADD(minute, -90, GETUTCDATE())", """{"column":"ts","operator":"gte","value":"2026-03-15 09:00:00"}""")]
    [InlineData("ts >= CURRENT_DATE", """{"column":"ts","operator":"gte","value":"2026-03-15 00:00:00"}""")]
    public void Current_date_and_time_become_presets_or_literals_computed_in_utc(string where, string? expected)
    {
        var sql = "SELECT * FROM m WHERE " + where;
        if (expected is null)
        {
            Assert.True(IsSqlRefusal(Refused(sql, TestCatalog.Default)));
            return;
        }
        AssertFilter("[" + expected + "]", Sql(sql, TestCatalog.Default));
    }

    [Fact]
    public void Without_the_schema_the_current_date_is_sent_as_a_literal()
    {
        AssertFilter("""[{"column":"date","operator":"eq","value":"2026-03-15"}]""", Sql("SELECT * FROM m WHERE date = CURRENT_DATE"));
        AssertFilter("""[{"column":"d","operator":"in","value":["2026-03-15","2026-03-14"]}]""",
            Sql("SELECT * FROM m WHERE d = CURRENT_DATE OR d = CURRENT_DATE - INTERVAL '1' DAY"));
    }

    [Theory]
    [InlineData("SELECT * FROM m WHERE date >= CURRENT_DATE - INTERVAL '1 month 2 days'", "one whole number and one unit")]
    [InlineData("SELECT * FROM m WHERE date >= CURRENT_DATE - INTERVAL '1' FORTNIGHT", "FORTNIGHT")]
    [InlineData("SELECT * FROM m WHERE date >= DATEADD(eon, 1, CURRENT_DATE)", "DATEADD unit")]
    [InlineData("SELECT * FROM m WHERE date >= DATEADD(day, 1, date)", "only supported on the current date")]
    [InlineData("SELECT * FROM m WHERE date >= INTERVAL '1' DAY", "only be added to")]
    [InlineData("SELECT * FROM m WHERE date >= CURRENT_DATE - INTERVAL '9999' YEAR", "outside the calendar")]
    public void Date_arithmetic_the_provider_cannot_evaluate_is_refused(string sql, string words)
    {
        var error = Refused(sql, TestCatalog.Default);
        Mentions(error, words);
        Assert.True(IsSqlRefusal(error));
    }

    [Fact]
    public void Select_without_from_is_a_constant_row_named_as_written()
    {
        var parsed = CommandTextParser.Parse("SELECT 1, 1.50 AS d, 'x' AS s, NULL, TRUE AS t, @p AS p, -7, CURRENT_DATE AS today, NOW() AS now", CommandType.Text);
        Assert.True(parsed.IsConstantSelect);
        var row = parsed.BindConstants([P("p", 42)], Now);
        Assert.Equal(["1", "d", "s", "NULL", "t", "p", "-7", "today", "now"], row.Select(r => r.Key));
        Assert.Equal<object?>([1L, 1.50m, "x", null, true, 42L, -7L], row.Take(7).Select(r => r.Value));
        Assert.Equal(new DateValue(new DateTime(2026, 3, 15)), row[7].Value);
        Assert.Equal(new DateTimeValue(Now, IsInstant: true), row[8].Value);
        Assert.True(CommandTextParser.Parse("select 1;", CommandType.Text).IsConstantSelect);
    }

    [Theory]
    [InlineData("SELECT region", "needs FROM")]
    [InlineData("SELECT *", "needs FROM")]
    [InlineData("SELECT 1 FROM m", "Constants are not supported in the SELECT list of a query with FROM")]
    [InlineData("SELECT 1 WHERE 1 = 1", "expected ',' or FROM")]
    public void Select_without_from_takes_only_constants(string sql, string words)
    {
        Mentions(Assert.Throws<OwoxException>(() => CommandTextParser.Parse(sql, CommandType.Text)), words);
    }

    [Theory]
    [InlineData("SELECT * FROM m WHERE", OwoxErrorCodes.SqlSyntax)]
    [InlineData("DELETE FROM m WHERE a = 1", OwoxErrorCodes.SqlUnsupportedStatement)]
    [InlineData("SELECT * FROM m JOIN n ON m.a = n.a", OwoxErrorCodes.SqlUnsupportedSource)]
    [InlineData("SELECT * FROM m WHERE a IN (SELECT a FROM n)", OwoxErrorCodes.SqlUnsupportedSubquery)]
    [InlineData("SELECT a + 1 FROM m", OwoxErrorCodes.SqlUnsupportedExpression)]
    [InlineData("SELECT STDDEV(a) FROM m", OwoxErrorCodes.SqlUnsupportedAggregation)]
    [InlineData("SELECT a FROM m ORDER BY a NULLS LAST", OwoxErrorCodes.SqlUnsupportedSort)]
    [InlineData("SELECT TOP 5 PERCENT * FROM m", OwoxErrorCodes.SqlUnsupportedPaging)]
    [InlineData("SELECT * FROM m WHERE a ILIKE 'x'", OwoxErrorCodes.SqlUnsupportedPattern)]
    [InlineData("SELECT DATE_TRUNC('HOUR', ts) FROM m", OwoxErrorCodes.SqlUnsupportedDate)]
    [InlineData("SELECT * FROM m WHERE a = @missing", OwoxErrorCodes.SqlParameter)]
    [InlineData("SELECT * FROM m WHERE a = NULL", OwoxErrorCodes.SqlInvalidValue)]
    [InlineData("SELECT * FROM m WHERE region > 'a'", OwoxErrorCodes.SqlOperatorNotAllowed)]
    public void Every_refusal_carries_a_stable_sql_code(string sql, string code)
    {
        var error = Refused(sql, TestCatalog.Default);
        Assert.Equal(code, error.Code);
        Assert.True(OwoxErrorCodes.IsSqlRefusal(error.Code));
        Assert.Null(error.StatusCode);
        Assert.False(error.IsTransient);
    }

    private static bool IsSqlRefusal(OwoxException error) => OwoxErrorCodes.IsSqlRefusal(error.Code);
}
