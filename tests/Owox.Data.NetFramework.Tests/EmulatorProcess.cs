using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;

namespace Owox.Data.NetFramework.Tests;

/// <summary>
/// The OWOX emulator as a separate net10.0 process on a random loopback port (the only place that knows how to start
/// it): runs <c>dotnet Owox.Data.Emulator.dll --port 0</c>, reads the URL and the key it prints, and stops it by its
/// PID when disposed. Faults are set through its HTTP control endpoints.
/// </summary>
public sealed class EmulatorProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly ManualResetEventSlim _ready = new();
    private readonly HttpClient _control;

    /// <summary>Starts the emulator and waits until it has printed its URL and key.</summary>
    public EmulatorProcess()
    {
        var start = new ProcessStartInfo(DotnetHost(), $"\"{EmulatorAssembly()}\" --port 0 --host 127.0.0.1 --rows 1000")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!_ready.Wait(StartTimeout) || BaseAddress is null || ApiKey is null)
        {
            Stop();
            throw new InvalidOperationException($"The emulator did not print its URL and key within {StartTimeout.TotalSeconds} s. Its output:\n{Output}");
        }

        _control = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>The emulator's base address (<c>http://127.0.0.1:port/</c>).</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>The <c>owox_key_...</c> the emulator printed.</summary>
    public string? ApiKey { get; private set; }

    /// <summary>Everything the process has written so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Adds a fault rule through <c>POST /_emulator/faults</c> (the JSON of the emulator's README).</summary>
    public void AddFault(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = _control.PostAsync(new Uri("/_emulator/faults", UriKind.Relative), content).GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST /_emulator/faults {json} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
    }

    /// <summary>Removes every fault rule (<c>DELETE /_emulator/faults</c>).</summary>
    public void ClearFaults()
    {
        using var response = _control.DeleteAsync(new Uri("/_emulator/faults", UriKind.Relative)).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops the emulator process.</summary>
    public void Dispose()
    {
        _control?.Dispose();
        Stop();
        _process.Dispose();
        _ready.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        const string Listening = "OWOX emulator listening on ";
        const string Key = "API key: ";
        if (line.StartsWith(Listening, StringComparison.Ordinal))
            BaseAddress = new Uri(line.Substring(Listening.Length).Trim());
        else if (line.StartsWith(Key, StringComparison.Ordinal))
        {
            ApiKey = line.Substring(Key.Length).Trim();
            _ready.Set();
        }
    }

    /// <summary>SIGTERM on Unix (the emulator then deletes its temporary database), a kill elsewhere; a kill after 10 s.</summary>
    private void Stop()
    {
        if (_process.HasExited)
            return;
        if (Environment.OSVersion.Platform == PlatformID.Unix)
        {
            using var term = Process.Start(new ProcessStartInfo("kill", "-TERM " + _process.Id) { UseShellExecute = false });
            term?.WaitForExit();
        }

        if (!_process.WaitForExit(10_000))
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The emulator's dll, whose path the build records in this assembly (the project references the emulator so it is built first).</summary>
    private static string EmulatorAssembly()
    {
        var path = typeof(EmulatorProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "OwoxEmulatorAssembly")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The emulator's assembly '{path}' does not exist; build src/Owox.Data.Emulator first.");
    }
}
