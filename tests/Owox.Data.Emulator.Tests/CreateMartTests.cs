using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class CreateMartTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("owox-emulator-tests").FullName;
    private readonly ApiClient _client = fixture.Client;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Mart_from_csv_streams_typed_values()
    {
        var csv = Path.Combine(_dir, "sales.csv");
        await File.WriteAllTextAsync(csv, "day,region,amount,units,ok\n2026-01-02,\"North, \"\"big\"\"\",12.50,3,true\n2026-01-03,South,,4,false\n");
        var id = fixture.Emulator.ImportDataMart(new DataMartDefinition
        {
            Title = "Sales",
            Columns = [new("day", "DATE"), new("region", "STRING"), new("amount", "NUMERIC"), new("units", "INTEGER"), new("ok", "BOOLEAN")],
        }, csv);
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(id));
        Assert.Equal(2, rows.Count);
        Assert.Equal("""{"day":"2026-01-02","region":"North, \"big\"","amount":"12.5","units":3,"ok":true}""", rows[0].GetRawText());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("amount").ValueKind);
        var filtered = await _client.RowsAsync(ApiClient.DataMartPath(id, "column=region&filter=" + ApiClient.Encode("""[{"column":"units","operator":"gt","value":3}]""")));
        Assert.Equal("South", filtered.Single().GetProperty("region").GetString());
    }

    [Fact]
    public async Task Mart_from_ndjson_as_draft_then_published()
    {
        var file = Path.Combine(_dir, "events.ndjson");
        await File.WriteAllTextAsync(file, "{\"at\":\"2026-02-01T10:00:00Z\",\"n\":1,\"v\":{\"k\":[1,2]}}\n\n{\"at\":\"2026-02-01T11:00:00.5Z\",\"n\":2}\n");
        var id = fixture.Emulator.ImportDataMart(new DataMartDefinition
        {
            Title = "Events",
            Storage = StorageFlavor.Snowflake,
            Published = false,
            Columns = [new("at", "TIMESTAMP"), new("n", "NUMERIC"), new("v", "VARIANT")],
        }, file);
        await _client.ErrorAsync(ApiClient.DataMartPath(id), HttpStatusCode.NotFound);
        fixture.Emulator.SetDataMartPublished(id, true);
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(id));
        Assert.Equal("""{"at":"2026-02-01 10:00:00.000 +0000","n":1,"v":"{\"k\":[1,2]}"}""", rows[0].GetRawText());
        Assert.Equal("""{"at":"2026-02-01 11:00:00.500 +0000","n":2,"v":null}""", rows[1].GetRawText());
    }

    [Fact]
    public void Row_width_must_match_the_columns()
    {
        Assert.Throws<ArgumentException>(() => fixture.Emulator.CreateDataMart(new DataMartDefinition { Columns = [new("a", "STRING")] }, [["x", "y"]]));
    }

    [Fact]
    public async Task Cli_creates_a_mart_in_a_database_file_that_a_later_emulator_serves()
    {
        var db = Path.Combine(_dir, "cli.db");
        var csv = Path.Combine(_dir, "cli.csv");
        await File.WriteAllTextAsync(csv, "name,score\nada,10\ngrace,12\n");
        var assembly = typeof(OwoxEmulator).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "create-mart", "--data", db, "--file", csv, "--column", "name:STRING", "--column", "score:integer", "--id", "11111111-2222-4333-8444-555555555555", "--rows", "5" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, output + error);
            Assert.Equal("11111111-2222-4333-8444-555555555555", output.Trim());
        }

        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DatabasePath = db, DemoRows = 5 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var rows = await client.RowsAsync(ApiClient.DataMartPath("11111111-2222-4333-8444-555555555555"));
        Assert.Equal(["ada", "grace"], rows.Select(r => r.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(5, (await client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance))).Count);
    }

    [Fact]
    public async Task A_failure_after_the_headers_truncates_the_stream_and_fails_the_run()
    {
        var id = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "broken",
            Columns = [new("n", "INTEGER"), new DataMartColumn("tags", "STRING") { Mode = "REPEATED" }],
        }, [[1L, "[1]"], [2L, "[2]"], [3L, "not json"]]);
        using var response = await _client.GetAsync(ApiClient.DataMartPath(id), System.Net.Http.HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var (lines, error) = await ApiClient.ReadUntilFailureAsync(response);
        Assert.NotNull(error);
        var run = await _client.GetJsonAsync($"/api/data-marts/{id}/runs/{runId}");
        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.Equal(2, run.GetProperty("additionalParams").GetProperty("httpData").GetProperty("rowCount").GetInt32());
    }
}
