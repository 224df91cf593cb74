using System;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Cli;

/// <summary>
/// owox-data: streams a data mart (or report, or SQL) to the terminal as a table, CSV or NDJSON, to a CSV or NDJSON
/// file, or into a table of a SQLite file; lists data marts, their columns and reports; and runs the local OWOX
/// emulator. With no API key (--key, --key-file or OWOX_API_KEY) the queries and listings start the emulator
/// in-process and read its demo data mart.
/// </summary>
public static class OwoxDataCli
{
    /// <summary>Exit code: done.</summary>
    public const int Done = 0;

    /// <summary>Exit code: an OWOX error, or the output could not be written.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: bad arguments (an existing SQLite table without --replace or --append included).</summary>
    public const int BadArguments = 2;

    /// <summary>Exit code: cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        var console = new CliConsole(Console.Out, Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);
        return await RunAsync(args, Environment.GetEnvironmentVariable("OWOX_API_KEY"), console, cancel.Token);
    }

    /// <summary>
    /// Runs the command line <paramref name="args"/> with stdout and stderr redirected to <paramref name="output"/> and
    /// <paramref name="errors"/>; <paramref name="defaultKey"/> stands for OWOX_API_KEY.
    /// </summary>
    public static Task<int> RunAsync(string[] args, string? defaultKey, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        RunAsync(args, defaultKey, new CliConsole(output, errors, OutputIsTerminal: false, ErrorIsTerminal: false), cancellationToken);

    private static async Task<int> RunAsync(string[] args, string? defaultKey, CliConsole console, CancellationToken cancellationToken)
    {
        var root = CliCommands.Build(defaultKey, console);
        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        if (parsed.Errors.Count > 0)
        {
            // Each error names the option or argument; an unknown token gets the closest option or command.
            foreach (var error in parsed.Errors)
                await console.Error.WriteLineAsync("owox-data: " + error.Message);
            foreach (var token in parsed.UnmatchedTokens)
            {
                if (OptionSuggestion.Closest(parsed.CommandResult.Command, token) is { } closest)
                    await console.Error.WriteLineAsync($"owox-data: did you mean '{closest}' instead of '{token}'?");
            }
            await console.Error.WriteLineAsync($"Run 'owox-data {(parsed.CommandResult.Command is RootCommand ? string.Empty : parsed.CommandResult.Command.Name + " ")}--help' for usage.");
            return BadArguments;
        }
        try
        {
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (UsageException e)
        {
            await console.Error.WriteLineAsync("owox-data: " + e.Message);
            return BadArguments;
        }
    }
}
