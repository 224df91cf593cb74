using System;
using System.Globalization;
using System.Threading.Tasks;
using Dapper;
using static Owox.Data.Tests.Integration.SqlE2E;

namespace Owox.Data.Tests.Integration;

/// <summary>What the API cannot express is refused before any data request; what only the server can check surfaces as its 400.</summary>
public class SqlRefusalTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("SELECT campaign FROM {0} WHERE country = 'US' OR clicks = 5", "OR is not supported", "at character")]
    [InlineData("SELECT campaign FROM {0} JOIN other ON campaign = name", "Join", "one data mart")]
    [InlineData("SELECT campaign FROM {0} LEFT JOIN other ON campaign = name", "Join", "one data mart")]
    [InlineData("SELECT campaign FROM {0}, other", "Joins are not supported", ",")]
    [InlineData("SELECT a.campaign FROM {0} a JOIN other b ON a.campaign = b.campaign", "Joins are not supported", "JOIN")]
    [InlineData("SELECT campaign FROM {0} WHERE country IN (SELECT country FROM other)", "Subqueries", "(SELECT country FROM other)")]
    [InlineData("SELECT campaign FROM (SELECT campaign FROM {0})", "Subqueries in FROM", "(SELECT campaign")]
    [InlineData("SELECT campaign FROM {0} WHERE EXISTS (SELECT 1 FROM other)", "EXISTS", "EXISTS")]
    [InlineData("SELECT campaign FROM {0} UNION SELECT campaign FROM {0}", "UNION is not supported", "UNION")]
    [InlineData("WITH x AS (SELECT campaign FROM {0}) SELECT campaign FROM x", "WITH (common table expressions)", "WITH")]
    [InlineData("SELECT clicks * 2 AS doubled FROM {0}", "Expressions ('*')", "*")]
    [InlineData("SELECT UPPER(campaign) FROM {0}", "UPPER(…) is not supported", "UPPER")]
    [InlineData("SELECT CASE WHEN is_active THEN 1 ELSE 0 END FROM {0}", "CASE expressions", "CASE")]
    [InlineData("SELECT campaign, 42 FROM {0}", "onstant", "42")]
    [InlineData("SELECT campaign FROM {0} ORDER BY clicks OFFSET 20 ROWS", "OFFSET without LIMIT", "20")]
    [InlineData("SELECT country, SUM(clicks) FROM {0} GROUP BY country ORDER BY date", "add date", "date")]
    [InlineData("SELECT TOP 10 PERCENT campaign FROM {0}", "PERCENT", "PERCENT")]
    [InlineData("SELECT campaign FROM {0} WHERE clicks > conversions", "Comparing two columns", "clicks > conversions")]
    [InlineData("SELECT campaign FROM {0} WHERE channel = NULL", "write IS NULL", "channel = NULL")]
    [InlineData("SELECT campaign FROM {0} WHERE NOT (country = 'US')", "NOT (…) is not supported", "NOT")]
    [InlineData("SELECT campaign FROM {0} WHERE clicks NOT BETWEEN 1 AND 5", "NOT BETWEEN", "NOT BETWEEN")]
    [InlineData("SELECT campaign FROM {0} WHERE campaign LIKE 'Summer_Sale%'", "'_' in a LIKE pattern", "'Summer_Sale%'")]
    [InlineData("SELECT campaign FROM {0} WHERE campaign NOT LIKE 'Summer%'", "campaign !~ '^Summer'", "campaign NOT LIKE 'Summer%'")]
    [InlineData("SELECT campaign FROM {0} WHERE campaign LIKE 'a%b'", "REGEXP_LIKE(campaign, '^a.*b$')", "'a%b'")]
    [InlineData("SELECT campaign FROM {0} WHERE campaign ILIKE 'summer%'", "ILIKE", "ILIKE")]
    [InlineData("SELECT country, COUNT(*) FROM {0} GROUP BY country HAVING COUNT(*) > 5", "HAVING COUNT(*) is not supported", "COUNT(*)")]
    [InlineData("SELECT country, COUNT(*) AS n FROM {0} GROUP BY country ORDER BY COUNT(*) DESC", "ORDER BY COUNT(*) is not supported", "COUNT(*)")]
    [InlineData("SELECT country FROM {0} GROUP BY country HAVING SUM(clicks) > 5", "SUM(clicks)", "SELECT")]
    [InlineData("SELECT SUM(DISTINCT clicks) FROM {0}", "SUM(DISTINCT …) is not supported", "DISTINCT")]
    [InlineData("SELECT country, campaign, SUM(clicks) FROM {0} GROUP BY country", "missing: campaign", "GROUP BY country")]
    [InlineData("SELECT country, SUM(clicks) FROM {0}", "GROUP BY", "country")]
    [InlineData("SELECT campaign FROM {0} WHERE date >= CURRENT_DATE - INTERVAL '1 day 2 hours'", "one whole number and one unit", "INTERVAL")]
    [InlineData("SELECT campaign FROM {0} WHERE date NOT IN LAST_N_DAYS(7)", "NOT IN with a relative-date preset", "date NOT IN LAST_N_DAYS")]
    [InlineData("SELECT campaign FROM {0} WHERE campaign < 'M'", "'lt' test on campaign", "STRING")]
    [InlineData("SELECT campaign FROM {0} WHERE clicks LIKE '1%'", "'starts_with' test on clicks", "INTEGER")]
    [InlineData("SELECT campaign FROM {0} WHERE country IN LAST_N_DAYS(7)", "Relative-date presets only apply to DATE/TIMESTAMP", "country")]
    [InlineData("SELECT campaign FROM {0} WHERE country", "BOOLEAN", "country")]
    [InlineData("SELECT DATE_TRUNC('MONTH', date, 'Europe/Berlin') AS m, COUNT(clicks) FROM {0} GROUP BY m", "zone", "DATE")]
    [InlineData("DELETE FROM {0}", "DELETE statements are not supported", "read-only")]
    [InlineData("UPDATE {0} SET clicks = 0", "UPDATE", "read-only")]
    public async Task Refused_constructs_fail_before_any_request_naming_the_construct(string template, string construct, string fragment)
    {
        await using var connection = await fixture.OpenAsync();
        var sql = string.Format(CultureInfo.InvariantCulture, template, Mart);
        var before = fixture.Emulator.DataRequestCount;

        var e = await Assert.ThrowsAsync<OwoxException>(() => QueryAsync(connection, sql));

        Assert.Contains(construct, e.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        Assert.Null(e.StatusCode);
        Assert.True(OwoxErrorCodes.IsSqlRefusal(e.Code), e.Code);
        NotSent(fixture, before);
        Assert.Throws<OwoxException>(() => connection.Query(sql).AsList());
        NotSent(fixture, before);
    }

    [Fact]
    public async Task Too_many_IN_values_are_refused_before_sending()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        var e = await Assert.ThrowsAsync<OwoxException>(() => connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE clicks IN @ids", new { ids = new long[501] }));
        Assert.Contains("500", e.Message, StringComparison.Ordinal);
        NotSent(fixture, before);
    }

    [Fact]
    public async Task An_unknown_column_is_the_servers_400_with_its_message_and_the_SQL()
    {
        await using var connection = await fixture.OpenAsync();
        const string sql = $"SELECT campaign, spend FROM {Mart} WHERE country = 'US'";
        var before = fixture.Emulator.DataRequestCount;

        var e = await Assert.ThrowsAsync<OwoxException>(() => QueryAsync(connection, sql));

        Assert.Equal(before + 1, fixture.Emulator.DataRequestCount);
        Assert.Equal(400, e.StatusCode);
        Assert.False(e.IsTransient);
        Assert.Contains("Unknown column: spend", e.Message, StringComparison.Ordinal);
        Assert.Contains(sql, e.Message, StringComparison.Ordinal);
        Assert.Equal(Mart, e.DataMartId);
    }

    [Fact]
    public async Task An_aggregate_the_field_does_not_allow_and_an_invalid_regex_are_the_servers_400s()
    {
        await using var connection = await fixture.OpenAsync();

        const string sum = $"SELECT country, AVG(date) AS avg_day FROM {Mart} GROUP BY country";
        var notAllowed = Assert.Throws<OwoxException>(() => new OwoxCommand(sum, connection).ExecuteReader());
        Assert.Equal(400, notAllowed.StatusCode);
        Assert.Contains("AGGREGATION_FUNCTION_NOT_ALLOWED", notAllowed.Message + notAllowed.Code + notAllowed.Details, StringComparison.Ordinal);
        Assert.Contains(sum, notAllowed.Message, StringComparison.Ordinal);

        const string regex = $"SELECT campaign FROM {Mart} WHERE campaign ~ '(unclosed'";
        var invalid = await Assert.ThrowsAsync<OwoxException>(() => QueryAsync(connection, regex));
        Assert.Equal(400, invalid.StatusCode);
        Assert.Contains("INVALID_REGEX_PATTERN", invalid.Message + invalid.Code + invalid.Details, StringComparison.Ordinal);
        Assert.Contains(regex, invalid.Message, StringComparison.Ordinal);
    }
}
