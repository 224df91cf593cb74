using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Cli.Tests;

/// <summary>Runs owox-data in-process with stdout and stderr captured; <c>key</c> stands for OWOX_API_KEY (null: the embedded emulator).</summary>
public static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(string? key, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = await OwoxDataCli.RunAsync(args, key, output, errors, cancellationToken);
        return (exit, output.ToString(), errors.ToString());
    }
}
