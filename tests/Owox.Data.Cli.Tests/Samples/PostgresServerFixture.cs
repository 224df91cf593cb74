using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Owox.Data.Cli.Tests.Samples;

/// <summary>
/// A throw-away PostgreSQL server for one test class. <c>initdb</c> creates a cluster in a fresh temporary folder (trust
/// authentication, superuser <c>postgres</c>); <c>pg_ctl start</c> runs it on 127.0.0.1 only, on a free port, with its unix
/// socket in the same folder; dispose stops it (<c>pg_ctl stop -m fast</c>, else a kill of the postmaster's PID) and deletes
/// the folder. PostgreSQL refuses to run as root: as root the folder belongs to, and the server runs as, the
/// <c>postgres</c> OS user (<c>runuser -u postgres</c>); otherwise it runs as the current user.
/// The server binaries are found in <c>$OWOX_TEST_POSTGRES_BIN</c> when set, else in <c>pg_config --bindir</c>, else in the
/// newest <c>/usr/lib/postgresql/*/bin</c>. Without them the tests are skipped, or fail under CI (<c>CI=true</c>), whose
/// <c>.ci/run</c> installs them: see <see cref="SkipReason"/>.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private const string ServerUser = "postgres";
    private const string MissingServerMessage =
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found in $OWOX_TEST_POSTGRES_BIN, `pg_config --bindir` or /usr/lib/postgresql/*/bin. " +
        "Install them (Debian: apt-get install postgresql); .ci/run does.";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private static readonly bool AsRoot = Environment.UserName == "root";

    private string? _folder;
    private int _port;   // on 127.0.0.1 only
    private int _databases;

    /// <summary>The folder holding initdb, pg_ctl and postgres, or <see langword="null"/> when no server is installed.</summary>
    public static string? BinDirectory { get; } = FindBinDirectory();

    /// <summary>
    /// Why the PostgreSQL tests are skipped: the server binaries are missing and this is not CI. Under CI (<c>CI=true</c>) they
    /// are never skipped: <see cref="InitializeAsync"/> fails with <see cref="MissingServerMessage"/> instead.
    /// </summary>
    public static string? SkipReason =>
        BinDirectory is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase) ? MissingServerMessage : null;

    private string DataDirectory => Path.Combine(_folder!, "data");

    private string LogFile => Path.Combine(_folder!, "server.log");

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    public async Task InitializeAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException(MissingServerMessage);
        try
        {
            _folder = Directory.CreateTempSubdirectory("owox-pg-").FullName;
            if (AsRoot)
                await RunAsync("chown", [ServerUser, _folder], asServerUser: false);
            await RunAsync(Path.Combine(bin, "initdb"),
                ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                asServerUser: true);
            await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"""

                # owox-data tests: a throw-away server, reachable only from this machine
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{_folder.Replace("'", "''", StringComparison.Ordinal)}'
                fsync = off
                synchronous_commit = off
                full_page_writes = off

                """);
            await StartAsync(bin);
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync();   // accepts TCP connections on 127.0.0.1
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a fresh, empty database and returns an Npgsql connection string for it (no pooling).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "owox_etl_" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_folder is not null && File.Exists(PidFile) && BinDirectory is { } bin)   // the server is (or may be) running
        {
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], asServerUser: true);
            }
            catch (InvalidOperationException)
            {
                KillPostmaster();
            }
        }
        if (_folder is not null && Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = _port,
        Username = "postgres",
        Database = database,
        Pooling = false,
    }.ToString();

    /// <summary>pg_ctl start on a free port; another process may take the port between the probe and the start, so up to three tries.</summary>
    private async Task StartAsync(string bin)
    {
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"),
                    ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", "-p " + _port.ToString(CultureInfo.InvariantCulture)],
                    asServerUser: true);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ServerLog().Contains("could not bind", StringComparison.Ordinal))
            {
                // The port was taken in the meantime: try another.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The fallback when pg_ctl cannot stop the server: kill the postmaster by the PID in its postmaster.pid.</summary>
    private void KillPostmaster()
    {
        if (!int.TryParse(File.ReadLines(PidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid))
            return;
        try
        {
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill(entireProcessTree: true);
            postmaster.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    private string ServerLog() => _folder is not null && File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>Runs a command to its end (as the postgres OS user when root and <paramref name="asServerUser"/>); throws with its output when it fails.</summary>
    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var start = new ProcessStartInfo
        {
            FileName = asServerUser && AsRoot ? "runuser" : program,
            WorkingDirectory = _folder ?? Path.GetTempPath(),   // the postgres user may not be allowed into the current directory
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && AsRoot)
        {
            foreach (var argument in new[] { "-u", ServerUser, "--", program })
                start.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{string.Join(' ', start.ArgumentList.Prepend(start.FileName))} did not finish within {CommandTimeout.TotalSeconds} s.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(' ', start.ArgumentList.Prepend(start.FileName))} exited with {process.ExitCode}:\n{await stdout}{await stderr}\n{ServerLog()}");
        }
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("OWOX_TEST_POSTGRES_BIN") is { Length: > 0 } configured)
            return HasServer(configured) ? configured : null;
        if (PgConfigBinDirectory() is { } fromPgConfig && HasServer(fromPgConfig))
            return fromPgConfig;
        const string debianRoot = "/usr/lib/postgresql";
        return Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .Where(d => HasServer(d.Bin))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin)
                .FirstOrDefault()
            : null;
    }

    private static bool HasServer(string bin) => new[] { "initdb", "pg_ctl", "postgres" }.All(name => File.Exists(Path.Combine(bin, name)));

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
                return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;   // no pg_config on PATH
        }
    }
}
