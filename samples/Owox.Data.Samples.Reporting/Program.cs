using System;
using System.Globalization;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Samples.Reporting;

/// <summary>
/// owox-reporting: a data mart as an HTML (or CSV) report file, through DbProviderFactories only.
/// Without a key (--key or OWOX_API_KEY) it starts the local emulator in-process and reports on its demo data mart.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: owox-reporting [data-mart id or title] [--key owox_key_...] [--columns a,b,c] [--max-rows N] [--format html|csv] [--out report.html]
        """;

    private static async Task<int> Main(string[] args)
    {
        var key = Environment.GetEnvironmentVariable("OWOX_API_KEY");
        var options = new ReportOptions();
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--key" when value is not null: key = value; i++; break;
                case "--columns" when value is not null:
                    foreach (var column in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        options.Columns.Add(column);
                    i++;
                    break;
                case "--max-rows" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: options.MaxRows = n; i++; break;
                case "--format" when value is "html" or "csv": options.Format = value == "csv" ? ReportFormat.Csv : ReportFormat.Html; i++; break;
                case "--out" when value is not null: output = value; i++; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case var mart when !mart.StartsWith("--", StringComparison.Ordinal) && options.DataMart is null: options.DataMart = mart; break;
                default:
                    Console.Error.WriteLine($"owox-reporting: unexpected argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        options.OutputPath = output ?? (options.Format == ReportFormat.Csv ? "report.csv" : "report.html");

        OwoxEmulator? emulator = null;
        try
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 200 });
                key = emulator.ApiKey;
                options.DataMart ??= DemoMarts.AdPerformance;
                if (options.Columns.Count == 0)
                {
                    foreach (var column in new[] { "date", "campaign", "channel", "country", "impressions", "clicks", "cost", "revenue" })
                        options.Columns.Add(column);
                }
                Console.Error.WriteLine($"No API key given: using the local OWOX emulator at {emulator.BaseAddress}.");
            }
            var result = ReportingSample.Run(key, options);
            Console.Error.WriteLine($"Wrote {result.Rows} rows of '{result.Title}' ({result.Columns.Count} columns) to {result.OutputPath}.");
            return 0;
        }
        catch (OwoxException e)
        {
            Console.Error.WriteLine($"owox-reporting: {e.Message}");
            return 1;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"owox-reporting: {e.Message}");
            return 2;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
        }
    }
}
