using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using static Owox.Data.Tests.Integration.SqlE2E;

namespace Owox.Data.Tests.Integration;

/// <summary>The SQL subset end to end: translated, sent over loopback HTTP, evaluated by the emulator, read back.</summary>
public class SqlQueryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly Dictionary<string, Func<AdPerformanceRow, bool>> Conditions = new()
    {
        ["country = 'DE'"] = r => r.Country == "DE",
        ["'DE' = country"] = r => r.Country == "DE",
        ["channel <> 'google'"] = r => r.Channel is null || r.Channel != "google",
        ["channel != 'google' AND channel IS NOT NULL"] = r => r.Channel is not null && r.Channel != "google",
        ["clicks < 100"] = r => r.Clicks < 100,
        ["5000 <= cost"] = r => r.Cost >= 5000m,
        ["revenue > 1000.50"] = r => r.Revenue > 1000.50m,
        ["ctr >= 0.025"] = r => r.Ctr >= 0.025,
        ["date >= '2026-01-01'"] = r => r.Date >= new DateOnly(2026, 1, 1),
        ["date < DATE '2025-03-01'"] = r => r.Date < new DateOnly(2025, 3, 1),
        ["created_at >= TIMESTAMP '2025-06-01 12:00:00'"] = r => r.CreatedAt >= new DateTime(2025, 6, 1, 12, 0, 0),
        ["impressions BETWEEN 20000 AND 40000"] = r => r.Impressions is >= 20000 and <= 40000,
        ["date BETWEEN '2025-01-01' AND '2025-03-31'"] = r => r.Date >= new DateOnly(2025, 1, 1) && r.Date <= new DateOnly(2025, 3, 31),
        ["country IN ('DE', 'FR', 'JP')"] = r => r.Country is "DE" or "FR" or "JP",
        ["country NOT IN ('DE', 'FR')"] = r => r.Country is not ("DE" or "FR"),
        ["channel NOT IN ('google', 'bing')"] = r => r.Channel is null || r.Channel is not ("google" or "bing"),
        ["conversions IN (0, 1, 2)"] = r => r.Conversions is 0 or 1 or 2,
        ["campaign LIKE 'Summer%'"] = r => r.Campaign.StartsWith("Summer", StringComparison.Ordinal),
        ["campaign LIKE '%#7'"] = r => r.Campaign.EndsWith("#7", StringComparison.Ordinal),
        ["campaign LIKE '%Kampagne%'"] = r => r.Campaign.Contains("Kampagne", StringComparison.Ordinal),
        ["campaign LIKE N'%日本語%'"] = r => r.Campaign.Contains("日本語", StringComparison.Ordinal),
        ["notes NOT LIKE '%smart%'"] = r => r.Notes is null || !r.Notes.Contains("smart", StringComparison.Ordinal),
        ["notes LIKE 'note 15'"] = r => r.Notes == "note 15",
        ["channel IS NULL"] = r => r.Channel is null,
        ["revenue IS NOT NULL"] = r => r.Revenue is not null,
        ["is_active"] = r => r.IsActive,
        ["is_active = FALSE"] = r => !r.IsActive,
        ["NOT is_active"] = r => !r.IsActive,
        ["is_active IS TRUE"] = r => r.IsActive,
        ["REGEXP_LIKE(campaign, '#1[0-9]$')"] = r => Regex.IsMatch(r.Campaign, "#1[0-9]\\z"),
        ["campaign ~ '^(Retargeting|Summer)'"] = r => Regex.IsMatch(r.Campaign, "^(Retargeting|Summer)"),
        ["campaign !~ 'a'"] = r => !r.Campaign.Contains('a', StringComparison.Ordinal),
        ["country = 'US' AND clicks > 100 AND is_active AND channel IS NOT NULL AND (date >= '2025-06-01')"] =
            r => r.Country == "US" && r.Clicks > 100 && r.IsActive && r.Channel is not null && r.Date >= new DateOnly(2025, 6, 1),
        ["1 = 1 AND channel = 'tiktok' AND notes IS NOT NULL"] = r => r.Channel == "tiktok" && r.Notes is not null,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Select_list_with_aliases_names_the_reader_columns_and_types_come_from_the_schema(bool async)
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection, $"SELECT campaign AS name, cost AS \"Spend $\", clicks, date AS [Day], created_at FROM {Mart}", async);

        Assert.Equal(["name", "Spend $", "clicks", "Day", "created_at"], result.Names);
        Assert.Equal([typeof(string), typeof(decimal), typeof(long), typeof(DateTime), typeof(DateTime)], result.Types);
        Assert.Equal(["STRING", "NUMERIC", "INTEGER", "DATE", "TIMESTAMP"], result.TypeNames);
        Assert.Equal(All.Count, result.Rows.Count);
        for (var i = 0; i < All.Count; i++)
        {
            var r = All[i];
            Assert.Equal<object>([r.Campaign, r.Cost, r.Clicks, Day(r.Date), DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)], result.Rows[i]);
        }
    }

    [Fact]
    public async Task Quoted_identifiers_and_a_quoted_data_mart_id_or_title()
    {
        await using var connection = await fixture.OpenAsync();
        var expected = All.Where(r => r.Country == "FR").Select(r => new object[] { Day(r.Date), r.Country, r.IsActive, r.Impressions }).ToList();

        foreach (var from in new[] { $"\"{Mart}\"", $"[{Mart}]", $"`{Mart}`", "\"Ad performance\"", "[ad PERFORMANCE]" })
        {
            var result = await QueryAsync(connection, $"SELECT [date], `country`, \"is_active\", \"impressions\" AS \"Imp\"\"s\" FROM {from} WHERE [country] = 'FR'");
            Assert.Equal(["date", "country", "is_active", "Imp\"s"], result.Names);
            Assert.Equal(expected, result.Rows);
        }
    }

    [Theory]
    [MemberData(nameof(ConditionTexts))]
    public async Task Where_conditions_match_the_rows_the_generator_says(string condition)
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection, $"SELECT campaign, impressions, channel FROM {Mart} WHERE {condition}");

        var expected = All.Where(Conditions[condition]).Select(r => new object[] { r.Campaign, r.Impressions, (object?)r.Channel ?? DBNull.Value }).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < All.Count, "the condition should filter something");
        Assert.Equal(expected, result.Rows);
    }

    public static TheoryData<string> ConditionTexts()
    {
        var data = new TheoryData<string>();
        foreach (var key in Conditions.Keys)
            data.Add(key);
        return data;
    }

    [Fact]
    public async Task Not_equal_is_null_inclusive_unlike_SQL()
    {
        await using var connection = await fixture.OpenAsync();
        var inclusive = await QueryAsync(connection, $"SELECT channel FROM {Mart} WHERE channel <> 'google'");
        var sqlLike = await QueryAsync(connection, $"SELECT channel FROM {Mart} WHERE channel <> 'google' AND channel IS NOT NULL");

        var nulls = All.Count(r => r.Channel is null);
        Assert.True(nulls > 100);
        Assert.Equal(nulls, inclusive.Rows.Count(r => r[0] is DBNull));
        Assert.Equal(All.Count(r => r.Channel != "google"), inclusive.Rows.Count);
        Assert.Equal(All.Count(r => r.Channel is not null && r.Channel != "google"), sqlLike.Rows.Count);
        Assert.DoesNotContain(sqlLike.Rows, r => r[0] is DBNull);
    }

    [Theory]
    [InlineData("LAST_N_DAYS(30)")]
    [InlineData("LAST_MONTH")]
    [InlineData("THIS_QUARTER")]
    [InlineData("yesterday()")]
    public async Task Relative_date_presets_follow_the_emulator_clock(string preset)
    {
        var clock = fixture.Emulator.Clock;
        var saved = clock.Now;
        clock.Set(new DateTimeOffset(2025, 8, 14, 9, 30, 0, TimeSpan.Zero));
        try
        {
            var today = clock.Today;
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            (DateOnly From, DateOnly To) window = preset switch
            {
                "LAST_N_DAYS(30)" => (today.AddDays(-29), today),
                "LAST_MONTH" => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
                "THIS_QUARTER" => (new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30)),
                _ => (today.AddDays(-1), today.AddDays(-1)),
            };
            await using var connection = await fixture.OpenAsync();
            var result = await QueryAsync(connection, $"SELECT date, campaign FROM {Mart} WHERE date IN {preset}");

            var expected = All.Where(r => r.Date >= window.From && r.Date <= window.To).Select(r => new object[] { Day(r.Date), r.Campaign }).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, result.Rows);
        }
        finally
        {
            clock.Set(saved);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Aggregates_with_aliases_and_GROUP_BY(bool async)
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection,
            $"""
            SELECT country, SUM(cost) AS spend, AVG(ctr) AS avg_ctr, MIN(date) AS first_day, MAX(clicks) AS max_clicks,
                   COUNT(channel) AS with_channel, COUNT(DISTINCT campaign) AS campaigns, COUNT(*) AS n, SUM(revenue)
            FROM {Mart}
            GROUP BY country
            """, async);

        Assert.Equal(["country", "spend", "avg_ctr", "first_day", "max_clicks", "with_channel", "campaigns", "n", "SUM(revenue)"], result.Names);
        Assert.Equal([typeof(string), typeof(decimal), typeof(double), typeof(DateTime), typeof(long), typeof(long), typeof(long), typeof(long), typeof(decimal)], result.Types);

        var groups = All.GroupBy(r => r.Country).ToDictionary(g => g.Key);
        Assert.Equal(groups.Keys.Order(StringComparer.Ordinal), result.Column("country").Cast<string>().Order(StringComparer.Ordinal));
        foreach (var row in result.Rows)
        {
            var g = groups[(string)row[0]];
            Near(g.Sum(r => r.Cost), row[1]);
            Near(g.Average(r => r.Ctr), row[2]);
            Assert.Equal(Day(g.Min(r => r.Date)), row[3]);
            Assert.Equal(g.Max(r => r.Clicks), row[4]);
            Assert.Equal((long)g.Count(r => r.Channel is not null), row[5]);
            Assert.Equal((long)g.Select(r => r.Campaign).Distinct().Count(), row[6]);
            Assert.Equal((long)g.Count(), row[7]);
            Near(g.Sum(r => r.Revenue ?? 0m), row[8]);
        }
    }

    [Fact]
    public async Task Aggregates_alone_give_one_grand_total_row()
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection, $"SELECT COUNT(*) AS n, SUM(revenue) AS rev, AVG(revenue) avg_rev, MAX(created_at) AS latest, COUNT(notes) FROM {Mart} WHERE country <> 'US'");

        var rows = All.Where(r => r.Country != "US").ToList();
        var row = Assert.Single(result.Rows);
        Assert.Equal((long)rows.Count, row[0]);
        Near(rows.Sum(r => r.Revenue ?? 0m), row[1]);
        Near((double)rows.Where(r => r.Revenue is not null).Average(r => r.Revenue!.Value), row[2], 1e-6);
        Assert.Equal(DateTime.SpecifyKind(rows.Max(r => r.CreatedAt), DateTimeKind.Utc), row[3]);
        Assert.Equal((long)rows.Count(r => r.Notes is not null), row[4]);
        Assert.Equal("COUNT(notes)", result.Names[4]);
    }

    [Fact]
    public async Task ExecuteScalar_of_COUNT_star_is_a_long()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand($"SELECT COUNT(*) FROM {Mart} WHERE country = 'UA' AND is_active", connection);
        Assert.Equal((long)All.Count(r => r.Country == "UA" && r.IsActive), await command.ExecuteScalarAsync());
        Assert.Equal((long)All.Count(r => r.Country == "UA" && r.IsActive), command.ExecuteScalar());
    }

    [Fact]
    public async Task HAVING_filters_groups_and_ORDER_BY_an_aggregate_alias_sorts_them()
    {
        var sums = All.GroupBy(r => r.Channel).Where(g => g.Key is not null)
            .Select(g => (Channel: g.Key!, Clicks: g.Sum(r => r.Clicks), Count: g.Count(r => r.Notes is not null))).ToList();
        var threshold = sums.Select(s => s.Clicks).Order().ElementAt(2); // keeps the top 2 or 3 channels
        var expected = sums.Where(s => s.Clicks > threshold).OrderByDescending(s => s.Clicks).Select(s => new object[] { s.Channel, s.Clicks, (long)s.Count }).ToList();
        Assert.InRange(expected.Count, 1, 3);

        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection,
            $"SELECT channel, SUM(clicks) AS total_clicks, COUNT(notes) AS noted FROM {Mart} WHERE channel IS NOT NULL GROUP BY channel HAVING SUM(clicks) > @t ORDER BY total_clicks DESC",
            true, new OwoxParameter("t", threshold));
        Assert.Equal(expected, result.Rows);

        var byAlias = await QueryAsync(connection,
            $"SELECT channel, SUM(clicks) AS total_clicks, COUNT(notes) AS noted FROM {Mart} WHERE channel IS NOT NULL GROUP BY 1 HAVING total_clicks > {threshold} AND noted >= 0 ORDER BY 2 DESC");
        Assert.Equal(expected, byAlias.Rows);
    }

    [Fact]
    public async Task DATE_TRUNC_month_buckets()
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection,
            $"SELECT DATE_TRUNC('MONTH', date) AS month, COUNT(*) AS n, SUM(impressions) AS imps FROM {Mart} WHERE date >= '2025-01-01' AND date < '2026-01-01' GROUP BY month ORDER BY month");

        Assert.Equal(["month", "n", "imps"], result.Names);
        Assert.Equal([typeof(DateTime), typeof(long), typeof(long)], result.Types);
        var expected = All.Where(r => r.Date.Year == 2025)
            .GroupBy(r => new DateOnly(r.Date.Year, r.Date.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => new object[] { Day(g.Key), (long)g.Count(), g.Sum(r => r.Impressions) })
            .ToList();
        Assert.Equal(12, expected.Count);
        Assert.Equal(expected, result.Rows);

        var quarters = await QueryAsync(connection, $"SELECT DATE_TRUNC(date, QUARTER) AS q, MAX(cost) FROM {Mart} GROUP BY DATE_TRUNC(date, QUARTER) ORDER BY q DESC LIMIT 2");
        var expectedQuarters = All.GroupBy(r => new DateOnly(r.Date.Year, ((r.Date.Month - 1) / 3 * 3) + 1, 1)).OrderByDescending(g => g.Key).Take(2)
            .Select(g => new object[] { Day(g.Key), g.Max(r => r.Cost) }).ToList();
        Assert.Equal(expectedQuarters, quarters.Rows);
    }

    [Fact]
    public async Task COUNT_star_alone_and_DISTINCT_group_with_a_hidden_aggregate()
    {
        await using var connection = await fixture.OpenAsync();
        var counts = await QueryAsync(connection, $"SELECT country, COUNT(*) AS n FROM {Mart} GROUP BY country ORDER BY country");
        var expected = All.GroupBy(r => r.Country).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new object[] { g.Key, (long)g.Count() }).ToList();
        Assert.Equal(["country", "n"], counts.Names);
        Assert.Equal(expected, counts.Rows);

        var distinct = await QueryAsync(connection, $"SELECT DISTINCT channel, is_active FROM {Mart} WHERE channel IS NOT NULL ORDER BY channel DESC, is_active");
        Assert.Equal(["channel", "is_active"], distinct.Names);
        var expectedDistinct = All.Where(r => r.Channel is not null).Select(r => (r.Channel!, r.IsActive)).Distinct()
            .OrderByDescending(t => t.Item1, StringComparer.Ordinal).ThenBy(t => t.IsActive).Select(t => new object[] { t.Item1, t.IsActive }).ToList();
        Assert.Equal(expectedDistinct, distinct.Rows);
    }

    [Fact]
    public async Task ORDER_BY_with_LIMIT_TOP_and_FETCH_FIRST()
    {
        await using var connection = await fixture.OpenAsync();

        var limit = await QueryAsync(connection, $"SELECT campaign, impressions FROM {Mart} WHERE is_active ORDER BY impressions DESC LIMIT 10");
        var expected = All.Where(r => r.IsActive).OrderByDescending(r => r.Impressions).Take(10).Select(r => new object[] { r.Campaign, r.Impressions }).ToList();
        Assert.Equal(expected, limit.Rows);

        var top = await QueryAsync(connection, $"SELECT TOP (5) date, cost FROM {Mart} WHERE country = 'JP' ORDER BY cost ASC");
        var expectedTop = All.Where(r => r.Country == "JP").OrderBy(r => r.Cost).Take(5).Select(r => new object[] { Day(r.Date), r.Cost }).ToList();
        Assert.Equal(expectedTop, top.Rows);

        var fetch = await QueryAsync(connection, $"SELECT created_at, clicks FROM {Mart} ORDER BY 1 DESC FETCH FIRST 3 ROWS ONLY");
        var expectedFetch = All.OrderByDescending(r => r.CreatedAt).Take(3).Select(r => new object[] { DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), r.Clicks }).ToList();
        Assert.Equal(expectedFetch, fetch.Rows);

        var unsorted = await QueryAsync(connection, $"SELECT * FROM {Mart} LIMIT 7");
        Assert.Equal(7, unsorted.Rows.Count);
        Assert.Equal(DemoMarts.AdPerformanceColumns, unsorted.Names);
    }

    [Fact]
    public async Task Without_metadata_the_reader_still_uses_the_SQL_output_names_and_hides_unselected_keys()
    {
        await using var connection = await fixture.OpenAsync("Schema Source=Infer");
        var grouped = await QueryAsync(connection, $"SELECT country, SUM(clicks) AS total, COUNT(notes) AS noted FROM {Mart} GROUP BY country ORDER BY country");
        Assert.Equal(["country", "total", "noted"], grouped.Names);
        Assert.Equal([typeof(string), typeof(long), typeof(long)], grouped.Types);
        var expected = All.GroupBy(r => r.Country).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new object[] { g.Key, g.Sum(r => r.Clicks), (long)g.Count(r => r.Notes is not null) }).ToList();
        Assert.Equal(expected, grouped.Rows);

        var counted = await QueryAsync(connection, $"SELECT channel AS ch, MAX(clicks) AS most, COUNT(*) AS n FROM {Mart} WHERE channel IS NOT NULL GROUP BY ch ORDER BY ch");
        Assert.Equal(["ch", "most", "n"], counted.Names);
        Assert.Equal(
            All.Where(r => r.Channel is not null).GroupBy(r => r.Channel!).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new object[] { g.Key, g.Max(r => r.Clicks), (long)g.Count() }),
            counted.Rows);

        var plain = await QueryAsync(connection, $"SELECT campaign AS c, clicks FROM {Mart} LIMIT 3");
        Assert.Equal(["c", "clicks"], plain.Names);
        Assert.Equal(All.Take(3).Select(r => new object[] { r.Campaign, r.Clicks }), plain.Rows);

        var empty = await QueryAsync(connection, $"SELECT campaign AS c, COUNT(clicks) AS n FROM {Mart} WHERE country = 'XX' GROUP BY c");
        Assert.Equal(["c", "n"], empty.Names);
        Assert.Equal([typeof(string), typeof(long)], empty.Types);
        Assert.Empty(empty.Rows);
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var position = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    [Fact]
    public async Task Percentiles_ANY_VALUE_and_STRING_AGG_per_group()
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection,
            $"""
            SELECT country, MEDIAN(clicks) AS med, P25(cost), PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY ctr) AS p95,
                   ANY_VALUE(channel) AS some_channel, STRING_AGG(campaign, ', ') AS campaigns
            FROM {Mart} WHERE conversions > 40 GROUP BY country ORDER BY country
            """);

        Assert.Equal(["country", "med", "P25(cost)", "p95", "some_channel", "campaigns"], result.Names);
        Assert.Equal([typeof(string), typeof(double), typeof(double), typeof(double), typeof(string), typeof(string)], result.Types);
        var groups = All.Where(r => r.Conversions > 40).GroupBy(r => r.Country).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Select(g => g.Key), result.Column("country"));
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var row = result.Rows[i];
            Near(Percentile(g.Select(r => (double)r.Clicks), 0.5), row[1]);
            Near(Percentile(g.Select(r => (double)r.Cost), 0.25), row[2], 1e-6);
            Near(Percentile(g.Select(r => r.Ctr), 0.95), row[3]);
            // The emulator's ANY_VALUE is MIN; any channel of the group (or NULL when all are NULL) is correct.
            var channels = g.Select(r => r.Channel).Where(c => c is not null).ToList();
            if (channels.Count == 0)
                Assert.Equal(DBNull.Value, row[4]);
            else
                Assert.Contains((string)row[4], channels);
            Assert.Equal(g.Sum(r => r.Campaign.Split(", ").Length), ((string)row[5]).Split(", ").Length);
            Assert.All(g, r => Assert.Contains(r.Campaign, (string)row[5], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task DATE_TRUNC_week_on_a_BigQuery_mart_starts_on_Sunday()
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection, $"SELECT DATE_TRUNC(date, WEEK) AS week, SUM(clicks) AS clicks FROM {Mart} WHERE date BETWEEN '2025-03-01' AND '2025-04-30' GROUP BY week ORDER BY week");

        var expected = All.Where(r => r.Date >= new DateOnly(2025, 3, 1) && r.Date <= new DateOnly(2025, 4, 30))
            .GroupBy(r => r.Date.AddDays(-(int)r.Date.DayOfWeek))
            .OrderBy(g => g.Key)
            .Select(g => new object[] { Day(g.Key), g.Sum(r => r.Clicks) }).ToList();
        Assert.All(result.Rows, r => Assert.Equal(DayOfWeek.Sunday, ((DateTime)r[0]).DayOfWeek));
        Assert.Equal(expected, result.Rows);
    }

    [Fact]
    public async Task A_relative_date_on_a_TIMESTAMP_column_and_HAVING_on_a_group_key()
    {
        var clock = fixture.Emulator.Clock;
        var saved = clock.Now;
        clock.Set(new DateTimeOffset(2026, 4, 3, 23, 59, 0, TimeSpan.Zero));
        try
        {
            await using var connection = await fixture.OpenAsync();
            var result = await QueryAsync(connection, $"SELECT country, COUNT(campaign) AS n FROM {Mart} WHERE created_at IN THIS_MONTH GROUP BY country HAVING country IN ('US', 'DE', 'IN') ORDER BY n DESC, country");

            var expected = All.Where(r => r.CreatedAt.Year == 2026 && r.CreatedAt.Month == 4 && r.Country is "US" or "DE" or "IN")
                .GroupBy(r => r.Country).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new object[] { g.Key, (long)g.Count() }).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, result.Rows);
        }
        finally
        {
            clock.Set(saved);
        }
    }

    [Fact]
    public async Task SchemaOnly_on_a_SELECT_describes_the_output_without_a_data_request()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        using var command = new OwoxCommand($"SELECT DATE_TRUNC('MONTH', date) AS month, country AS c, SUM(cost) AS spend, AVG(ctr), COUNT(*) AS n FROM {Mart} GROUP BY month, c", connection);
        using var reader = command.ExecuteReader(CommandBehavior.SchemaOnly);

        Assert.Equal(before, fixture.Emulator.DataRequestCount);
        Assert.Equal(["month", "c", "spend", "AVG(ctr)", "n"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        Assert.Equal([typeof(DateTime), typeof(string), typeof(decimal), typeof(double), typeof(long)], Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType));
        Assert.Equal(["DATE", "STRING", "NUMERIC", "FLOAT", "INTEGER"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName));
        var schema = reader.GetSchemaTable();
        Assert.Equal("country", schema.Rows[1]["BaseColumnName"]);
        Assert.Equal("cost", schema.Rows[2]["BaseColumnName"]);
        Assert.False(reader.Read());
    }
}
