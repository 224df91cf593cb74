using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>The shapes the official OWOX client validates, over raw HTTP (wire-protocol §5.2, §5.5, §5.6, §5.8).</summary>
public sealed class OfficialClientShapeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    private static string[] TypesOf(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();

    [Fact]
    public async Task Data_mart_list_items_have_no_connector_source_name_instead_of_null()
    {
        var items = (await _client.GetJsonAsync("/api/data-marts")).GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.False(i.TryGetProperty("connectorSourceName", out _), i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Owner_filter_keeps_marts_with_or_without_owners()
    {
        var all = (await _client.GetJsonAsync("/api/data-marts")).GetProperty("total").GetInt32();
        var withOwners = await _client.GetJsonAsync("/api/data-marts?ownerFilter=has_owners");
        Assert.Equal(0, withOwners.GetProperty("items").GetArrayLength());
        Assert.Equal(0, withOwners.GetProperty("total").GetInt32());
        var withoutOwners = await _client.GetJsonAsync("/api/data-marts?ownerFilter=no_owners");
        Assert.Equal(all, withoutOwners.GetProperty("items").GetArrayLength());
        Assert.All(withoutOwners.GetProperty("items").EnumerateArray(), i =>
            Assert.Equal(0, i.GetProperty("businessOwnerUsers").GetArrayLength() + i.GetProperty("technicalOwnerUsers").GetArrayLength()));

        var error = await _client.ErrorAsync("/api/data-marts?ownerFilter=mine", HttpStatusCode.BadRequest);
        Assert.Equal("Request validation failed", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Run_objects_carry_the_insight_and_ai_members_as_null()
    {
        using (var stream = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&limit=1")))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        }

        string[] members = ["insightId", "insightDefinition", "insightTemplateId", "insightTemplateDefinition", "aiSourceDefinition"];
        var martRuns = (await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs")).GetProperty("runs");
        var projectRuns = (await _client.GetJsonAsync("/api/data-marts/runs")).GetProperty("runs");
        var first = martRuns[0];
        var one = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{first.GetProperty("id").GetString()}");
        foreach (var run in new[] { first, projectRuns[0], one })
        {
            foreach (var member in members)
            {
                Assert.True(run.TryGetProperty(member, out var value), member);
                Assert.Equal(JsonValueKind.Null, value.ValueKind);
            }
        }
    }

    [Fact]
    public async Task Data_storages_are_the_storages_of_the_emulators_marts()
    {
        var storages = await _client.GetJsonAsync("/api/data-storages");
        Assert.Equal(["AWS_ATHENA", "AWS_REDSHIFT", "DATABRICKS", "GOOGLE_BIGQUERY", "SNOWFLAKE"], TypesOf(storages));
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        var bigQuery = storages.EnumerateArray().Single(s => s.GetProperty("type").GetString() == "GOOGLE_BIGQUERY");
        Assert.Equal(mart.GetProperty("storage").GetProperty("id").GetString(), bigQuery.GetProperty("id").GetString());
        Assert.Equal(mart.GetProperty("storage").GetProperty("title").GetString(), bigQuery.GetProperty("title").GetString());
        Assert.Equal("emulator-project", bigQuery.GetProperty("projectId").GetString());
        Assert.Equal(JsonValueKind.Object, bigQuery.GetProperty("credentials").ValueKind);
        Assert.Equal(JsonValueKind.Object, bigQuery.GetProperty("config").ValueKind);
        Assert.True(DateTimeOffset.TryParse(bigQuery.GetProperty("createdAt").GetString(), out _));
    }

    [Fact]
    public async Task Data_destinations_hold_the_http_data_destination_reports_use()
    {
        var destinations = await _client.GetJsonAsync("/api/data-destinations");
        var report = await _client.GetJsonAsync($"/api/reports/{DemoMarts.ActiveCampaignsReport}");
        var destination = Assert.Single(destinations.EnumerateArray());
        Assert.Equal(report.GetProperty("dataDestinationAccess").GetProperty("id").GetString(), destination.GetProperty("id").GetString());
        Assert.Equal("HTTP_DATA", destination.GetProperty("type").GetString());
        Assert.Equal("HTTP Data", destination.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Search_finds_marts_then_reports_by_title_ignoring_case()
    {
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        var title = mart.GetProperty("title").GetString()!;
        var items = (await _client.GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(title.ToUpperInvariant()))).GetProperty("items");
        Assert.Contains(items.EnumerateArray(), i => i.GetProperty("type").GetString() == "DATA_MART" && i.GetProperty("id").GetString() == DemoMarts.AdPerformance);

        var all = (await _client.GetJsonAsync("/api/search")).GetProperty("items").EnumerateArray().ToList();
        var martCount = (await _client.GetJsonAsync("/api/data-marts")).GetProperty("total").GetInt32();
        Assert.Equal(martCount, all.Count(i => i.GetProperty("type").GetString() == "DATA_MART"));
        Assert.Contains(all, i => i.GetProperty("type").GetString() == "REPORT" && i.GetProperty("id").GetString() == DemoMarts.CostByCountryReport);
        Assert.True(all.FindIndex(i => i.GetProperty("type").GetString() == "REPORT") == martCount, "marts come first");
        Assert.Empty((await _client.GetJsonAsync("/api/search?q=no-such-title")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Model_canvas_has_a_node_per_mart_and_no_edges()
    {
        var nodes = await _client.GetJsonAsync("/api/model-canvas/data-marts");
        var total = (await _client.GetJsonAsync("/api/data-marts")).GetProperty("total").GetInt32();
        Assert.Equal(total, nodes.GetArrayLength());
        var ad = nodes.EnumerateArray().Single(n => n.GetProperty("id").GetString() == DemoMarts.AdPerformance);
        Assert.Equal("PUBLISHED", ad.GetProperty("status").GetString());
        Assert.Equal("GOOGLE_BIGQUERY", ad.GetProperty("storage").GetProperty("type").GetString());
        Assert.Equal(0, (await _client.GetJsonAsync("/api/model-canvas/edges")).GetArrayLength());
    }

    [Fact]
    public async Task Project_settings_setup_progress_publications_and_insight_templates_are_served()
    {
        var settings = await _client.GetJsonAsync("/api/projects/settings");
        var context = await _client.GetJsonAsync("/api/auth/context");
        Assert.Equal(context.GetProperty("projectId").GetString(), settings.GetProperty("projectId").GetString());
        Assert.Equal(context.GetProperty("projectTitle").GetString(), settings.GetProperty("projectTitle").GetString());
        Assert.Equal(0, (await _client.GetJsonAsync("/api/project-setup-progress")).GetProperty("steps").GetArrayLength());
        Assert.Equal(0, (await _client.GetJsonAsync("/api/plugins/publications")).GetArrayLength());
        Assert.Equal(JsonValueKind.Array, (await _client.GetJsonAsync("/api/data-marts/insight-templates")).ValueKind);
    }

    [Fact]
    public async Task Markdown_is_parsed_to_html_with_everything_else_escaped()
    {
        var json = await PostMarkdownAsync("""{"markdown":"# Title\n\nSome **bold**, *em* and `code` <b>.\n\n- one\n- [two](https://example.com)"}""", HttpStatusCode.OK);
        Assert.Equal(
            "<h1>Title</h1>\n<p>Some <strong>bold</strong>, <em>em</em> and <code>code</code> &lt;b&gt;.</p>\n<ul>\n<li>one</li>\n<li><a href=\"https://example.com\">two</a></li>\n</ul>\n",
            json.GetProperty("html").GetString());

        var error = await PostMarkdownAsync("""{"text":"x"}""", HttpStatusCode.BadRequest);
        Assert.Equal("markdown must be a string.", error.GetProperty("details").GetProperty("errors")[0].GetProperty("message").GetString());
    }

    private async Task<JsonElement> PostMarkdownAsync(string body, HttpStatusCode expected)
    {
        using var request = _client.Request("/api/markdown/parse-to-html");
        request.Method = HttpMethod.Post;
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Report_output_schema_lists_the_streamed_keys_with_their_types()
    {
        var schema = (await _client.GetJsonAsync($"/api/reports/{DemoMarts.CostByCountryReport}/output-schema")).GetProperty("columns");
        var rows = await _client.RowsAsync($"/api/external/http-data/reports/{DemoMarts.CostByCountryReport}.ndjson?limit=1");
        Assert.Equal(ApiClient.Keys(rows[0]), schema.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList());
        var byName = schema.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString());
        Assert.Equal("STRING", byName["country"]);
        Assert.Equal("FLOAT", byName["ctr | AVG"]);
        Assert.Equal("INTEGER", byName["Row Count"]);

        var error = await _client.ErrorAsync("/api/reports/no-such-report/output-schema", HttpStatusCode.NotFound);
        Assert.Equal("Report with id no-such-report not found", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/project-member-api-keys")]
    [InlineData("POST", "/api/project-member-api-keys")]
    [InlineData("GET", "/api/members")]
    [InlineData("GET", "/api/user-provisioning/settings")]
    [InlineData("POST", "/api/intercom/jwt")]
    [InlineData("GET", "/api/connectors/Facebook/oauth/settings")]
    [InlineData("POST", "/api/data-destinations/connect/google-sheets")]
    [InlineData("GET", "/api/data-destinations/oauth/settings")]
    [InlineData("DELETE", "/api/data-destinations/d1/oauth")]
    [InlineData("GET", "/api/data-storages/oauth/settings")]
    [InlineData("GET", "/api/data-storages/s1/oauth/status")]
    [InlineData("POST", "/api/plugins/installations/i1/runtime-token")]
    public async Task Endpoints_that_refuse_api_keys_stay_403(string method, string path)
    {
        using var request = _client.Request(path);
        request.Method = new HttpMethod(method);
        using var response = await _client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("API key authentication is not allowed for this endpoint", doc.RootElement.GetProperty("message").GetString());
    }
}
