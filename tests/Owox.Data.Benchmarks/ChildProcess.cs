using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>
/// Runs one measurement in a fresh process, so that its peak working set is that of the measured work alone (not of the
/// parent, which holds the emulator and the payload). The child is this benchmark executable again with an internal
/// subcommand (<see cref="Command"/> for a read path, <see cref="ExportRunner.ChildCommand"/> for an export) — the
/// apphost itself, or <c>dotnet Owox.Data.Benchmarks.dll</c> when the parent was started that way. Protocol: the parent
/// writes one request JSON line (<see cref="MeasureRequest"/>) to the child's stdin; the child prints one result JSON
/// line (<see cref="Measurement"/>) on stdout and exits 0; its stderr is the parent's stderr.
/// A child is killed when the parent fails or exits; if the parent is killed outright, the child loses its server
/// (the emulator lives in the parent) and fails, or — on the in-memory path — ends after its passes.
/// </summary>
internal static class ChildProcess
{
    public const string Command = "measure-child";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<Measurement> MeasureAsync(MeasureRequest request) => RunAsync<MeasureRequest, Measurement>(Command, request, request.Path.ToString());

    /// <summary>Runs <paramref name="command"/> in a child with <paramref name="request"/> and returns what it printed.</summary>
    public static async Task<TResult> RunAsync<TRequest, TResult>(string command, TRequest request, string what)
    {
        using var process = Process.Start(StartInfo(command)) ?? throw new InvalidOperationException("Could not start the measuring child process.");
        void Kill(object? sender, EventArgs e) => KillIfRunning(process);
        AppDomain.CurrentDomain.ProcessExit += Kill;
        try
        {
            await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, Json));
            process.StandardInput.Close();
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"The {what} child process exited with code {process.ExitCode} (its error is above).");
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
                ?? throw new InvalidOperationException($"The {what} child process printed no measurement.");
            try
            {
                return JsonSerializer.Deserialize<TResult>(line, Json) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new InvalidOperationException($"The {what} child process printed '{line}' instead of a measurement.", e);
            }
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= Kill;
            KillIfRunning(process);
        }
    }

    private static ProcessStartInfo StartInfo(string command)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable path is unknown.");
        var entry = typeof(ChildProcess).Assembly.Location;
        var info = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        var apphost = Path.GetFileNameWithoutExtension(entry);
        if (Path.GetFileName(host) is var name && name != apphost && name != apphost + ".exe")
            info.ArgumentList.Add(entry);
        info.ArgumentList.Add(command);
        return info;
    }

    private static void KillIfRunning(Process process)
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
    }
}
