using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Owox.Data.Emulator;
using Owox.Data.Samples.Reporting;

namespace Owox.Data.Cli.Tests.Samples;

public class ReportingSampleTests(SampleEmulatorFixture fixture) : IClassFixture<SampleEmulatorFixture>
{
    private static IEnumerable<AdPerformanceRow> DemoRows => Enumerable.Range(0, SampleEmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow);

    [Fact]
    public void Writes_an_html_table_with_every_row_encoded_and_a_totals_row()
    {
        var options = new ReportOptions { DataMart = "Ad performance", OutputPath = fixture.TempFile("report.html") };   // found by title

        var result = ReportingSample.Run(fixture.ApiKey, options);

        Assert.Equal(DemoMarts.AdPerformance, result.DataMartId);
        Assert.Equal(DemoMarts.AdPerformanceColumns, result.Columns);
        Assert.Equal(SampleEmulatorFixture.DemoRows, result.Rows);
        var html = File.ReadAllText(options.OutputPath, Encoding.UTF8);
        var body = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        Assert.Equal(SampleEmulatorFixture.DemoRows, Regex.Count(body, "<tr>"));
        Assert.Equal(DemoMarts.AdPerformanceColumns.Count, Regex.Count(html[..html.IndexOf("</thead>", StringComparison.Ordinal)], "<th>"));

        // Values are HTML-encoded: the campaign "<b>html</b> & 'quotes' #n" never becomes markup.
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;html&lt;/b&gt; &amp; &#39;quotes&#39;", html, StringComparison.Ordinal);
        Assert.Contains("Brand &quot;Awareness&quot;", html, StringComparison.Ordinal);

        // Totals of the integer and decimal columns, in the footer.
        var footer = html[html.IndexOf("<tfoot>", StringComparison.Ordinal)..html.IndexOf("</tfoot>", StringComparison.Ordinal)];
        Assert.Contains("<th>Total</th>", footer, StringComparison.Ordinal);
        Assert.Contains($">{DemoRows.Sum(r => r.Impressions).ToString(CultureInfo.InvariantCulture)}<", footer, StringComparison.Ordinal);
        Assert.Contains($">{DemoRows.Sum(r => r.Cost).ToString(CultureInfo.InvariantCulture)}<", footer, StringComparison.Ordinal);
        Assert.Contains($">{DemoRows.Sum(r => r.Revenue ?? 0).ToString(CultureInfo.InvariantCulture)}<", footer, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_csv_with_the_chosen_columns_and_a_pushed_down_limit()
    {
        var options = new ReportOptions { DataMart = DemoMarts.AdPerformance, Format = ReportFormat.Csv, MaxRows = 20, OutputPath = fixture.TempFile("report.csv") };
        options.Columns.Add("date");
        options.Columns.Add("campaign");
        options.Columns.Add("cost");

        var result = ReportingSample.Run(fixture.ApiKey, options);

        Assert.Equal(20, result.Rows);
        var records = ParseCsv(File.ReadAllText(options.OutputPath, Encoding.UTF8));
        Assert.Equal(["date", "campaign", "cost"], records[0]);
        Assert.Equal(21, records.Count);
        var expected = DemoRows.ToDictionary(r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var record in records.Skip(1))
        {
            var row = expected[record[0]];
            Assert.Equal(row.Campaign, record[1]);
            Assert.Equal(row.Cost, decimal.Parse(record[2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void An_unknown_data_mart_or_column_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ReportingSample.Run(fixture.ApiKey, new ReportOptions { DataMart = "no such mart", OutputPath = fixture.TempFile("r.html") }));
        var options = new ReportOptions { DataMart = DemoMarts.AdPerformance, OutputPath = fixture.TempFile("r.html") };
        options.Columns.Add("nope");
        Assert.Throws<ArgumentException>(() => ReportingSample.Run(fixture.ApiKey, options));
    }

    /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; records end with CRLF.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else field.Append(c);
        }
        return records;
    }
}
