using System;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>
    /// The server's record of run <paramref name="runId"/> of <paramref name="dataMartId"/> (wire-protocol §3.12), read over
    /// HTTP with the fixture's key as any OWOX client would, or null while the server does not know it yet.
    /// </summary>
    public async Task<JsonNode?> RunAsync(string dataMartId, string runId)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseAddress };
        var key = Owox.Data.Auth.ApiKey.Parse(ApiKey);
        using var exchange = new StringContent(JsonSerializer.Serialize(new { apiKeySecret = key.ApiKeySecret }), System.Text.Encoding.UTF8, "application/json");
        using var exchangeRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/api-keys/exchange") { Content = exchange };
        exchangeRequest.Headers.Add("x-owox-api-key-id", key.ApiKeyId);
        using var exchanged = await http.SendAsync(exchangeRequest);
        var token = JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/data-marts/{dataMartId}/runs/{runId}");
        request.Headers.Add("x-owox-authorization", "Bearer " + token);
        request.Headers.Add("x-owox-api-key-id", key.ApiKeyId);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>A connection on a fresh data source (its own token cache), opened.</summary>
    public async Task<OwoxConnection> OpenAsync(string? extra = null)
    {
        var connection = new OwoxConnection($"Api Key={ApiKey};{extra}");
        await connection.OpenAsync();
        return connection;
    }
}
