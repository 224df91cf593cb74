using System;
using System.Data.Common;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class DependencyInjectionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task AddOwoxDataSource_registers_the_data_source_and_connections_over_IHttpClientFactory()
    {
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddOwoxDataSource(fixture.ApiKey).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();

        var dataSource = provider.GetRequiredService<OwoxDataSource>();
        Assert.Same(dataSource, provider.GetRequiredService<DbDataSource>());
        await using var connection = provider.GetRequiredService<DbConnection>();
        Assert.IsType<OwoxConnection>(connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = DemoMarts.AdPerformance;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
            rows++;
        Assert.Equal(EmulatorFixture.DemoRows, rows);
        Assert.True(counter.Requests >= 3, $"the handler saw {counter.Requests} requests");
    }

    [Fact]
    public async Task The_factory_clients_primary_handler_is_the_providers_default()
    {
        var services = new ServiceCollection();
        services.AddOwoxDataSource(fixture.ApiKey);
        await using var provider = services.BuildServiceProvider();
        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(OwoxServiceCollectionExtensions.HttpClientName);
        while (handler is DelegatingHandler delegating)
            handler = delegating.InnerHandler!;
        AssertIsTheDefault(handler);
        using var fresh = OwoxDataSourceBuilder.CreateDefaultHttpMessageHandler();
        AssertIsTheDefault(fresh);
    }

    private static void AssertIsTheDefault(HttpMessageHandler handler)
    {
        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.False(sockets.AllowAutoRedirect);
        Assert.Equal(System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate, sockets.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromSeconds(30), sockets.ConnectTimeout);
        Assert.NotNull(sockets.ConnectCallback);
    }

    [Fact]
    public async Task Keyed_data_sources_stay_apart()
    {
        var services = new ServiceCollection();
        services.AddKeyedOwoxDataSource("a", fixture.ApiKey);
        services.AddKeyedOwoxDataSource("b", fixture.Emulator.CreateApiKey());
        await using var provider = services.BuildServiceProvider();
        var a = provider.GetRequiredKeyedService<OwoxDataSource>("a");
        var b = provider.GetRequiredKeyedService<OwoxDataSource>("b");
        Assert.NotSame(a, b);
        await using var connection = provider.GetRequiredKeyedService<OwoxConnection>("b");
        await connection.OpenAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
