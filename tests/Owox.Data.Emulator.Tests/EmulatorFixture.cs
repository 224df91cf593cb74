using System;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>One emulator shared by a test class (200 ad-performance rows). Tests that move the clock start their own.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const int Rows = 200;

    public OwoxEmulator Emulator { get; private set; } = null!;

    public ApiClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = Rows });
        Client = await ApiClient.ConnectAsync(Emulator.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
    }
}
