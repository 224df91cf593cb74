using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class SchemaTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    [Fact]
    public async Task Ad_performance_schema_lists_the_columns_with_bigquery_types()
    {
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        Assert.Equal(DemoMarts.AdPerformance, mart.GetProperty("id").GetString());
        Assert.Equal("PUBLISHED", mart.GetProperty("status").GetString());
        Assert.Equal("GOOGLE_BIGQUERY", mart.GetProperty("storage").GetProperty("type").GetString());
        var schema = mart.GetProperty("schema");
        Assert.Equal("bigquery-data-mart-schema", schema.GetProperty("type").GetString());
        var fields = schema.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(DemoMarts.AdPerformanceColumns, fields.Select(f => f.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(
            ["DATE", "STRING", "STRING", "STRING", "INTEGER", "INTEGER", "INTEGER", "NUMERIC", "NUMERIC", "FLOAT", "BOOLEAN", "TIMESTAMP", "STRING"],
            fields.Select(f => f.GetProperty("type").GetString()!).ToArray());
        foreach (var f in fields)
        {
            Assert.Equal("CONNECTED", f.GetProperty("status").GetString());
            Assert.False(f.GetProperty("isHiddenForReporting").GetBoolean());
            Assert.True(f.TryGetProperty("isPrimaryKey", out _));
            Assert.True(f.TryGetProperty("mode", out _));
        }
    }

    [Fact]
    public async Task Draft_mart_metadata_is_visible_with_draft_status()
    {
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.Draft}");
        Assert.Equal("DRAFT", mart.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_mart_metadata_is_404()
    {
        var body = await _client.ErrorAsync("/api/data-marts/nope", HttpStatusCode.NotFound);
        Assert.Equal("Data Mart with id nope and projectId emulator-project not found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Blendable_schema_lists_native_fields_without_hidden_ones()
    {
        var schema = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.BigQuery}/blendable-schema");
        var names = schema.GetProperty("nativeFields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("rec", names);
        Assert.DoesNotContain("secret", names);
        Assert.Contains("gone", names);
        Assert.Equal(0, schema.GetProperty("blendedFields").GetArrayLength());
    }

    [Fact]
    public async Task Columns_double_star_equals_star_without_joins()
    {
        var star = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "columns=*&limit=2"));
        var both = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "columns=**&limit=2"));
        Assert.Equal(star.Select(r => r.GetRawText()), both.Select(r => r.GetRawText()));
    }
}
