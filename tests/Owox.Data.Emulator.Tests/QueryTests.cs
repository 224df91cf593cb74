using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>Filters, sorts, aggregations, date buckets and limits — expectations computed with LINQ over the generator.</summary>
public sealed class QueryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly AdPerformanceRow[] All = Expected.All(EmulatorFixture.Rows);
    private readonly ApiClient _client = fixture.Client;

    private static string E(string json) => ApiClient.Encode(json);

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Streams with a filter, selecting campaign+created_at (unique per row) and returns matched generator indexes.</summary>
    private async Task<List<int>> Filtered(string filterJson)
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=created_at&column=campaign&filter=" + E(filterJson)));
        var index = All.Select((r, i) => (Key: r.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + r.Campaign, i)).ToDictionary(x => x.Key, x => x.i);
        return rows.Select(r => index[r.GetProperty("created_at").GetString() + r.GetProperty("campaign").GetString()]).ToList();
    }

    private async Task AssertFilter(string filterJson, Func<AdPerformanceRow, bool> predicate)
    {
        var expected = All.Select((r, i) => (r, i)).Where(x => predicate(x.r)).Select(x => x.i).ToList();
        var actual = await Filtered(filterJson);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Comparison_operators()
    {
        await AssertFilter("""[{"column":"country","operator":"eq","value":"US"}]""", r => r.Country == "US");
        await AssertFilter("""[{"column":"clicks","operator":"gt","value":300}]""", r => r.Clicks > 300);
        await AssertFilter("""[{"column":"clicks","operator":"lt","value":100}]""", r => r.Clicks < 100);
        await AssertFilter("""[{"column":"clicks","operator":"gte","value":300}]""", r => r.Clicks >= 300);
        await AssertFilter("""[{"column":"clicks","operator":"lte","value":100}]""", r => r.Clicks <= 100);
        await AssertFilter("""[{"column":"cost","operator":"gte","value":"5000.5"}]""", r => r.Cost >= 5000.5m);
        await AssertFilter("""[{"column":"date","operator":"lt","value":"2025-03-01"}]""", r => r.Date < new DateOnly(2025, 3, 1));
        await AssertFilter("""[{"column":"created_at","operator":"gte","value":"2025-06-01 12:00:00"}]""", r => r.CreatedAt >= new DateTime(2025, 6, 1, 12, 0, 0));
        var one = All[17];
        await AssertFilter($$"""[{"column":"cost","operator":"eq","value":{{one.Cost.ToString(CultureInfo.InvariantCulture)}}}]""", r => r.Cost == one.Cost);
    }

    [Fact]
    public async Task Negations_include_nulls()
    {
        await AssertFilter("""[{"column":"channel","operator":"neq","value":"google"}]""", r => r.Channel != "google");
        await AssertFilter("""[{"column":"notes","operator":"not_contains","value":"smart"}]""", r => r.Notes is null || !r.Notes.Contains("smart", StringComparison.Ordinal));
        await AssertFilter("""[{"column":"channel","operator":"not_in","value":["google","bing"]}]""", r => r.Channel is not ("google" or "bing"));
        await AssertFilter("""[{"column":"notes","operator":"not_regex","value":"^note 1"}]""", r => r.Notes is null || !Regex.IsMatch(r.Notes, "^note 1"));
    }

    [Fact]
    public async Task Text_operators_are_literal()
    {
        await AssertFilter("""[{"column":"campaign","operator":"contains","value":"\""}]""", r => r.Campaign.Contains('"', StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"contains","value":"\\"}]""", r => r.Campaign.Contains('\\', StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"contains","value":"%"}]""", r => r.Campaign.Contains('%', StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"contains","value":"_"}]""", r => r.Campaign.Contains('_', StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"contains","value":"summer"}]""", r => r.Campaign.Contains("summer", StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"starts_with","value":"Emoji 🚀"}]""", r => r.Campaign.StartsWith("Emoji 🚀", StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"ends_with","value":"#7"}]""", r => r.Campaign.EndsWith("#7", StringComparison.Ordinal));
        await AssertFilter("""[{"column":"campaign","operator":"regex","value":"^[A-Z].*#1\\d$"}]""", r => Regex.IsMatch(r.Campaign, @"^[A-Z].*#1\d$"));
    }

    [Fact]
    public async Task Set_and_range_operators()
    {
        await AssertFilter("""[{"column":"country","operator":"in","value":["US","JP"]}]""", r => r.Country is "US" or "JP");
        var clicks = All.Take(5).Select(r => r.Clicks).ToArray();
        await AssertFilter($$"""[{"column":"clicks","operator":"in","value":[{{string.Join(",", clicks)}}]}]""", r => clicks.Contains(r.Clicks));
        await AssertFilter("""[{"column":"cost","operator":"between","value":{"from":100,"to":2500.5}}]""", r => r.Cost >= 100 && r.Cost <= 2500.5m);
        await AssertFilter("""[{"column":"date","operator":"between","value":{"from":"2025-01-01","to":"2025-01-31"}}]""", r => r.Date >= new DateOnly(2025, 1, 1) && r.Date <= new DateOnly(2025, 1, 31));
    }

    [Fact]
    public async Task Null_empty_and_boolean_operators()
    {
        await AssertFilter("""[{"column":"revenue","operator":"is_null"}]""", r => r.Revenue is null);
        await AssertFilter("""[{"column":"revenue","operator":"is_not_null"}]""", r => r.Revenue is not null);
        await AssertFilter("""[{"column":"notes","operator":"is_empty"}]""", r => string.IsNullOrEmpty(r.Notes));
        await AssertFilter("""[{"column":"notes","operator":"is_not_empty"}]""", r => !string.IsNullOrEmpty(r.Notes));
        await AssertFilter("""[{"column":"is_active","operator":"is_true"}]""", r => r.IsActive);
        await AssertFilter("""[{"column":"is_active","operator":"is_false"}]""", r => !r.IsActive);
        await AssertFilter("""[{"column":"is_active","operator":"is_true"},{"column":"country","operator":"eq","value":"DE"}]""", r => r.IsActive && r.Country == "DE");
    }

    [Fact]
    public async Task Filter_on_an_unselected_column_is_not_projected()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&filter=" + E("""[{"column":"country","operator":"eq","value":"UA"}]""")));
        Assert.Equal(All.Count(r => r.Country == "UA"), rows.Count);
        Assert.All(rows, r => Assert.Equal(["date"], ApiClient.Keys(r)));
    }

    [Theory]
    [InlineData("today")]
    [InlineData("yesterday")]
    [InlineData("this_week")]
    [InlineData("last_week")]
    [InlineData("this_month")]
    [InlineData("last_month")]
    [InlineData("this_quarter")]
    [InlineData("last_quarter")]
    [InlineData("this_year")]
    [InlineData("last_n_days")]
    [InlineData("next_n_days")]
    [InlineData("last_n_months")]
    public async Task Relative_dates_follow_the_emulator_clock(string kind)
    {
        var today = new DateOnly(2025, 5, 14); // a Wednesday
        fixture.Emulator.Clock.Set(new DateTimeOffset(2025, 5, 14, 15, 0, 0, TimeSpan.Zero));
        var monday = new DateOnly(2025, 5, 12);
        var (from, to) = kind switch
        {
            "today" => (today, today),
            "yesterday" => (today.AddDays(-1), today.AddDays(-1)),
            "this_week" => (monday, monday.AddDays(6)),
            "last_week" => (monday.AddDays(-7), monday.AddDays(-1)),
            "this_month" => (new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31)),
            "last_month" => (new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30)),
            "this_quarter" => (new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30)),
            "last_quarter" => (new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)),
            "this_year" => (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)),
            "last_n_days" => (today.AddDays(-29), today),
            "next_n_days" => (today, today.AddDays(29)),
            _ => (today.AddMonths(-2), today),
        };
        var value = kind.Contains("_n_", StringComparison.Ordinal) ? $$"""{"kind":"{{kind}}","n":{{(kind == "last_n_months" ? 2 : 30)}}}""" : $$"""{"kind":"{{kind}}"}""";
        await AssertFilter($$"""[{"column":"date","operator":"relative_date","value":{{value}}}]""", r => r.Date >= from && r.Date <= to);
        await AssertFilter($$"""[{"column":"created_at","operator":"relative_date","value":{{value}}}]""", r => DateOnly.FromDateTime(r.CreatedAt) >= from && DateOnly.FromDateTime(r.CreatedAt) <= to);
    }

    [Fact]
    public async Task Multi_column_sort_and_limit()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=country&column=cost&column=date&limit=25&sort=" + E("""[{"column":"country","direction":"asc"},{"column":"cost","direction":"desc"}]""")));
        var expected = All.OrderBy(r => r.Country, StringComparer.Ordinal).ThenByDescending(r => r.Cost).Take(25).ToList();
        Assert.Equal(expected.Select(r => (r.Country, r.Cost)), rows.Select(r => (r.GetProperty("country").GetString()!, decimal.Parse(r.GetProperty("cost").GetString()!, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Sort_puts_nulls_first_ascending()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=channel&column=date&sort=" + E("""[{"column":"channel","direction":"asc"},{"column":"date","direction":"desc"}]""")));
        var expected = All.OrderBy(r => r.Channel, StringComparer.Ordinal).ThenByDescending(r => r.Date).Select(r => (r.Channel, D(r.Date)));
        Assert.Equal(expected, rows.Select(r => (r.GetProperty("channel").ValueKind == JsonValueKind.Null ? null : r.GetProperty("channel").GetString(), r.GetProperty("date").GetString()!)));
    }

    private static double Percentile(IEnumerable<long> values, double p)
    {
        var sorted = values.Select(v => (double)v).OrderBy(v => v).ToList();
        var pos = p * (sorted.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = (int)Math.Ceiling(pos);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (pos - lo));
    }

    [Fact]
    public async Task Aggregations_group_by_the_other_columns_with_labels_and_row_count()
    {
        var aggregation = E("""
            [{"column":"cost","function":"SUM"},{"column":"ctr","function":"AVG"},{"column":"channel","function":"COUNT"},
             {"column":"campaign","function":"COUNT_DISTINCT"},{"column":"date","function":"MIN"},{"column":"date","function":"MAX"},
             {"column":"impressions","function":"P50"},{"column":"clicks","function":"P95"},{"column":"revenue","function":"SUM"}]
            """);
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance,
            "column=country&column=cost&column=ctr&column=channel&column=campaign&column=date&column=impressions&column=clicks&column=revenue&aggregation=" + aggregation
            + "&sort=" + E("""[{"column":"country","direction":"asc"}]""")));
        var groups = All.GroupBy(r => r.Country).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Count, rows.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var row = rows[i];
            Assert.Equal(
                ["country", "cost | SUM", "ctr | AVG", "channel | COUNT", "campaign | COUNTUNIQUE", "date | MIN", "date | MAX", "impressions | MEDIAN", "clicks | P95", "revenue | SUM", "Row Count"],
                ApiClient.Keys(row));
            Assert.Equal(g.Key, row.GetProperty("country").GetString());
            Assert.Equal(g.Sum(r => r.Cost), decimal.Parse(row.GetProperty("cost | SUM").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(g.Sum(r => r.Revenue ?? 0), decimal.Parse(row.GetProperty("revenue | SUM").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal(g.Average(r => r.Ctr), row.GetProperty("ctr | AVG").GetDouble(), 12);
            Assert.Equal(g.Count(r => r.Channel is not null), row.GetProperty("channel | COUNT").GetInt32());
            Assert.Equal(g.Select(r => r.Campaign).Distinct().Count(), row.GetProperty("campaign | COUNTUNIQUE").GetInt32());
            Assert.Equal(D(g.Min(r => r.Date)), row.GetProperty("date | MIN").GetString());
            Assert.Equal(D(g.Max(r => r.Date)), row.GetProperty("date | MAX").GetString());
            Assert.Equal(Percentile(g.Select(r => r.Impressions), 0.5), row.GetProperty("impressions | MEDIAN").GetDouble(), 9);
            Assert.Equal(Percentile(g.Select(r => r.Clicks), 0.95), row.GetProperty("clicks | P95").GetDouble(), 9);
            Assert.Equal(g.Count(), row.GetProperty("Row Count").GetInt32());
        }
    }

    [Fact]
    public async Task Only_aggregated_columns_give_one_grand_total_row()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=clicks&aggregation=" + E("""[{"column":"clicks","function":"SUM"},{"column":"clicks","function":"MAX"}]""")));
        var row = Assert.Single(rows);
        Assert.Equal(["clicks | SUM", "clicks | MAX", "Row Count"], ApiClient.Keys(row));
        Assert.Equal(All.Sum(r => r.Clicks), row.GetProperty("clicks | SUM").GetInt64());
        Assert.Equal(All.Max(r => r.Clicks), row.GetProperty("clicks | MAX").GetInt64());
        Assert.Equal(All.Length, row.GetProperty("Row Count").GetInt32());
    }

    [Fact]
    public async Task String_agg_joins_with_comma_space()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=country&column=channel&aggregation=" + E("""[{"column":"channel","function":"STRING_AGG"}]""") + "&filter=" + E("""[{"column":"country","operator":"eq","value":"GB"}]""")));
        var row = Assert.Single(rows);
        var expected = All.Where(r => r.Country == "GB" && r.Channel is not null).Select(r => r.Channel!).OrderBy(c => c, StringComparer.Ordinal);
        Assert.Equal(expected, row.GetProperty("channel | STRINGAGG").GetString()!.Split(", ").OrderBy(c => c, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Having_filters_groups_and_sort_uses_the_aggregate()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance,
            "column=country&column=clicks&aggregation=" + E("""[{"column":"clicks","function":"SUM"}]""")
            + "&filter=" + E("""[{"column":"clicks","function":"SUM","operator":"gt","value":7000}]""")
            + "&sort=" + E("""[{"column":"clicks","direction":"desc"}]""") + "&limit=3"));
        var expected = All.GroupBy(r => r.Country).Select(g => (g.Key, Sum: g.Sum(r => r.Clicks))).Where(x => x.Sum > 7000).OrderByDescending(x => x.Sum).Take(3).ToList();
        Assert.Equal(expected, rows.Select(r => (r.GetProperty("country").GetString()!, r.GetProperty("clicks | SUM").GetInt64())));
    }

    private static DateOnly Bucket(DateOnly d, string unit) => unit switch
    {
        "DAY" => d,
        "WEEK" => d.AddDays(-(int)d.DayOfWeek), // BigQuery weeks start on Sunday
        "MONTH" => new DateOnly(d.Year, d.Month, 1),
        "QUARTER" => new DateOnly(d.Year, ((d.Month - 1) / 3 * 3) + 1, 1),
        _ => new DateOnly(d.Year, 1, 1),
    };

    [Theory]
    [InlineData("DAY")]
    [InlineData("WEEK")]
    [InlineData("MONTH")]
    [InlineData("QUARTER")]
    [InlineData("YEAR")]
    public async Task Date_trunc_buckets_keep_the_column_name(string unit)
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance,
            "column=date&column=clicks&aggregation=" + E("""[{"column":"clicks","function":"SUM"}]""")
            + "&dateTrunc=" + E($$"""[{"column":"date","unit":"{{unit}}"}]""") + "&sort=" + E("""[{"column":"date","direction":"asc"}]""")));
        var expected = All.GroupBy(r => Bucket(r.Date, unit)).OrderBy(g => g.Key).Select(g => (D(g.Key), g.Sum(r => r.Clicks), g.Count())).ToList();
        Assert.Equal(expected, rows.Select(r => (r.GetProperty("date").GetString()!, r.GetProperty("clicks | SUM").GetInt64(), r.GetProperty("Row Count").GetInt32())));
    }

    [Fact]
    public async Task Date_trunc_of_a_timestamp_in_a_time_zone()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance,
            "column=created_at&dateTrunc=" + E("""[{"column":"created_at","unit":"MONTH","timeZone":"America/New_York"}]""") + "&sort=" + E("""[{"column":"created_at","direction":"asc"}]""")));
        var expected = All.Select(r => TimeZoneInfo.ConvertTimeFromUtc(r.CreatedAt, zone)).Select(l => new DateOnly(l.Year, l.Month, 1)).Distinct().OrderBy(d => d).Select(D);
        Assert.Equal(expected, rows.Select(r => r.GetProperty("created_at").GetString()!));
    }
}
