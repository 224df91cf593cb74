using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Owox.Data.Packaging.Tests;

/// <summary>Runs a command to completion (dotnet pack, dotnet tool install, an installed tool) and returns what it printed.</summary>
public static class DotnetProcess
{
    /// <summary>Runs <paramref name="file"/> in <paramref name="directory"/>; throws when it fails or takes longer than <paramref name="timeout"/>.</summary>
    public static (string Out, string Err) Run(string file, IEnumerable<string> arguments, string directory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var (exit, output, errors) = TryRun(file, arguments, directory, timeout, environment);
        if (exit != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {exit}:\n{output}\n{errors}");
        return (output, errors);
    }

    /// <summary>Runs <paramref name="file"/> and returns its exit code and output, whatever the exit code.</summary>
    public static (int Exit, string Out, string Err) TryRun(string file, IEnumerable<string> arguments, string directory, TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(Start(file, arguments, directory, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} took more than {timeout}.");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }

    /// <summary>The start info: output redirected, <paramref name="environment"/> applied (a null value removes a variable).</summary>
    public static ProcessStartInfo Start(string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return start;
    }
}
