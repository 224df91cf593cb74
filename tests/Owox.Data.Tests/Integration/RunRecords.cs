using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Owox.Data.Tests.Integration;

/// <summary>The emulator's run records (wire-protocol §3.12), read as any OWOX client reads them: what reached the server.</summary>
internal static class RunRecords
{
    /// <summary>
    /// The server's record of run <paramref name="runId"/> of <paramref name="dataMartId"/> (wire-protocol §3.12), read over
    /// HTTP with the fixture's key as any OWOX client would, or null while the server does not know it yet.
    /// </summary>
    public static async Task<JsonNode?> RunAsync(this EmulatorFixture fixture, string dataMartId, string runId)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        var key = Owox.Data.Auth.ApiKey.Parse(fixture.ApiKey);
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
}
