using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Cli.Tests;

/// <summary>owox-data, the README's main job, run in-process the way a newcomer runs it: with no key it starts the emulator.</summary>
public class CliTests
{
    private static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(null, CancellationToken.None, args);

    [Fact]
    public async Task Without_a_key_it_streams_the_emulator_demo_mart_as_a_table()
    {
        var (exit, output, errors) = await RunAsync();
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 50, lines.Length);
        Assert.StartsWith("date", lines[0], StringComparison.Ordinal);
        Assert.Contains("50 rows", errors, StringComparison.Ordinal);
        Assert.Contains("emulator", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ndjson_output_round_trips_the_values()
    {
        var (exit, output, _) = await RunAsync("--format", "ndjson", "--max-rows", "5");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var row = JsonDocument.Parse(lines[i]);
            var expected = DemoMarts.AdPerformanceRow(i);
            Assert.Equal(expected.Campaign, row.RootElement.GetProperty("campaign").GetString());
            Assert.Equal(expected.Cost, row.RootElement.GetProperty("cost").GetDecimal());
            Assert.Equal(expected.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.RootElement.GetProperty("date").GetString());
        }
    }

    [Fact]
    public async Task It_lists_data_marts_and_columns()
    {
        var marts = await RunAsync("marts", "--format", "csv");
        Assert.Equal(0, marts.Exit);
        Assert.Contains(DemoMarts.AdPerformance, marts.Out, StringComparison.Ordinal);
        Assert.Contains(DemoMarts.Athena, marts.Out, StringComparison.Ordinal);
        Assert.StartsWith("ID,TITLE,STATUS,STORAGE_TYPE,DESCRIPTION", marts.Out, StringComparison.Ordinal);

        var table = await RunAsync("marts");
        Assert.Equal(0, table.Exit);
        Assert.Contains(DemoMarts.AdPerformance + " | Ad performance", table.Out, StringComparison.Ordinal);

        var columns = await RunAsync("columns", DemoMarts.AdPerformance, "--format", "csv");
        Assert.Equal(0, columns.Exit);
        foreach (var column in DemoMarts.AdPerformanceColumns)
            Assert.Contains("," + column + ",", columns.Out, StringComparison.Ordinal);
        Assert.Contains("13 columns", columns.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_codes_say_what_went_wrong()
    {
        var refused = await RunAsync($"SELECT date FROM \"{DemoMarts.AdPerformance}\" WHERE clicks = 1 OR country = 'DE'");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("OR is not supported", refused.Err, StringComparison.Ordinal);

        var badFormat = await RunAsync("--format", "xml");
        Assert.Equal(2, badFormat.Exit);
        Assert.Contains("--format", badFormat.Err, StringComparison.Ordinal);
    }
}
