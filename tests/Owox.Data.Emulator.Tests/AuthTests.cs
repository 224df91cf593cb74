using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class AuthTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    private async Task<JsonElement> Send(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await _client.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Missing_token_is_401_with_path_and_request_id()
    {
        var path = ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&limit=1");
        var request = new HttpRequestMessage(HttpMethod.Get, new System.Uri(_client.Origin, path));
        request.Headers.Add("x-owox-api-key-id", _client.KeyId);
        request.Headers.Add("X-Request-Id", "req-42");
        var body = await Send(request, HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication failed", body.GetProperty("message").GetString());
        Assert.Equal(401, body.GetProperty("statusCode").GetInt32());
        Assert.Equal(path, body.GetProperty("path").GetString());
        Assert.Equal("req-42", body.GetProperty("requestId").GetString());
        Assert.False(body.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Garbage_token_is_401()
    {
        var body = await Send(_client.Request("/api/auth/context", token: "garbage"), HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication failed", body.GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("requestId", out _));
    }

    [Fact]
    public async Task Standard_authorization_header_is_ignored()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new System.Uri(_client.Origin, "/api/auth/context"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _client.Token);
        request.Headers.Add("x-owox-api-key-id", _client.KeyId);
        await Send(request, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Missing_key_id_is_403()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new System.Uri(_client.Origin, "/api/auth/context"));
        request.Headers.TryAddWithoutValidation("x-owox-authorization", "Bearer " + _client.Token);
        var body = await Send(request, HttpStatusCode.Forbidden);
        Assert.Equal("Access denied by api key", body.GetProperty("message").GetString());
        Assert.Equal("/api/auth/context", body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Different_key_id_is_403()
    {
        var other = OwoxEmulator.GetApiKeyId(fixture.Emulator.CreateApiKey());
        var body = await Send(_client.Request("/api/auth/context", keyId: other), HttpStatusCode.Forbidden);
        Assert.Equal("Access denied by api key", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Key_id_sent_twice_is_403()
    {
        var request = _client.Request("/api/auth/context");
        request.Headers.TryAddWithoutValidation("x-owox-api-key-id", _client.KeyId);
        await Send(request, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Context_describes_the_api_key_session()
    {
        var context = await _client.GetJsonAsync("/api/auth/context");
        Assert.Equal("api_key", context.GetProperty("authFlow").GetString());
        Assert.Equal(_client.KeyId, context.GetProperty("apiKeyId").GetString());
        Assert.Equal("admin", context.GetProperty("roles")[0].GetString());
    }

    [Fact]
    public async Task Api_key_management_refuses_api_key_tokens()
    {
        var body = await _client.ErrorAsync("/api/project-member-api-keys", HttpStatusCode.Forbidden);
        Assert.Equal("API key authentication is not allowed for this endpoint", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_404()
    {
        var body = await _client.ErrorAsync("/api/nope", HttpStatusCode.NotFound);
        Assert.Equal("Cannot GET /api/nope", body.GetProperty("message").GetString());
        Assert.Equal("Not Found", body.GetProperty("error").GetString());
    }
}
