using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Owox.Data.Packaging.Tests;

/// <summary>
/// What a user of the tool does: <c>dotnet tool install Owox.Data.Cli</c> from the pack folder into an empty tool
/// path, then <c>owox-data --version</c>, <c>owox-data</c> with no key (the embedded emulator's demo data mart) and
/// <c>owox-data emulator</c>, whose URL and key another owox-data uses before it is stopped.
/// </summary>
[Collection(SharedPackages.Name)]
public sealed class ToolTests(PackedPackages packages)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private string Install()
    {
        var workspace = packages.NewWorkspace("tool-" + Guid.NewGuid().ToString("N"));
        var toolPath = Path.Combine(workspace, "tools");
        DotnetProcess.Run("dotnet", ["tool", "install", "Owox.Data.Cli", "--version", "0.1.0", "--tool-path", toolPath], workspace, TimeSpan.FromMinutes(5), packages.Environment);
        var tool = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "owox-data.exe" : "owox-data");
        Assert.True(File.Exists(tool), $"{tool} was not installed.");
        return tool;
    }

    [Fact]
    public void The_installed_tool_prints_its_version_and_streams_the_demo_mart_without_a_key()
    {
        var tool = Install();
        var directory = Path.GetDirectoryName(tool)!;

        var (version, _) = DotnetProcess.Run(tool, ["--version"], directory, Minute, packages.Environment);
        Assert.StartsWith("0.1.0", version, StringComparison.Ordinal);

        var (rows, errors) = DotnetProcess.Run(tool, ["--format", "csv"], directory, Minute, packages.Environment);
        Assert.Contains("using the local OWOX emulator", errors, StringComparison.Ordinal);
        var lines = rows.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("date,campaign,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 50, lines.Length);
    }

    [Fact]
    public async Task The_installed_tool_runs_the_emulator_until_it_is_stopped()
    {
        var tool = Install();
        var directory = Path.GetDirectoryName(tool)!;
        using var emulator = Process.Start(DotnetProcess.Start(tool, ["emulator", "--port", "0", "--rows", "7"], directory, packages.Environment))!;
        try
        {
            string? url = null, key = null;
            while ((url is null || key is null) && await emulator.StandardOutput.ReadLineAsync().WaitAsync(Minute) is { } line)
            {
                if (line.StartsWith("OWOX emulator listening on ", StringComparison.Ordinal))
                    url = line["OWOX emulator listening on ".Length..];
                else if (line.StartsWith("API key: ", StringComparison.Ordinal))
                    key = line["API key: ".Length..];
            }
            Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);
            Assert.NotNull(key);
            Assert.StartsWith("owox_key_", key, StringComparison.Ordinal);

            var (rows, errors) = DotnetProcess.Run(tool, ["--key", key, "a0d1e5f0-0000-4000-8000-000000000001", "--format", "ndjson"], directory, Minute, packages.Environment);
            Assert.DoesNotContain("using the local OWOX emulator", errors, StringComparison.Ordinal);
            Assert.Equal(7, rows.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        finally
        {
            if (!emulator.HasExited)
            {
                using (var stop = Process.Start("kill", ["-TERM", emulator.Id.ToString(CultureInfo.InvariantCulture)]))
                    await stop.WaitForExitAsync();
                if (!emulator.WaitForExit(TimeSpan.FromSeconds(20)))
                    emulator.Kill(entireProcessTree: true);
            }
        }
        Assert.Equal(0, emulator.ExitCode);
        Assert.DoesNotContain("Unhandled", await emulator.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }
}
