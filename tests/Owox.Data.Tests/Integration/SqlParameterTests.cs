using System;
using System.Collections.Generic;
using System.Data;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Emulator;
using static Owox.Data.Tests.Integration.SqlE2E;

namespace Owox.Data.Tests.Integration;

/// <summary>Parameters (Dapper, raw OwoxParameter, positional ?) bound into the translated request, end to end.</summary>
public class SqlParameterTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public sealed class Ad
    {
        public DateTime Date { get; set; }
        public string Campaign { get; set; } = "";
        public string Country { get; set; } = "";
        public decimal Cost { get; set; }
    }

    private static List<(DateTime, string, string, decimal)> Expected(Func<AdPerformanceRow, bool> where) =>
        All.Where(where).Select(r => (Day(r.Date), r.Campaign, r.Country, r.Cost)).ToList();

    private static List<(DateTime, string, string, decimal)> Actual(IEnumerable<Ad> rows) =>
        rows.Select(a => (a.Date, a.Campaign, a.Country, a.Cost)).ToList();

    private const string Select = $"SELECT date, campaign, country, cost FROM {Mart}";

    [Fact]
    public async Task Dapper_binds_a_DateTime_date_and_a_string()
    {
        await using var connection = await fixture.OpenAsync();
        var rows = await connection.QueryAsync<Ad>($"{Select} WHERE date >= @from AND country = @country", new { from = new DateTime(2026, 3, 1), country = "GB" });

        var expected = Expected(r => r.Date >= new DateOnly(2026, 3, 1) && r.Country == "GB");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Actual(rows));
    }

    [Fact]
    public async Task Dapper_binds_DateOnly_bounds()
    {
        await using var connection = await fixture.OpenAsync();
        var from = new DateOnly(2025, 2, 1);
        var to = new DateOnly(2025, 4, 30);
        // Dapper 2.1 cannot infer a DbType for DateOnly itself; with an explicit DbType it hands the DateOnly to the provider.
        var parameters = new DynamicParameters();
        parameters.Add("from", from, DbType.Date);
        parameters.Add("to", to, DbType.Date);
        parameters.Add("country", "US");
        var rows = connection.Query<Ad>($"{Select} WHERE date BETWEEN @from AND @to AND country <> @country", parameters);

        var expected = Expected(r => r.Date >= from && r.Date <= to && r.Country != "US");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Actual(rows));
    }

    [Fact]
    public async Task Dapper_expands_IN_lists_with_and_without_parentheses()
    {
        await using var connection = await fixture.OpenAsync();
        string[] countries = ["DE", "JP", "BR"];
        var conversions = new List<long> { 0, 3, 5, 8 };
        var rows = await connection.QueryAsync<Ad>($"{Select} WHERE country IN @countries AND conversions IN (@conversions)", new { countries, conversions });

        var expected = Expected(r => countries.Contains(r.Country) && conversions.Contains(r.Conversions));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Actual(rows));

        var notIn = await connection.QueryAsync<string?>($"SELECT channel FROM {Mart} WHERE channel NOT IN @channels", new { channels = new[] { "google", "facebook" } });
        Assert.Equal(All.Where(r => r.Channel is not ("google" or "facebook")).Select(r => r.Channel), notIn);
    }

    [Fact]
    public async Task Dapper_empty_NOT_IN_list_is_dropped_and_empty_IN_list_returns_no_rows_without_a_request()
    {
        await using var connection = await fixture.OpenAsync();
        var all = await connection.QueryAsync<string>($"SELECT country FROM {Mart} WHERE country NOT IN @none", new { none = Array.Empty<string>() });
        Assert.Equal(All.Select(r => r.Country), all);

        var before = fixture.Emulator.DataRequestCount;
        Assert.Empty(await connection.QueryAsync<string>($"SELECT country FROM {Mart} WHERE country IN @none", new { none = Array.Empty<string>() }));
        NotSent(fixture, before);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Dapper_boolean_flags_become_is_true_or_is_false(bool flag)
    {
        await using var connection = await fixture.OpenAsync();
        var rows = await connection.QueryAsync<Ad>($"{Select} WHERE is_active = @flag AND country = 'IN'", new { flag });
        Assert.Equal(Expected(r => r.IsActive == flag && r.Country == "IN"), Actual(rows));

        var negated = await connection.QueryAsync<Ad>($"{Select} WHERE is_active <> @flag AND country = 'IN'", new { flag });
        Assert.Equal(Expected(r => r.IsActive != flag && r.Country == "IN"), Actual(negated));
    }

    [Fact]
    public async Task Dapper_binds_integers_decimals_doubles_and_a_timestamp()
    {
        await using var connection = await fixture.OpenAsync();
        var since = new DateTime(2025, 10, 1, 6, 30, 15, DateTimeKind.Utc);
        var rows = await connection.QueryAsync<Ad>(
            $"{Select} WHERE clicks > @minClicks AND cost <= @maxCost AND ctr >= @minCtr AND created_at >= @since",
            new { minClicks = 50, maxCost = 7500.25m, minCtr = 0.005, since });

        var expected = Expected(r => r.Clicks > 50 && r.Cost <= 7500.25m && r.Ctr >= 0.005 && r.CreatedAt >= since);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Actual(rows));
    }

    [Fact]
    public async Task Raw_OwoxParameters_bind_by_name_with_either_prefix_in_every_literal_position()
    {
        await using var connection = await fixture.OpenAsync();
        var clock = fixture.Emulator.Clock;
        var saved = clock.Now;
        clock.Set(new DateTimeOffset(2026, 2, 10, 12, 0, 0, TimeSpan.Zero));
        try
        {
            using var command = new OwoxCommand(
                $"SELECT date, campaign, country, cost FROM {Mart} WHERE campaign LIKE @prefix AND date IN LAST_N_DAYS(:days) AND country IN (@a, @b, @c) AND date <> @skip ORDER BY cost DESC LIMIT :n",
                connection);
            command.Parameters.Add(new OwoxParameter("prefix", "%#1%"));
            command.Parameters.Add(new OwoxParameter("@days", 200));
            command.Parameters.Add(new OwoxParameter(":a", "US"));
            command.Parameters.Add(new OwoxParameter("B", "DE"));
            command.Parameters.Add(new OwoxParameter("c", "UA"));
            command.Parameters.Add(new OwoxParameter("skip", new DateTime(2026, 1, 1)) { DbType = DbType.Date });
            command.Parameters.Add(new OwoxParameter("n", 15L));
            command.Parameters.Add(new OwoxParameter("unused", Guid.NewGuid()));
            var result = await ReadAsync(command, async: true);

            var today = new DateOnly(2026, 2, 10);
            var expected = All
                .Where(r => r.Campaign.Contains("#1", StringComparison.Ordinal) && r.Date >= today.AddDays(-199) && r.Date <= today
                    && r.Country is "US" or "DE" or "UA" && r.Date != new DateOnly(2026, 1, 1))
                .OrderByDescending(r => r.Cost).Take(15)
                .Select(r => new object[] { Day(r.Date), r.Campaign, r.Country, r.Cost }).ToList();
            Assert.Equal(15, expected.Count);
            Assert.Equal(expected, result.Rows);
        }
        finally
        {
            clock.Set(saved);
        }
    }

    [Fact]
    public async Task Positional_question_marks_bind_in_order_and_ignore_names()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT campaign, clicks FROM {Mart} WHERE country = ? AND clicks >= ? AND notes LIKE ? ORDER BY clicks DESC LIMIT ?";
        foreach (var value in new object[] { "FR", 10, "note%", 4 })
        {
            var p = command.CreateParameter();
            p.ParameterName = "ignored";
            p.Value = value;
            command.Parameters.Add(p);
        }
        var result = await ReadAsync((OwoxCommand)command, async: false);

        var expected = All.Where(r => r.Country == "FR" && r.Clicks >= 10 && r.Notes is not null && r.Notes.StartsWith("note", StringComparison.Ordinal))
            .OrderByDescending(r => r.Clicks).Take(4).Select(r => new object[] { r.Campaign, r.Clicks }).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, result.Rows);
    }

    [Fact]
    public async Task A_missing_parameter_is_refused_by_name_before_any_request()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        using var command = new OwoxCommand($"SELECT campaign FROM {Mart} WHERE country = @country AND clicks > @minClicks", connection);
        command.Parameters.Add(new OwoxParameter("country", "US"));
        var e = await Assert.ThrowsAsync<OwoxException>(() => command.ExecuteReaderAsync());
        Assert.Contains("minClicks", e.Message, StringComparison.Ordinal);
        NotSent(fixture, before);

        var dapper = Assert.Throws<OwoxException>(() => connection.Query<string>($"SELECT campaign FROM {Mart} WHERE country = @country", new { region = "US" }));
        Assert.Contains("country", dapper.Message, StringComparison.Ordinal);
        NotSent(fixture, before);

        var positional = new OwoxCommand($"SELECT campaign FROM {Mart} WHERE country = ? AND clicks > ?", connection);
        positional.Parameters.Add(new OwoxParameter("x", "US"));
        var missing = Assert.Throws<OwoxException>(() => positional.ExecuteReader());
        Assert.Contains("?", missing.Message, StringComparison.Ordinal);
        NotSent(fixture, before);
    }

    [Fact]
    public async Task A_null_parameter_in_a_comparison_is_refused_with_IS_NULL_advice()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        var e = await Assert.ThrowsAsync<OwoxException>(() => connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE channel = @channel", new { channel = (string?)null }));
        Assert.Contains("channel", e.Message, StringComparison.Ordinal);
        Assert.Contains("IS NULL", e.Message, StringComparison.Ordinal);
        NotSent(fixture, before);
    }

    [Fact]
    public async Task Timestamps_from_DateTimeOffset_and_local_DateTime_are_compared_in_UTC()
    {
        await using var connection = await fixture.OpenAsync();
        var offset = new DateTimeOffset(2025, 10, 1, 8, 30, 15, TimeSpan.FromHours(2));
        var viaOffset = await connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE created_at >= @since", new { since = offset });
        Assert.Equal(All.Where(r => r.CreatedAt >= offset.UtcDateTime).Select(r => r.Campaign), viaOffset);

        var local = new DateTime(2025, 10, 1, 8, 30, 15, DateTimeKind.Local);
        var viaLocal = await connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE created_at < @until", new { until = local });
        Assert.Equal(All.Where(r => r.CreatedAt < local.ToUniversalTime()).Select(r => r.Campaign), viaLocal);

        var exact = DateTime.SpecifyKind(All[17].CreatedAt, DateTimeKind.Utc);
        var single = await connection.QuerySingleAsync<string>($"SELECT campaign FROM {Mart} WHERE created_at = @exact", new { exact });
        Assert.Equal(All[17].Campaign, single);
    }

    [Fact]
    public async Task Values_follow_the_column_type_and_counts_can_be_parameters()
    {
        await using var connection = await fixture.OpenAsync();
        var numericStrings = await connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE clicks IN @ids", new { ids = new[] { "10", "20", "30" } });
        Assert.Equal(All.Where(r => r.Clicks is 10 or 20 or 30).Select(r => r.Campaign), numericStrings);

        var enumAsInteger = await connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE clicks = @day", new { day = DayOfWeek.Friday });
        Assert.Equal(All.Where(r => r.Clicks == 5).Select(r => r.Campaign), enumAsInteger);

        var between = await connection.QueryAsync<string>($"SELECT campaign, cost FROM {Mart} WHERE cost BETWEEN @low AND @high ORDER BY cost LIMIT @n", new { low = 100, high = 900.5m, n = 4 });
        Assert.Equal(All.Where(r => r.Cost is >= 100 and <= 900.5m).OrderBy(r => r.Cost).Take(4).Select(r => r.Campaign), between);

        var regex = await connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE REGEXP_LIKE(campaign, @pattern)", new { pattern = @"^Ret.*#4\d$" });
        var expected = All.Where(r => System.Text.RegularExpressions.Regex.IsMatch(r.Campaign, @"^Ret.*#4\d\z")).Select(r => r.Campaign).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, regex);
    }

    [Fact]
    public async Task Parameter_values_the_API_cannot_express_are_refused_before_sending()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;

        var timeOnDate = await Assert.ThrowsAsync<OwoxException>(() => connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE date >= @d", new { d = new DateTime(2025, 5, 5, 10, 0, 0) }));
        Assert.Contains("@d", timeOnDate.Message, StringComparison.Ordinal);
        Assert.Contains("DATE", timeOnDate.Message, StringComparison.Ordinal);

        var underscore = await Assert.ThrowsAsync<OwoxException>(() => connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE campaign LIKE @p", new { p = "%#4_" }));
        Assert.Contains("'_' in a LIKE pattern", underscore.Message, StringComparison.Ordinal);

        var bytes = await Assert.ThrowsAsync<OwoxException>(() => connection.QueryAsync<string>($"SELECT campaign FROM {Mart} WHERE notes = @b", new { b = new byte[] { 1 } }));
        Assert.Contains("b", bytes.Message, StringComparison.Ordinal);
        NotSent(fixture, before);
    }
}
