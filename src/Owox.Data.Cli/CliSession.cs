using System;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Cli;

/// <summary>
/// One run's connection to OWOX: a data source for the key, or, with no key, the local emulator started in-process
/// with its demo data mart, which is stopped with the session.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    /// <summary>How many rows the embedded emulator's demo data mart has.</summary>
    public const int DemoRows = 50;

    private readonly OwoxEmulator? _emulator;
    private readonly OwoxDataSource _dataSource;

    private CliSession(OwoxEmulator? emulator, OwoxDataSource dataSource, OwoxConnection connection)
    {
        _emulator = emulator;
        _dataSource = dataSource;
        Connection = connection;
    }

    /// <summary>The data source of the key, for commands that open connections of their own.</summary>
    public OwoxDataSource DataSource => _dataSource;

    /// <summary>The open connection.</summary>
    public OwoxConnection Connection { get; }

    /// <summary>Whether the session runs against the embedded emulator (no key was given).</summary>
    public bool Emulated => _emulator is not null;

    /// <summary>
    /// Opens a connection with <paramref name="key"/>; with none, starts the emulator and says so on stderr
    /// (<paramref name="demoMart"/>: and that its demo data mart is the query). <paramref name="configure"/> sets connection
    /// options beside the key (<c>Verify Row Count</c>).
    /// </summary>
    public static async Task<CliSession> OpenAsync(string? key, CliConsole console, bool demoMart, CancellationToken cancellationToken, Action<OwoxConnectionStringBuilder>? configure = null)
    {
        OwoxEmulator? emulator = null;
        OwoxDataSource? dataSource = null;
        try
        {
            if (key is null)
            {
                emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = DemoRows }, cancellationToken);
                key = emulator.ApiKey;
                await console.Error.WriteLineAsync($"No API key given: using the local OWOX emulator at {emulator.BaseAddress}{(demoMart ? " and its demo data mart" : string.Empty)}.");
            }
            var builder = new OwoxDataSourceBuilder(key);
            configure?.Invoke(builder.ConnectionStringBuilder);
            dataSource = builder.Build();
            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return new CliSession(emulator, dataSource, connection);
        }
        catch
        {
            if (dataSource is not null)
                await dataSource.DisposeAsync();
            if (emulator is not null)
                await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _dataSource.DisposeAsync();
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }
}
