using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>Step 2 (query shape, business shape B) and step 7 (output controls, shape A) of wire-protocol §3.4.</summary>
public sealed class ValidationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    private static string E(string json) => ApiClient.Encode(json);

    private async Task<string> Shape(string query)
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, query), HttpStatusCode.BadRequest);
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.False(body.TryGetProperty("errorDetails", out _));
        Assert.False(body.TryGetProperty("error", out _));
        Assert.True(body.TryGetProperty("timestamp", out _));
        Assert.EndsWith(query, body.GetProperty("path").GetString());
        return body.GetProperty("message").GetString()!;
    }

    [Theory]
    [InlineData("column=", "column.0: column value must not be empty")]
    [InlineData("column=date&column=", "column.1: column value must not be empty")]
    [InlineData("columns=**&column=date", "columns: \"**\" cannot be combined with exact column values")]
    [InlineData("columns=*&columns=*", "columns: Parameter \"columns\" cannot be repeated")]
    [InlineData("columns=x", "columns: \"columns\" must be \"*\" or \"**\"")]
    [InlineData("pageToken=abc", "pageToken: Parameter \"pageToken\" is not supported by HTTP Data API")]
    [InlineData("offset=10", "offset: Parameter \"offset\" is not supported by HTTP Data API")]
    [InlineData("limit=0", "limit: limit must be ≥ 1")]
    [InlineData("limit=1.5", "limit: limit must be an integer")]
    [InlineData("limit=abc", "limit: limit must be an integer")]
    [InlineData("limit=1&limit=2", "limit: limit must be an integer")]
    [InlineData("filter=%25%25%25", "filter: Invalid filter: value is not valid JSON")]
    [InlineData("filter=a&filter=b", "filter: Expected string, received array")]
    public async Task Shape_errors_have_the_documented_texts(string query, string message) => Assert.Equal(message, await Shape(query));

    [Fact]
    public async Task Config_shape_errors_have_the_documented_texts()
    {
        Assert.Equal("filter: Invalid filter: Expected array, received object", await Shape("filter=" + E("""{"column":"date"}""")));
        Assert.StartsWith("filter: Invalid filter: Invalid discriminator value. Expected 'eq' | 'neq' | ", await Shape("filter=" + E("""[{"column":"date","operator":"like","value":1}]""")));
        Assert.EndsWith(" | 'relative_date'", await Shape("filter=" + E("""[{"column":"date","operator":"like","value":1}]""")));
        Assert.Equal("filter: Invalid filter: Invalid input", await Shape("filter=" + E("""[{"column":"cost","operator":"gt"}]""")));
        Assert.Equal("filter: Invalid filter: in/not_in values must all be the same type (all strings or all numbers)", await Shape("filter=" + E("""[{"column":"country","operator":"in","value":["US",1]}]""")));
        Assert.Equal("filter: Invalid filter: in/not_in values must be strings or numbers — for boolean conditions use is_true/is_false", await Shape("filter=" + E("""[{"column":"country","operator":"in","value":[true]}]""")));
        Assert.Equal("filter: Invalid filter: Expected array, received string", await Shape("filter=" + E("""[{"column":"country","operator":"in","value":"US,GB"}]""")));
        Assert.Equal("filter: Invalid filter: 'between' bounds must be the same type (both strings or both numbers)", await Shape("filter=" + E("""[{"column":"cost","operator":"between","value":{"from":1,"to":"2"}}]""")));
        Assert.Equal("filter: Invalid filter: Number must be less than or equal to 3650", await Shape("filter=" + E("""[{"column":"date","operator":"relative_date","value":{"kind":"last_n_days","n":4000}}]""")));
        Assert.Equal("sort: Invalid sort: Invalid enum value. Expected 'asc' | 'desc', received 'DESC'", await Shape("sort=" + E("""[{"column":"date","direction":"DESC"}]""")));
        Assert.Equal(
            "aggregation: Invalid aggregation: Invalid enum value. Expected 'STRING_AGG' | 'MAX' | 'MIN' | 'SUM' | 'AVG' | 'COUNT' | 'COUNT_DISTINCT' | 'ANY_VALUE' | 'P25' | 'P50' | 'P75' | 'P95', received 'MEDIAN'",
            await Shape("column=cost&aggregation=" + E("""[{"column":"cost","function":"MEDIAN"}]""")));
        Assert.Equal(
            "dateTrunc: Invalid dateTrunc: Invalid enum value. Expected 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR', received 'HOUR'",
            await Shape("column=date&dateTrunc=" + E("""[{"column":"date","unit":"HOUR"}]""")));
        Assert.Equal("dateTrunc: Invalid dateTrunc: Invalid IANA time zone", await Shape("column=created_at&dateTrunc=" + E("""[{"column":"created_at","unit":"DAY","timeZone":"Europe Berlin"}]""")));
        Assert.Equal("filter: String must contain at most 8192 character(s)", await Shape("filter=" + new string('A', 8193)));
    }

    [Fact]
    public async Task Aggregation_and_date_trunc_need_an_explicit_projection()
    {
        const string text = "\"aggregation\" and \"dateTrunc\" require an explicit \"column\" projection and cannot combine with \"*\"/\"**\" or an empty column selection (which would group by every column)";
        Assert.Equal("aggregation: " + text, await Shape("aggregation=" + E("""[{"column":"cost","function":"SUM"}]""")));
        Assert.Equal("aggregation: " + text, await Shape("columns=*&column=cost&aggregation=" + E("""[{"column":"cost","function":"SUM"}]""")));
        Assert.Equal("dateTrunc: " + text, await Shape("dateTrunc=" + E("""[{"column":"date","unit":"DAY"}]""")));
    }

    [Fact]
    public async Task Several_issues_are_joined()
    {
        Assert.Equal("columns: \"columns\" must be \"*\" or \"**\"; limit: limit must be ≥ 1", await Shape("columns=x&limit=0"));
    }

    [Fact]
    public async Task Null_and_empty_configs_mean_no_control()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&limit=3&filter=" + E("null") + "&sort=" + E("[]")));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task Unknown_parameters_are_ignored()
    {
        Assert.Equal(2, (await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=2&cacheBuster=1"))).Count);
    }

    private async Task<JsonElement[]> Controls(string query)
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, query), HttpStatusCode.BadRequest);
        Assert.Equal("Output controls validation failed", body.GetProperty("message").GetString());
        return body.GetProperty("details").GetProperty("errors").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task Operator_legality_follows_the_type_category()
    {
        var errors = await Controls("filter=" + E("""[{"column":"cost","operator":"contains","value":"1"},{"column":"is_active","operator":"eq","value":true},{"column":"campaign","operator":"gt","value":"a"},{"column":"campaign","operator":"relative_date","value":{"kind":"today"}}]"""));
        Assert.Equal(4, errors.Length);
        Assert.All(errors, e => Assert.Equal("INVALID_OPERATOR_FOR_TYPE", e.GetProperty("code").GetString()));
        Assert.Equal("cost", errors[0].GetProperty("column").GetString());
        Assert.Equal("NUMERIC", errors[0].GetProperty("type").GetString());
        Assert.Equal("contains", errors[0].GetProperty("operator").GetString());
        Assert.Equal("BOOLEAN", errors[1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Output_control_codes()
    {
        string Code(JsonElement e) => e.GetProperty("code").GetString()!;
        Assert.Equal("INVALID_REGEX_PATTERN", Code((await Controls("filter=" + E("""[{"column":"campaign","operator":"regex","value":"(unclosed"}]""")))[0]));
        Assert.Equal("SORT_COLUMN_NOT_SELECTED", Code((await Controls("column=date&sort=" + E("""[{"column":"cost","direction":"asc"}]""")))[0]));
        Assert.Equal("AGGREGATION_COLUMN_NOT_SELECTED", Code((await Controls("column=date&aggregation=" + E("""[{"column":"cost","function":"SUM"}]""")))[0]));
        Assert.Equal("DUPLICATE_AGGREGATION", Code((await Controls("column=cost&aggregation=" + E("""[{"column":"cost","function":"SUM"},{"column":"cost","function":"SUM"}]""")))[0]));
        var notAllowed = (await Controls("column=campaign&aggregation=" + E("""[{"column":"campaign","function":"SUM"}]""")))[0];
        Assert.Equal("AGGREGATION_FUNCTION_NOT_ALLOWED_FOR_TYPE", Code(notAllowed));
        Assert.Equal("SUM", notAllowed.GetProperty("function").GetString());
        Assert.Equal("STRING", notAllowed.GetProperty("type").GetString());
        Assert.Equal("DATE_TRUNC_COLUMN_NOT_SELECTED", Code((await Controls("column=cost&dateTrunc=" + E("""[{"column":"date","unit":"DAY"}]""")))[0]));
        Assert.Equal("DATE_TRUNC_REQUIRES_DATE_COLUMN", Code((await Controls("column=cost&dateTrunc=" + E("""[{"column":"cost","unit":"DAY"}]""")))[0]));
        Assert.Equal("DATE_TRUNC_COLUMN_IS_AGGREGATED", Code((await Controls("column=date&aggregation=" + E("""[{"column":"date","function":"MAX"}]""") + "&dateTrunc=" + E("""[{"column":"date","unit":"DAY"}]""")))[0]));
        Assert.Equal("DATE_TRUNC_TIMEZONE_REQUIRES_TIMESTAMP", Code((await Controls("column=date&dateTrunc=" + E("""[{"column":"date","unit":"DAY","timeZone":"Europe/Berlin"}]""")))[0]));
        Assert.Equal("DATE_TRUNC_INVALID_TIMEZONE", Code((await Controls("column=created_at&dateTrunc=" + E("""[{"column":"created_at","unit":"DAY","timeZone":"Mars/Olympus"}]""")))[0]));
        Assert.Equal("HAVING_FILTER_NOT_AGGREGATED", Code((await Controls("column=country&column=cost&aggregation=" + E("""[{"column":"cost","function":"SUM"}]""") + "&filter=" + E("""[{"column":"cost","function":"MAX","operator":"gt","value":1}]""")))[0]));
    }

    [Fact]
    public async Task Pre_join_filters_need_a_joined_mart()
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "filter=" + E("""[{"column":"x","operator":"is_null","placement":"pre-join"}]""")), HttpStatusCode.BadRequest);
        Assert.Equal("Pre-join filters are only applicable to joined data marts", body.GetProperty("message").GetString());
        Assert.Equal("PRE_JOIN_FILTERS_REQUIRE_JOINED_DATA_MART", body.GetProperty("details").GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Unknown_columns_cover_every_control()
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&filter=" + E("""[{"column":"f1","operator":"is_null"}]""") + "&sort=" + E("""[{"column":"s1","direction":"asc"}]""")), HttpStatusCode.BadRequest);
        Assert.Equal("Unknown columns: f1, s1", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Row_count_label_collision_is_reported()
    {
        var id = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "collide",
            Columns = [new DataMartColumn("Name", "STRING"), new DataMartColumn("name", "STRING"), new DataMartColumn("Row Count", "INTEGER")],
        }, [["a", "b", 1L]]);
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(id), HttpStatusCode.BadRequest);
        Assert.Equal("OUTPUT_COLUMN_NAME_COLLISION", body.GetProperty("details").GetProperty("errors")[0].GetProperty("code").GetString());
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(id, "column=name"));
        Assert.Equal("b", rows.Single().GetProperty("name").GetString());
        var agg = await _client.ErrorAsync(ApiClient.DataMartPath(id, "column=Row%20Count&column=name&aggregation=" + E("""[{"column":"name","function":"COUNT"}]""")), HttpStatusCode.BadRequest);
        Assert.Equal("Output controls validation failed", agg.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Field_level_allowed_aggregations_are_enforced_and_published()
    {
        var error = (await Controls("column=date&aggregation=" + E("""[{"column":"date","function":"STRING_AGG"}]""")))[0];
        Assert.Equal("AGGREGATION_FUNCTION_NOT_ALLOWED_FOR_FIELD", error.GetProperty("code").GetString());
        Assert.Single(await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&aggregation=" + E("""[{"column":"date","function":"MAX"}]"""))));
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        var date = mart.GetProperty("schema").GetProperty("fields")[0];
        Assert.Equal("dimension", date.GetProperty("aggregationRole").GetString());
        Assert.Contains("MAX", date.GetProperty("allowedAggregations").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Parameter_names_are_case_sensitive()
    {
        Assert.Equal(EmulatorFixture.Rows, (await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "LIMIT=1&Column=date"))).Count);
        var body = await _client.ErrorAsync($"/api/external/http-data/reports/{DemoMarts.ActiveCampaignsReport}.ndjson?Limit=5", HttpStatusCode.BadRequest);
        Assert.Equal("Unrecognized key(s) in object: 'Limit'", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Plus_is_a_space_and_percent_escapes_decode()
    {
        var id = fixture.Emulator.CreateDataMart(new DataMartDefinition { Columns = [new("a b", "STRING"), new("c+d", "STRING")] }, [["1", "2"]]);
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(id, "column=a+b&column=c%2Bd"));
        Assert.Equal("""{"a b":"1","c+d":"2"}""", rows.Single().GetRawText());
    }
}
