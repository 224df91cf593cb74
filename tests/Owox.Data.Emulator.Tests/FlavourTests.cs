using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>Per-warehouse value forms (wire-protocol §3.8) and schema type names (wire-protocol §5.3).</summary>
public sealed class FlavourTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    private static string E(string json) => ApiClient.Encode(json);

    private Task<System.Collections.Generic.List<JsonElement>> Rows(string id, string query = "") => _client.RowsAsync(ApiClient.DataMartPath(id, query));

    private static string Raw(JsonElement row, string key) => row.GetProperty(key).GetRawText();

    [Fact]
    public async Task BigQuery_values()
    {
        var rows = await Rows(DemoMarts.BigQuery);
        var r1 = rows[0];
        Assert.Equal("\"123.45\"", Raw(r1, "amount"));
        Assert.Equal("\"1.5e+21\"", Raw(r1, "big"));
        Assert.Equal("3.14", Raw(r1, "ratio"));
        Assert.Equal("true", Raw(r1, "flag"));
        Assert.Equal("\"2026-05-01\"", Raw(r1, "day"));
        Assert.Equal("\"2026-05-01T12:34:56.123456\"", Raw(r1, "dt"));
        Assert.Equal("\"23:59:59.999999\"", Raw(r1, "t"));
        Assert.Equal("\"2025-05-01T12:34:56.123Z\"", Raw(r1, "ts"));
        Assert.Equal("\"YWJj\"", Raw(r1, "payload"));
        Assert.Equal("{\"a\":1}", r1.GetProperty("doc").GetString());
        Assert.Equal("[\n  \"x\",\n  \"y\"\n]", r1.GetProperty("tags").GetString());
        Assert.Equal(JsonValueKind.Object, r1.GetProperty("rec").ValueKind);
        Assert.Equal("{\"x\":7,\"y\":{\"value\":\"2026-02-02\"},\"z\":\"1.5\"}", Raw(r1, "rec"));
        Assert.Equal("7", Raw(r1, "rec.x"));
        Assert.Equal("\"2026-02-02\"", Raw(r1, "rec.y"));
        Assert.Equal("\"1.5\"", Raw(r1, "rec.z"));
        Assert.Equal("9007199254740992", Raw(r1, "huge"));
        Assert.Equal(
            ["id", "name", "amount", "big", "ratio", "flag", "day", "dt", "t", "ts", "payload", "doc", "geo", "tags", "rec", "rec.x", "rec.y", "rec.z", "huge"],
            ApiClient.Keys(r1));

        var r2 = rows[1];
        Assert.Equal("\"1e-7\"", Raw(r2, "amount"));
        Assert.Equal("\"2026-05-01T12:34:56\"", Raw(r2, "dt"));
        Assert.Equal("\"2025-05-01T12:34:56.123400000Z\"", Raw(r2, "ts"));
        Assert.Equal("ünï \"q\"\t\\", r2.GetProperty("name").GetString());
        Assert.Equal("[]", r2.GetProperty("tags").GetString());
        Assert.All(rows[2].EnumerateObject().Where(p => p.Name != "id"), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
    }

    [Fact]
    public async Task BigQuery_schema_has_nested_fields_and_hides_hidden_and_disconnected_columns()
    {
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.BigQuery}");
        var fields = mart.GetProperty("schema").GetProperty("fields").EnumerateArray().ToList();
        var rec = fields.Single(f => f.GetProperty("name").GetString() == "rec");
        Assert.Equal("RECORD", rec.GetProperty("type").GetString());
        Assert.Equal(["x", "y", "z"], rec.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("REPEATED", fields.Single(f => f.GetProperty("name").GetString() == "tags").GetProperty("mode").GetString());
        Assert.True(fields.Single(f => f.GetProperty("name").GetString() == "secret").GetProperty("isHiddenForReporting").GetBoolean());
        Assert.Equal("DISCONNECTED", fields.Single(f => f.GetProperty("name").GetString() == "gone").GetProperty("status").GetString());
        await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.BigQuery, "column=secret"), System.Net.HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task BigQuery_numeric_sum_stays_a_string()
    {
        var rows = await Rows(DemoMarts.BigQuery, "column=amount&aggregation=" + E("""[{"column":"amount","function":"SUM"},{"column":"amount","function":"COUNT"}]"""));
        var row = Assert.Single(rows);
        Assert.Equal(JsonValueKind.String, row.GetProperty("amount | SUM").ValueKind);
        Assert.Equal("2", Raw(row, "amount | COUNT"));
    }

    [Fact]
    public async Task Athena_values_are_strings_and_nulls_drop_the_key()
    {
        var rows = await Rows(DemoMarts.Athena);
        var r1 = rows[0];
        Assert.All(r1.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("9007199254740993", r1.GetProperty("id").GetString());
        Assert.Equal("123.45", r1.GetProperty("amount").GetString());
        Assert.Equal("true", r1.GetProperty("flag").GetString());
        Assert.Equal("2024-01-01 00:00:00.000", r1.GetProperty("ts").GetString());
        Assert.Equal("2024-01-01 00:00:00.000 UTC", r1.GetProperty("tstz").GetString());
        Assert.Equal("12:34:56.000", r1.GetProperty("t").GetString());
        Assert.Equal("61 62 63", r1.GetProperty("bin").GetString());
        Assert.Equal("42", r1.GetProperty("small").GetString());
        Assert.Equal("", rows[1].GetProperty("name").GetString());
        Assert.False(rows[1].TryGetProperty("bin", out _));
        Assert.Equal(["id"], ApiClient.Keys(rows[2]));
        var count = Assert.Single(await Rows(DemoMarts.Athena, "column=id&aggregation=" + E("""[{"column":"id","function":"COUNT"}]""")));
        Assert.Equal("\"3\"", Raw(count, "id | COUNT"));
    }

    [Fact]
    public async Task Snowflake_values()
    {
        var rows = await Rows(DemoMarts.Snowflake);
        var r1 = rows[0];
        Assert.Equal("42", Raw(r1, "ID"));
        Assert.Equal("12.5", Raw(r1, "AMOUNT"));
        Assert.Equal("\"2024-05-01 12:34:56.123 +0000\"", Raw(r1, "TS"));
        Assert.Equal("\"12:34:56\"", r1.GetProperty("T").GetString());
        Assert.Equal("{\"a\":1,\"b\":[1,2]}", r1.GetProperty("V").GetString());
        Assert.Equal("\"YWJj\"", Raw(r1, "BIN"));
        Assert.Equal("1e-7", Raw(rows[1], "RATIO"));
        Assert.Equal("9007199254740992", Raw(rows[1], "N"));
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.Snowflake}");
        Assert.Equal("snowflake-data-mart-schema", mart.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal("SNOWFLAKE", mart.GetProperty("storage").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Redshift_values()
    {
        var rows = await Rows(DemoMarts.Redshift);
        Assert.Equal("\"123.45\"", Raw(rows[0], "amount"));
        Assert.Equal("\"2026-05-01 12:34:56\"", Raw(rows[0], "ts"));
        Assert.Equal("\"2026-05-01 12:34:56+00\"", Raw(rows[0], "tstz"));
        Assert.Equal("\"2026-05-01 12:34:56.5\"", Raw(rows[1], "ts"));
        Assert.Equal("{\"a\":1}", rows[0].GetProperty("doc").GetString());
        Assert.Equal("null", Raw(rows[0], "raw"));
        Assert.Equal("true", Raw(rows[0], "flag"));
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.Redshift}");
        Assert.Contains(mart.GetProperty("schema").GetProperty("fields").EnumerateArray(), f => f.GetProperty("type").GetString() == "DOUBLE PRECISION");
    }

    [Fact]
    public async Task Databricks_values()
    {
        var rows = await Rows(DemoMarts.Databricks);
        Assert.Equal("\"2026-05-01T00:00:00.000Z\"", Raw(rows[0], "day"));
        Assert.Equal("\"2026-05-01T12:34:56.123Z\"", Raw(rows[0], "ts"));
        Assert.Equal("12.5", Raw(rows[0], "amount"));
        Assert.Equal("1e+21", Raw(rows[1], "ratio"));
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.Databricks}");
        Assert.Equal("databricks-data-mart-schema", mart.GetProperty("schema").GetProperty("type").GetString());
        Assert.True(mart.GetProperty("schema").TryGetProperty("table", out _));
    }

    [Fact]
    public async Task Date_trunc_result_type_follows_the_warehouse()
    {
        var trunc = "&dateTrunc=" + E("""[{"column":"ts","unit":"MONTH"}]""");
        var bq = await Rows(DemoMarts.BigQuery, "column=ts" + trunc + "&filter=" + E("""[{"column":"ts","operator":"is_not_null"}]"""));
        Assert.Equal("\"2025-05-01\"", Raw(bq[0], "ts"));
        var rs = await Rows(DemoMarts.Redshift, "column=ts" + trunc + "&filter=" + E("""[{"column":"ts","operator":"is_not_null"}]"""));
        Assert.Equal("\"2026-05-01 00:00:00\"", Raw(rs[0], "ts"));
        var db = await Rows(DemoMarts.Databricks, "column=day&dateTrunc=" + E("""[{"column":"day","unit":"YEAR"}]""") + "&sort=" + E("""[{"column":"day","direction":"desc"}]"""));
        Assert.Equal("\"2026-01-01T00:00:00.000Z\"", Raw(db[0], "day"));
        var sf = await Rows(DemoMarts.Snowflake, "column=TS&dateTrunc=" + E("""[{"column":"TS","unit":"DAY"}]""") + "&filter=" + E("""[{"column":"TS","operator":"is_not_null"}]"""));
        Assert.Equal("\"2024-05-01 00:00:00.000 +0000\"", Raw(sf[0], "TS"));
    }

    [Fact]
    public async Task Integer_like_keys_come_first()
    {
        var id = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "numeric names",
            Columns = [new DataMartColumn("name", "STRING"), new DataMartColumn("2024", "INTEGER"), new DataMartColumn("7", "INTEGER"), new DataMartColumn("07", "INTEGER")],
        }, [["a", 1L, 2L, 3L]]);
        var row = Assert.Single(await Rows(id));
        Assert.Equal(["7", "2024", "name", "07"], ApiClient.Keys(row));
    }
}
