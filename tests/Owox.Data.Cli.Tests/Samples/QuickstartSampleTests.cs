using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Samples.Quickstart;

namespace Owox.Data.Cli.Tests.Samples;

public class QuickstartSampleTests(SampleEmulatorFixture fixture) : IClassFixture<SampleEmulatorFixture>
{
    [Fact]
    public async Task Returns_and_prints_the_filtered_sorted_limited_rows()
    {
        var options = new QuickstartOptions { DataMartId = DemoMarts.AdPerformance, From = new DateOnly(2024, 11, 1), To = new DateOnly(2025, 2, 1), Limit = 10 };
        using var output = new StringWriter();

        var rows = await QuickstartSample.RunAsync(fixture.ApiKey, options, output);

        var expected = Enumerable.Range(0, SampleEmulatorFixture.DemoRows)
            .Select(DemoMarts.AdPerformanceRow)
            .Where(r => r.Date >= options.From && r.Date < options.To)
            .OrderBy(r => r.Date)
            .Take(10)
            .ToList();
        Assert.Equal(10, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Date.ToDateTime(TimeOnly.MinValue), rows[i].Date);
            Assert.Equal(expected[i].Campaign, rows[i].Campaign);
            Assert.Equal(expected[i].Channel, rows[i].Channel);
            Assert.Equal(expected[i].Clicks, rows[i].Clicks);
            Assert.Equal(expected[i].Cost, rows[i].Cost);
        }
        var text = output.ToString();
        Assert.Contains(expected[0].Campaign, text, StringComparison.Ordinal);
        Assert.Contains(expected[0].Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.EndsWith("10 rows" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_range_returns_no_rows()
    {
        var options = new QuickstartOptions { DataMartId = DemoMarts.AdPerformance, From = new DateOnly(2030, 1, 1), To = new DateOnly(2030, 2, 1) };
        using var output = new StringWriter();
        Assert.Empty(await QuickstartSample.RunAsync(fixture.ApiKey, options, output));
        Assert.Contains("0 rows", output.ToString(), StringComparison.Ordinal);
    }
}
