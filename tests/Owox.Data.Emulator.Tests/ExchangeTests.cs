using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class ExchangeTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly OwoxEmulator _emulator = fixture.Emulator;

    [Fact]
    public void Minted_key_round_trips_and_has_the_server_forms()
    {
        var key = _emulator.CreateApiKey();
        Assert.Matches("^owox_key_[A-Za-z0-9_-]+$", key);
        var payload = ApiClient.DecodeKey(key);
        Assert.Equal(["apiOrigin", "apiKeyId", "apiKeySecret"], payload.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(_emulator.BaseAddress.GetLeftPart(UriPartial.Authority), payload.GetProperty("apiOrigin").GetString());
        Assert.Matches("^pmk_[A-Za-z0-9_-]{22}$", payload.GetProperty("apiKeyId").GetString()!);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", payload.GetProperty("apiKeySecret").GetString()!);
        Assert.NotEqual(key, _emulator.CreateApiKey());
        Assert.Equal(payload.GetProperty("apiKeyId").GetString(), OwoxEmulator.GetApiKeyId(key));
        Assert.StartsWith("http://127.0.0.1:", _emulator.BaseAddress.ToString());
    }

    [Fact]
    public async Task Exchange_sends_the_better_auth_lifetime_by_default_and_counts()
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        var before = _emulator.ExchangeCount;
        using var response = await client.ExchangeAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("accessToken").GetString()));
        Assert.Equal(900, doc.RootElement.GetProperty("accessTokenExpiresIn").GetInt32());
        Assert.True(_emulator.ExchangeCount >= before + 1);
    }

    [Fact]
    public async Task Default_tokens_expire_after_15_minutes_on_the_emulator_clock_and_flags_say_better_auth()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using (var flags = await client.GetAsync("/api/flags"))
        {
            using var doc = JsonDocument.Parse(await flags.Content.ReadAsStringAsync());
            Assert.Equal("better-auth", doc.RootElement.GetProperty("IDP_PROVIDER").GetString());
        }

        emulator.Clock.Advance(TimeSpan.FromMinutes(14));
        using (var alive = await client.GetAsync("/api/auth/context"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await client.GetAsync("/api/auth/context");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_lifetime_tokens_never_expire_the_exchange_omits_it_and_flags_say_none()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1, TokenLifetime = null });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using (var exchange = await client.ExchangeAsync())
        {
            using var doc = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync());
            Assert.False(doc.RootElement.TryGetProperty("accessTokenExpiresIn", out _));
        }

        using (var flags = await client.GetAsync("/api/flags"))
        {
            using var doc = JsonDocument.Parse(await flags.Content.ReadAsStringAsync());
            Assert.Equal("none", doc.RootElement.GetProperty("IDP_PROVIDER").GetString());
        }

        emulator.Clock.Advance(TimeSpan.FromDays(30));
        using var response = await client.GetAsync("/api/auth/context");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pmk_short")]
    [InlineData("pmk_AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Exchange_with_bad_key_id_is_401_Unauthorized(string? keyId)
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        using var response = await client.ExchangeAsync(keyIdHeader: keyId);
        await AssertUnauthorized(response);
    }

    [Fact]
    public async Task Exchange_with_wrong_secret_is_401()
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        using var response = await client.ExchangeAsync(JsonSerializer.Serialize(new { apiKeySecret = new string('A', 43) }));
        await AssertUnauthorized(response);
        using var malformed = await client.ExchangeAsync(JsonSerializer.Serialize(new { apiKeySecret = "short" }));
        await AssertUnauthorized(malformed);
    }

    [Fact]
    public async Task Revoked_key_cannot_exchange_but_its_tokens_live_on()
    {
        var key = _emulator.CreateApiKey();
        using var client = await ApiClient.ConnectAsync(key);
        _emulator.RevokeApiKey(key);
        using var response = await client.ExchangeAsync();
        await AssertUnauthorized(response);
        var context = await client.GetJsonAsync("/api/auth/context");
        Assert.Equal(client.KeyId, context.GetProperty("apiKeyId").GetString());
    }

    [Fact]
    public async Task Keys_are_revoked_over_the_control_endpoint_by_id()
    {
        var key = _emulator.CreateApiKey();
        using var client = await ApiClient.ConnectAsync(key);
        using var http = ApiClient.NewHttp();
        using (var revoke = await http.DeleteAsync(new Uri(_emulator.BaseAddress, "/_emulator/keys/" + client.KeyId)))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using var response = await client.ExchangeAsync();
        await AssertUnauthorized(response);
        var context = await client.GetJsonAsync("/api/auth/context");
        Assert.Equal(client.KeyId, context.GetProperty("apiKeyId").GetString());

        using var unknown = await http.DeleteAsync(new Uri(_emulator.BaseAddress, "/_emulator/keys/pmk_AAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Missing_secret_is_a_validation_400()
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        using var response = await client.ExchangeAsync("{}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Request validation failed", body.GetProperty("message").GetString());
        Assert.Equal("Bad Request", body.GetProperty("error").GetString());
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        var messages = body.GetProperty("details").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("apiKeySecret should not be empty.", messages);
        Assert.Contains("apiKeySecret must be a string.", messages);
        Assert.Equal("/api/auth/api-keys/exchange", body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Empty_number_and_extra_members_are_validation_400s()
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        async Task<string[]> Messages(string json)
        {
            using var response = await client.ExchangeAsync(json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return body.GetProperty("details").GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToArray();
        }

        Assert.Equal(["apiKeySecret should not be empty."], await Messages("""{"apiKeySecret":""}"""));
        Assert.Equal(["apiKeySecret must be a string."], await Messages("""{"apiKeySecret":5}"""));
        Assert.Equal(["property extra should not exist."], await Messages($$"""{"apiKeySecret":"{{client.Secret}}","extra":1}"""));
    }

    [Fact]
    public async Task Invalid_json_is_a_400_with_the_parser_message()
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        using var response = await client.ExchangeAsync("not json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Matches("^Unexpected token .* is not valid JSON$", body.GetProperty("message").GetString()!);
        Assert.Equal("Bad Request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Non_json_content_type_ignores_the_body()
    {
        using var client = await ApiClient.ConnectAsync(_emulator.CreateApiKey());
        using var response = await client.ExchangeAsync(contentType: "text/plain");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Request validation failed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expired_key_is_401_and_token_lifetime_is_enforced()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, TokenLifetime = TimeSpan.FromMinutes(15) });
        var expiring = emulator.CreateApiKey(emulator.Clock.Now.AddHours(1));
        using var client = await ApiClient.ConnectAsync(expiring);
        using (var response = await client.ExchangeAsync())
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(900, body.GetProperty("accessTokenExpiresIn").GetInt64());
        }

        emulator.Clock.Advance(TimeSpan.FromMinutes(14));
        await client.GetJsonAsync("/api/auth/context");
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        var error = await client.ErrorAsync("/api/auth/context", HttpStatusCode.Unauthorized);
        Assert.Equal("Authentication failed", error.GetProperty("message").GetString());

        emulator.Clock.Advance(TimeSpan.FromHours(1));
        using var expired = await client.ExchangeAsync();
        await AssertUnauthorized(expired);
        Assert.Equal(2, emulator.ExchangeCount); // ConnectAsync + the explicit exchange; the refused one does not count
    }

    private static async Task AssertUnauthorized(System.Net.Http.HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unauthorized", body.GetProperty("message").GetString());
        Assert.Equal(401, body.GetProperty("statusCode").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", body.GetProperty("timestamp").GetString()!);
    }
}
