using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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

    [Fact]
    public async Task Registering_twice_keeps_the_first_registration()
    {
        var services = new ServiceCollection();
        services.AddOwoxDataSource(fixture.ApiKey);
        services.AddOwoxDataSource("owox_key_second-registration");
        services.AddKeyedOwoxDataSource("a", fixture.ApiKey);
        services.AddKeyedOwoxDataSource("a", "owox_key_second-registration");
        foreach (var type in new[] { typeof(OwoxDataSource), typeof(DbDataSource), typeof(OwoxConnection), typeof(DbConnection) })
        {
            Assert.Single(services, d => d.ServiceType == type && !d.IsKeyedService);
            Assert.Single(services, d => d.ServiceType == type && d.IsKeyedService && Equals(d.ServiceKey, "a"));
        }
        await using var provider = services.BuildServiceProvider();
        await using var connection = provider.GetRequiredService<OwoxConnection>();
        await connection.OpenAsync();
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("ConnectionString")]
    [InlineData("keywords")]
    public async Task The_connection_string_binds_from_a_configuration_section(string form)
    {
        var settings = form switch
        {
            "value" => new Dictionary<string, string?> { ["Owox"] = fixture.ApiKey },
            "ConnectionString" => new Dictionary<string, string?> { ["Owox:ConnectionString"] = $"Api Key={fixture.ApiKey};Command Timeout=45" },
            _ => new Dictionary<string, string?> { ["Owox:ApiKey"] = fixture.ApiKey, ["Owox:CommandTimeout"] = "45", ["Owox:Application Name"] = "di-test" },
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddOwoxDataSource(configuration.GetSection("Owox"));
        await using var provider = services.BuildServiceProvider();
        await using var connection = provider.GetRequiredService<OwoxConnection>();
        await connection.OpenAsync();
        Assert.Equal(form == "value" ? 30 : 45, connection.CreateCommand().CommandTimeout);
    }

    [Fact]
    public void A_configuration_section_without_a_key_names_itself()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Owox:CommandTimeout"] = "45" }).Build();
        var services = new ServiceCollection();
        services.AddOwoxDataSource(configuration.GetSection("Owox"));
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<OwoxDataSource>());
        Assert.Contains("'Owox'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_opens_a_connection_and_lists_the_data_marts()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOwoxDataSource(fixture.ApiKey);
        services.AddHealthChecks().AddOwox(tags: ["ready"]);
        await using var provider = services.BuildServiceProvider();
        var before = fixture.Emulator.DataRequestCount;
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries["owox"];
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(9, entry.Data["dataMarts"]);
        Assert.Equal(["ready"], entry.Tags);
        Assert.Equal(before, fixture.Emulator.DataRequestCount);
    }

    [Fact]
    public async Task The_health_check_reports_an_unreachable_server_with_the_providers_message()
    {
        string key;
        await using (var stopped = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 }))
            key = stopped.ApiKey;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKeyedOwoxDataSource("gone", $"Api Key={key};Max Retries=0");
        services.AddHealthChecks().AddOwox("owox-gone", HealthStatus.Degraded, serviceKey: "gone");
        await using var provider = services.BuildServiceProvider();
        var entry = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["owox-gone"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("could not reach the OWOX API", entry.Description, StringComparison.Ordinal);
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
