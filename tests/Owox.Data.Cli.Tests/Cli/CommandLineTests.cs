using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Cli.Tests;

/// <summary>owox-data's command line: help and version, errors that name the option, listings, parameters, key files, CSV and NDJSON details.</summary>
public class CommandLineTests
{
    private static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(null, CancellationToken.None, args);

    [Theory]
    [InlineData("--help")]
    [InlineData("query", "--help")]
    [InlineData("marts", "--help")]
    [InlineData("columns", "--help")]
    [InlineData("reports", "--help")]
    [InlineData("emulator", "--help")]
    public async Task Every_command_has_help(params string[] args)
    {
        var (exit, output, _) = await RunAsync(args);
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("--help", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fromat", "--format")]
    [InlineData("marts --fromat csv", "--format")]
    [InlineData("--max-rows 0", "--max-rows")]
    [InlineData("--format xml", "--format")]
    [InlineData("columns", "data-mart-id")]
    [InlineData("columns --fromat csv x", "--format")]
    [InlineData("mrats", "marts")]
    [InlineData("emulator --stream-rows-per-second 0", "--stream-rows-per-second must be a positive number")]
    [InlineData("emulator --stream-bytes-per-second -5", "--stream-bytes-per-second must be a positive number")]
    [InlineData("export --output x", "--partition-by")]
    public async Task Bad_arguments_exit_2_and_name_the_option(string line, string named)
    {
        var (exit, output, errors) = await RunAsync(line.Split(' '));
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("owox-data: ", errors, StringComparison.Ordinal);
        Assert.Contains(named, errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Columns_of_an_unknown_data_mart_is_the_servers_404()
    {
        var (exit, output, errors) = await RunAsync("columns", "no-such-mart");
        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("404", errors, StringComparison.Ordinal);
        Assert.Contains("Data Mart with id no-such-mart", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("0 columns", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_lists_the_reports_of_every_data_mart()
    {
        var (exit, output, errors) = await RunAsync("reports", "--format", "csv");
        Assert.True(exit == 0, errors);
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ID,TITLE,DATA_MART_ID,DATA_MART_TITLE", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(DemoMarts.ActiveCampaignsReport + ",", StringComparison.Ordinal) && l.EndsWith(DemoMarts.AdPerformance + ",Ad performance", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(DemoMarts.CostByCountryReport + ",", StringComparison.Ordinal));
        Assert.Contains($"{lines.Length - 1} reports.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_are_bound_typed()
    {
        var first = DemoMarts.AdPerformanceRow(0);
        var (exit, output, errors) = await RunAsync(
            $"SELECT date, campaign FROM \"{DemoMarts.AdPerformance}\" WHERE date = @day AND clicks = @clicks AND is_active = @active",
            "--param", "day=" + first.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--param", "clicks=" + first.Clicks.ToString(CultureInfo.InvariantCulture),
            "-p", "active=" + (first.IsActive ? "true" : "false"),
            "--format", "ndjson");
        Assert.True(exit == 0, errors);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => JsonDocument.Parse(r).RootElement.GetProperty("campaign").GetString() == first.Campaign);
        Assert.Equal(2, (await RunAsync(DemoMarts.AdPerformance, "--param", "no-equals-sign")).Exit);
    }

    [Theory]
    [InlineData("42", typeof(long))]
    [InlineData("-7", typeof(long))]
    [InlineData("12.50", typeof(decimal))]
    [InlineData("true", typeof(bool))]
    [InlineData("2025-01-31", typeof(DateOnly))]
    [InlineData("2025-01-31T10:20:30", typeof(DateTime))]
    [InlineData("2025-01-31T10:20:30.5Z", typeof(DateTimeOffset))]
    [InlineData("2025-01-31T10:20:30+02:00", typeof(DateTimeOffset))]
    [InlineData("99999999999999999999", typeof(string))]
    [InlineData("1e5", typeof(string))]
    [InlineData("007x", typeof(string))]
    [InlineData("True", typeof(string))]
    [InlineData("", typeof(string))]
    public void Parameter_values_are_typed_only_when_unambiguous(string text, Type expected) =>
        Assert.IsType(expected, ParameterArgument.Value(text));

    [Fact]
    public async Task The_key_can_come_from_a_file()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 3 });
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, emulator.ApiKey + "\n");
            var (exit, output, errors) = await RunAsync(DemoMarts.AdPerformance, "--key-file", file, "--format", "csv");
            Assert.True(exit == 0, errors);
            Assert.DoesNotContain("emulator", errors, StringComparison.Ordinal);
            Assert.Equal(1 + 3, output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(2, (await RunAsync(DemoMarts.AdPerformance, "--key-file", file, "--key", emulator.ApiKey)).Exit);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Csv_is_rfc_4180_with_crlf_and_an_opt_in_bom()
    {
        var (exit, output, _) = await RunAsync("--format", "csv", "--max-rows", "50");
        Assert.Equal(0, exit);
        Assert.False(output.StartsWith('\uFEFF'));
        Assert.EndsWith("\r\n", output, StringComparison.Ordinal);
        Assert.StartsWith("date,campaign,channel,country,", output, StringComparison.Ordinal);
        Assert.Contains("notes\r\n", output, StringComparison.Ordinal);
        using (var csv = await Sylvan.Data.Csv.CsvDataReader.CreateAsync(new StringReader(output)))
        {
            var rows = 0;
            while (await csv.ReadAsync())
            {
                Assert.Equal(DemoMarts.AdPerformanceRow(rows).Campaign, csv.GetString(1));
                rows++;
            }
            Assert.Equal(50, rows);
        }
        var quoted = Enumerable.Range(0, 50).Select(DemoMarts.AdPerformanceRow).First(r => r.Campaign.Contains(',', StringComparison.Ordinal) || r.Campaign.Contains('"', StringComparison.Ordinal));
        Assert.Contains("\"" + quoted.Campaign.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", output, StringComparison.Ordinal);

        var bom = await RunAsync("--format", "csv", "--max-rows", "1", "--bom");
        Assert.Equal(0, bom.Exit);
        Assert.StartsWith("\uFEFFdate,", bom.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("--format", "ndjson", "--bom")).Exit);
    }

    [Fact]
    public async Task Ndjson_writes_json_columns_as_json()
    {
        var (exit, output, errors) = await RunAsync(DemoMarts.BigQuery, "--format", "ndjson", "--max-rows", "5");
        Assert.True(exit == 0, errors);
        var objects = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var row = JsonDocument.Parse(line);
            objects += row.RootElement.EnumerateObject().Count(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array);
        }
        Assert.True(objects > 0, output);
    }

    [Fact]
    public void Export_text_sorts_timestamps_in_time_order_and_marks_only_instants()
    {
        var whole = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var later = whole.AddTicks(1);
        Assert.Equal("2025-01-02T03:04:05.0000000Z", Export.ExportText.Format(whole, isDate: false));
        Assert.Equal("2025-01-02T03:04:05.0000001Z", Export.ExportText.Format(later, isDate: false));
        Assert.True(string.CompareOrdinal(Export.ExportText.Format(whole, false), Export.ExportText.Format(later, false)) < 0);
        Assert.Equal("2025-01-02T03:04:05.0000000", Export.ExportText.Format(DateTime.SpecifyKind(whole, DateTimeKind.Unspecified), isDate: false));
        Assert.Equal("2025-01-02", Export.ExportText.Format(whole.Date, isDate: true));
        Assert.Equal("01:02:03.0000000", Export.ExportText.Format(new TimeSpan(1, 2, 3), isDate: false));
        Assert.Equal("12.50", Export.ExportText.Format(12.50m, isDate: false));
        Assert.Equal(Encoding.UTF8.GetString([0xE2, 0x82, 0xAC]), Export.ExportText.Format("€", isDate: false));
    }
}
