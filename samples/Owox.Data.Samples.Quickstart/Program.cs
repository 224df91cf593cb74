using System;
using System.Globalization;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Samples.Quickstart;

/// <summary>
/// owox-quickstart [data-mart-id] [--key owox_key_...] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--limit N]
/// Without a key (--key or OWOX_API_KEY) it starts the local emulator in-process and queries its demo data mart.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var key = Environment.GetEnvironmentVariable("OWOX_API_KEY");
        var options = new QuickstartOptions { From = new DateOnly(2024, 11, 1) };
        DateOnly? to = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--key" when value is not null: key = value; i++; break;
                case "--from" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from): options.From = from; i++; break;
                case "--to" when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t): to = t; i++; break;
                case "--limit" when int.TryParse(value, CultureInfo.InvariantCulture, out var limit) && limit > 0: options.Limit = limit; i++; break;
                case var id when !id.StartsWith("--", StringComparison.Ordinal) && options.DataMartId.Length == 0: options.DataMartId = id; break;
                default:
                    Console.Error.WriteLine("usage: owox-quickstart [data-mart-id] [--key owox_key_...] [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--limit N]");
                    return 2;
            }
        }

        options.To = to ?? options.From.AddMonths(3);
        if (options.To <= options.From)
        {
            Console.Error.WriteLine("owox-quickstart: --to must be after --from.");
            return 2;
        }

        OwoxEmulator? emulator = null;
        try
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1000 });
                key = emulator.ApiKey;
                if (options.DataMartId.Length == 0)
                    options.DataMartId = DemoMarts.AdPerformance;
                Console.Error.WriteLine($"No API key given: using the local OWOX emulator at {emulator.BaseAddress}.");
            }
            if (options.DataMartId.Length == 0)
            {
                Console.Error.WriteLine("owox-quickstart: give a data-mart id.");
                return 2;
            }
            await QuickstartSample.RunAsync(key, options, Console.Out);
            return 0;
        }
        catch (OwoxException e)
        {
            Console.Error.WriteLine($"owox-quickstart: {e.Message}");
            return 1;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
        }
    }
}
