using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>
/// A self-hosted 0.35 server without a licence refuses every stream with a 400 that has no <c>code</c>, only
/// <c>errorDetails.blockedReasons</c> (wire-protocol §10): the reason becomes <see cref="OwoxException.Code"/>.
/// </summary>
public class LicenceRefusalTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_blocked_reason_of_a_refusal_without_code_is_the_code(bool async)
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 5, Server = EmulatedServer.SelfHosted035 });
        await using var connection = new OwoxConnection(emulator.ApiKey);
        await connection.OpenAsync();
        using var command = new OwoxCommand($"SELECT campaign FROM {DemoMarts.AdPerformance} WHERE clicks > 1", connection);

        var e = async
            ? await Assert.ThrowsAsync<OwoxException>(() => command.ExecuteReaderAsync())
            : Assert.Throws<OwoxException>(() => command.ExecuteReader());

        Assert.Equal("LICENSE_REQUIRED", e.Code);
        Assert.Equal(400, e.StatusCode);
        Assert.False(OwoxErrorCodes.IsSqlRefusal(e.Code));
        Assert.Contains("license", e.Message, System.StringComparison.OrdinalIgnoreCase);
        Assert.Contains("LICENSE_REQUIRED", e.Details, System.StringComparison.Ordinal);
    }
}
