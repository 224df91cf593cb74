using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>A plain HttpClient wrapper speaking the OWOX wire protocol (key parsing, exchange, the two auth headers).</summary>
public sealed class ApiClient : IDisposable
{
    private ApiClient(HttpClient http, string keyId, string secret, Uri origin)
    {
        Http = http;
        KeyId = keyId;
        Secret = secret;
        Origin = origin;
    }

    public HttpClient Http { get; }

    public string KeyId { get; }

    public string Secret { get; }

    public Uri Origin { get; }

    public string Token { get; set; } = "";

    public static JsonElement DecodeKey(string apiKey)
    {
        Assert.StartsWith("owox_key_", apiKey);
        var payload = apiKey["owox_key_".Length..].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var doc = JsonDocument.Parse(Convert.FromBase64String(payload));
        return doc.RootElement.Clone();
    }

    public static HttpClient NewHttp() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<ApiClient> ConnectAsync(string apiKey)
    {
        var key = DecodeKey(apiKey);
        var origin = new Uri(key.GetProperty("apiOrigin").GetString()!);
        var client = new ApiClient(NewHttp(), key.GetProperty("apiKeyId").GetString()!, key.GetProperty("apiKeySecret").GetString()!, origin);
        using var response = await client.ExchangeAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        client.Token = doc.RootElement.GetProperty("accessToken").GetString()!;
        return client;
    }

    public Task<HttpResponseMessage> ExchangeAsync(string? body = null, string? keyIdHeader = "", string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Origin, "/api/auth/api-keys/exchange"))
        {
            Content = new StringContent(body ?? JsonSerializer.Serialize(new { apiKeySecret = Secret }), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (keyIdHeader is not null)
        {
            request.Headers.Add("X-OWOX-Api-Key-Id", keyIdHeader.Length == 0 ? KeyId : keyIdHeader);
        }

        return Http.SendAsync(request);
    }

    public HttpRequestMessage Request(string pathAndQuery, string? token = null, string? keyId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Origin, pathAndQuery));
        request.Headers.TryAddWithoutValidation("x-owox-authorization", "Bearer " + (token ?? Token));
        request.Headers.TryAddWithoutValidation("x-owox-api-key-id", keyId ?? KeyId);
        return request;
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, HttpCompletionOption option = HttpCompletionOption.ResponseContentRead) =>
        Http.SendAsync(Request(pathAndQuery), option);

    public async Task<JsonElement> GetJsonAsync(string pathAndQuery, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static string DataMartPath(string id, string query = "") => $"/api/external/http-data/data-marts/{id}.ndjson{(query.Length > 0 ? "?" + query : "")}";

    public static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Streams rows, asserting 200 and the NDJSON content type.</summary>
    public async Task<List<JsonElement>> RowsAsync(string pathAndQuery)
    {
        using var response = await GetAsync(pathAndQuery, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return ParseLines(body);
    }

    public static List<JsonElement> ParseLines(string body)
    {
        var rows = new List<JsonElement>();
        foreach (var line in body.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            rows.Add(doc.RootElement.Clone());
        }

        Assert.True(body.Length == 0 || body.EndsWith('\n'), "every row ends with LF");
        return rows;
    }

    /// <summary>Expects an error: returns the parsed body.</summary>
    public async Task<JsonElement> ErrorAsync(string pathAndQuery, HttpStatusCode status)
    {
        using var response = await GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.False(response.Headers.Contains("x-owox-run-id"));
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    public static List<string> Keys(JsonElement row) => row.EnumerateObject().Select(p => p.Name).ToList();

    public void Dispose() => Http.Dispose();

    /// <summary>Reads a body to the end, line by line, returning the complete lines read before an exception.</summary>
    public static async Task<(List<string> Lines, Exception? Error)> ReadUntilFailureAsync(HttpResponseMessage response)
    {
        var lines = new List<string>();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var all = await reader.ReadToEndAsync();
            lines.AddRange(all.Split('\n'));
            return (lines, null);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return (lines, e);
        }
    }
}
