using System;
using System.Data;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class ConnectionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static string SecretOf(string apiKey) => Owox.Data.Auth.ApiKey.Parse(apiKey).ApiKeySecret;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Opens_with_the_bare_key(bool async)
    {
        await using var connection = new OwoxConnection(fixture.ApiKey);
        if (async)
            await connection.OpenAsync();
        else
            connection.Open();
        Assert.Equal(ConnectionState.Open, connection.State);
        Assert.Equal(fixture.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority), connection.DataSource);
        Assert.Equal("1.0", connection.ServerVersion);
        Assert.Equal(string.Empty, connection.Database);
        connection.Close();
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task The_key_disappears_from_the_connection_string_after_open()
    {
        await using var connection = new OwoxConnection($"Api Key={fixture.ApiKey};Command Timeout=45");
        Assert.Contains(fixture.ApiKey, connection.ConnectionString, StringComparison.Ordinal);
        await connection.OpenAsync();
        Assert.DoesNotContain(SecretOf(fixture.ApiKey), connection.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("owox_key_", connection.ConnectionString, StringComparison.Ordinal);
        Assert.Contains("45", connection.ConnectionString, StringComparison.Ordinal);

        await using var persisted = new OwoxConnection($"Api Key={fixture.ApiKey};Persist Security Info=true");
        await persisted.OpenAsync();
        Assert.Contains(fixture.ApiKey, persisted.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_is_a_401_that_never_shows_the_secret()
    {
        var key = Owox.Data.Auth.ApiKey.Parse(fixture.ApiKey);
        const string wrongSecret = "WRONGwrongWRONGwrongWRONGwrongWRONGwrong123";
        var forged = Auth.ApiKeyTests.Encode($$"""{"apiOrigin":"{{key.ApiOrigin}}","apiKeyId":"{{key.ApiKeyId}}","apiKeySecret":"{{wrongSecret}}"}""");
        await using var connection = new OwoxConnection(forged);
        var e = await Assert.ThrowsAsync<OwoxException>(() => connection.OpenAsync());
        Assert.Equal(401, e.StatusCode);
        Assert.Contains("refused", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, e.ToString(), StringComparison.Ordinal);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task A_revoked_key_cannot_open_but_its_issued_token_lives_on()
    {
        var apiKey = fixture.Emulator.CreateApiKey();
        await using var first = new OwoxConnection(apiKey);
        await first.OpenAsync();
        fixture.Emulator.RevokeApiKey(apiKey);

        using (var command = new OwoxCommand(DemoMarts.Empty, first))
        using (var reader = await command.ExecuteReaderAsync())
            Assert.False(await reader.ReadAsync());

        await using var fresh = new OwoxConnection($"Api Key={apiKey};Application Name=fresh");
        var e = await Assert.ThrowsAsync<OwoxException>(() => fresh.OpenAsync());
        Assert.Equal(401, e.StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_id_header_is_403()
    {
        using var dataSource = new OwoxDataSourceBuilder(fixture.ApiKey)
            .UseHttpMessageHandler(new KeyIdTamperingHandler())
            .Build();
        await using var connection = await dataSource.OpenConnectionAsync();
        var e = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Equal(403, e.StatusCode);
        Assert.Contains("Access denied by api key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_opens_share_one_exchange()
    {
        using var dataSource = OwoxDataSource.Create($"Api Key={fixture.ApiKey};Application Name=single-flight");
        var before = fixture.Emulator.ExchangeCount;
        var connections = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => dataSource.OpenConnectionAsync().AsTask()));
        Assert.Equal(before + 1, fixture.Emulator.ExchangeCount);
        foreach (var connection in connections)
            await connection.DisposeAsync();
    }

    [Fact]
    public async Task Transactions_and_databases_do_not_exist()
    {
        await using var connection = await fixture.OpenAsync();
        Assert.Throws<NotSupportedException>(() => connection.BeginTransaction());
        Assert.Throws<NotSupportedException>(() => connection.ChangeDatabase("x"));
        Assert.Throws<InvalidOperationException>(() => connection.ConnectionString = "owox_key_other");
    }

    [Fact]
    public void Opening_without_a_connection_string_says_what_to_set()
    {
        using var connection = new OwoxConnection();
        var e = Assert.Throws<InvalidOperationException>(() => connection.Open());
        Assert.Contains("owox_key_", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_origin_is_a_clear_transient_error()
    {
        var key = Owox.Data.Auth.ApiKey.Parse(fixture.ApiKey);
        var dead = Auth.ApiKeyTests.Encode($$"""{"apiOrigin":"http://127.0.0.1:1","apiKeyId":"{{key.ApiKeyId}}","apiKeySecret":"{{key.ApiKeySecret}}"}""");
        await using var connection = new OwoxConnection($"Api Key={dead};Max Retries=0");
        var e = await Assert.ThrowsAsync<OwoxException>(() => connection.OpenAsync());
        Assert.True(e.IsTransient);
        Assert.Contains("could not reach", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ApiKeySecret, e.ToString(), StringComparison.Ordinal);
    }

    private sealed class KeyIdTamperingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/exchange", StringComparison.Ordinal))
            {
                request.Headers.Remove("x-owox-api-key-id");
                request.Headers.Add("x-owox-api-key-id", "pmk_SomebodyElsesKeyId000");
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
