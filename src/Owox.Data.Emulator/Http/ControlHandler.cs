using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Owox.Data.Emulator.Auth;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// The emulator's own control endpoints (no auth): <c>POST/DELETE /_emulator/faults</c>, <c>POST /_emulator/clock/advance</c>,
/// <c>POST /_emulator/keys</c>, <c>DELETE /_emulator/keys/{apiKeyId}</c>, <c>GET /_emulator/stats</c>.
/// </summary>
internal sealed class ControlHandler(OwoxEmulator emulator, KeyStore keys, RequestCounters counters)
{
    private const string KeysPath = "/_emulator/keys";

    public async Task HandleAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        JsonElement body = default;
        if (method == "POST" && context.Request.ContentLength != 0)
        {
            try
            {
                using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                body = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ApiError("Invalid JSON body: " + e.Message) { Status = 400, Reason = "Bad Request" };
            }
        }

        switch (method, path)
        {
            case ("POST", "/_emulator/faults"):
                emulator.Faults.Add(ParseFault(body));
                await JsonResponses.WriteJsonAsync(context, 201, new JsonObject { ["count"] = emulator.Faults.Count }).ConfigureAwait(false);
                return;
            case ("DELETE", "/_emulator/faults"):
                emulator.Faults.Clear();
                context.Response.StatusCode = 204;
                return;
            case ("POST", "/_emulator/clock/advance"):
                emulator.Clock.Advance(TimeSpan.FromSeconds(Number(body, "seconds") ?? 0));
                await JsonResponses.WriteJsonAsync(context, 200, new JsonObject { ["now"] = JsonResponses.Iso(emulator.Clock.Now) }).ConfigureAwait(false);
                return;
            case ("DELETE", _) when path.StartsWith(KeysPath + "/", StringComparison.Ordinal) && path.Length > KeysPath.Length + 1:
                RevokeKey(path[(KeysPath.Length + 1)..]);
                context.Response.StatusCode = 204;
                return;
            case ("POST", KeysPath):
                DateTimeOffset? expires = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("expiresAt", out var e) && e.ValueKind == JsonValueKind.String
                    ? DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture)
                    : null;
                await JsonResponses.WriteJsonAsync(context, 201, new JsonObject { ["apiKey"] = emulator.CreateApiKey(expires) }).ConfigureAwait(false);
                return;
            case ("GET", "/_emulator/stats"):
                await JsonResponses.WriteJsonAsync(context, 200, new JsonObject
                {
                    ["exchangeCount"] = counters.Exchanges,
                    ["dataRequestCount"] = counters.DataRequests,
                    ["faults"] = emulator.Faults.Count,
                    ["now"] = JsonResponses.Iso(emulator.Clock.Now),
                }).ConfigureAwait(false);
                return;
            default:
                throw ApiHandler.CannotRoute(method, path);
        }
    }

    /// <summary>Revokes a key by its id (wire-protocol §2.5: later exchanges fail, issued tokens keep working); 404 when unknown.</summary>
    private void RevokeKey(string apiKeyId)
    {
        if (!keys.IsKnownKey(apiKeyId))
        {
            throw ApiError.NotFound($"API key {apiKeyId} not found");
        }

        keys.Revoke(apiKeyId);
    }

    private static double? Number(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>
    /// <c>{"kind":"CutMidRow","target":"Stream","dataMartId":"...","afterRows":10,"delayMs":100,"times":1,
    /// "retryAfterSeconds":5,"statusCode":500,"redirectLocation":"http://..."}</c>; enum names are case-insensitive.
    /// </summary>
    private static FaultRule ParseFault(JsonElement body)
    {
        if (!Enum.TryParse<FaultKind>(Text(body, "kind"), ignoreCase: true, out var kind))
        {
            throw new ApiError("kind must be one of: " + string.Join(", ", Enum.GetNames<FaultKind>())) { Status = 400, Reason = "Bad Request" };
        }

        var rule = new FaultRule { Kind = kind, DataMartId = Text(body, "dataMartId") };
        if (Text(body, "target") is { } target)
        {
            rule.Target = Enum.TryParse<FaultTarget>(target, ignoreCase: true, out var t)
                ? t
                : throw new ApiError("target must be one of: " + string.Join(", ", Enum.GetNames<FaultTarget>())) { Status = 400, Reason = "Bad Request" };
        }

        rule.AfterRows = (int)(Number(body, "afterRows") ?? 0);
        rule.Delay = TimeSpan.FromMilliseconds(Number(body, "delayMs") ?? 0);
        rule.Times = Number(body, "times") is { } times ? (int)times : null;
        if (Number(body, "retryAfterSeconds") is { } retry)
        {
            rule.RetryAfter = TimeSpan.FromSeconds(retry);
        }

        if (Number(body, "statusCode") is { } status)
        {
            rule.StatusCode = (int)status;
        }

        if (Text(body, "redirectLocation") is { } location)
        {
            rule.RedirectLocation = new Uri(location);
        }

        return rule;
    }
}
