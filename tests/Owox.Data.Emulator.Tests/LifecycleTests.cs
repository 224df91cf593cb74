using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Port_in_use_fails_start_and_cleans_up()
    {
        await using var first = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 });
        await Assert.ThrowsAnyAsync<IOException>(() => OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1, Port = first.BaseAddress.Port }));
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_deletes_the_temporary_database()
    {
        var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 });
        var path = emulator.DatabasePath;
        var address = emulator.BaseAddress;
        Assert.True(File.Exists(path));
        Assert.Equal("127.0.0.1", address.Host);
        await emulator.DisposeAsync();
        emulator.Dispose();
        Assert.False(File.Exists(path));
        using var http = ApiClient.NewHttp();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(address, "/health/live")));
    }

    [Fact]
    public async Task A_database_file_is_reused_across_starts()
    {
        var path = Path.Combine(Path.GetTempPath(), "owox-emulator-reuse-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            string id;
            await using (var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 3, DatabasePath = path }))
            {
                id = emulator.CreateDataMart(new DataMartDefinition { Title = "kept", Columns = [new("x", "INTEGER")] }, [[1L]]);
            }

            await using (var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 3, DatabasePath = path }))
            {
                using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
                Assert.Equal("""{"x":1}""", Assert.Single(await client.RowsAsync(ApiClient.DataMartPath(id))).GetRawText());
                Assert.Equal(3, (await client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance))).Count);
            }

            Assert.True(File.Exists(path));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }
}
