using System;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>One in-process emulator per test class, on a random loopback port, with a small deterministic demo mart.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    public const int DemoRows = 1000;

    private readonly int _demoRows;
    private OwoxEmulator? _emulator;

    public EmulatorFixture()
        : this(DemoRows)
    {
    }

    protected EmulatorFixture(int demoRows)
    {
        _demoRows = demoRows;
    }

    public OwoxEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public string ApiKey => Emulator.ApiKey;

    public virtual async Task InitializeAsync() =>
        _emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = _demoRows });

    public virtual async Task DisposeAsync()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }

    /// <summary>A connection on a fresh data source (its own token cache), opened.</summary>
    public async Task<OwoxConnection> OpenAsync(string? extra = null)
    {
        var connection = new OwoxConnection($"Api Key={ApiKey};{extra}");
        await connection.OpenAsync();
        return connection;
    }
}
