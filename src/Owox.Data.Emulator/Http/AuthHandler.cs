using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Owox.Data.Emulator.Auth;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// The authentication family: the key exchange (wire-protocol §2.1–§2.4), <c>GET /api/auth/context</c> (§5.1), the
/// public <c>GET /api/flags</c> (wire-protocol §5.7), and the per-request guard over the two auth headers (wire-protocol §2.6).
/// </summary>
internal sealed class AuthHandler(OwoxEmulator emulator, KeyStore keys, RateLimiter? rateLimiter, RequestCounters counters)
{
    private OwoxEmulatorOptions Options => emulator.Options;

    /// <summary>The guard: returns the token's key id or throws 401/403.</summary>
    public string Authenticate(HttpContext context)
    {
        var authorization = context.Request.Headers["x-owox-authorization"];
        string? apiKeyId = null;
        if (authorization.Count == 1)
        {
            var value = authorization[0]!.Trim();
            if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                value = value[7..].Trim();
            }

            apiKeyId = value.Length == 0 ? null : keys.ResolveToken(value);
        }

        if (apiKeyId is null)
        {
            throw ApiError.Unauthorized("Authentication failed");
        }

        var idHeader = context.Request.Headers["x-owox-api-key-id"];
        if (idHeader.Count != 1 || !string.Equals(idHeader[0], apiKeyId, StringComparison.Ordinal))
        {
            throw ApiError.Forbidden("Access denied by api key");
        }

        return apiKeyId;
    }

    /// <summary>The public flags: <c>better-auth</c> while tokens expire, <c>none</c> when they never do.</summary>
    public JsonObject Flags() => new()
    {
        ["IDP_PROVIDER"] = Options.TokenLifetime is null ? "none" : "better-auth",
        ["PUBLIC_ORIGIN"] = emulator.BaseAddress.GetLeftPart(UriPartial.Authority),
    };

    public static JsonObject AuthContext(string apiKeyId) => new()
    {
        ["userId"] = EmulatedProject.UserId,
        ["projectId"] = EmulatedProject.ProjectId,
        ["email"] = EmulatedProject.UserEmail,
        ["fullName"] = EmulatedProject.UserFullName,
        ["avatar"] = null,
        ["roles"] = new JsonArray("admin"),
        ["projectTitle"] = EmulatedProject.ProjectTitle,
        ["authFlow"] = "api_key",
        ["apiKeyId"] = apiKeyId,
        ["pluginId"] = null,
        ["installationId"] = null,
        ["viewOnly"] = null,
    };

    public async Task ExchangeAsync(HttpContext context)
    {
        var request = context.Request;
        JsonElement body = default;
        var isJson = request.ContentType is { } ct && (ct.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || ct.Contains("+json", StringComparison.OrdinalIgnoreCase));
        if (isJson)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (text.Length > 2 * 1024 * 1024)
            {
                throw new ApiError("request entity too large") { Status = 413, Reason = "Payload Too Large" };
            }

            if (text.Trim().Length > 0)
            {
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    body = doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    var first = text.TrimStart();
                    var preview = first.Length > 10 ? first[..10] + "..." : first;
                    throw new ApiError($"Unexpected token '{first[0]}', \"{preview}\" is not valid JSON") { Status = 400, Reason = "Bad Request" };
                }
            }
        }

        var errors = new JsonArray();
        string? secret = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("apiKeySecret", out var s))
        {
            if (s.ValueKind == JsonValueKind.String)
            {
                secret = s.GetString();
                if (string.IsNullOrEmpty(secret))
                {
                    errors.Add(new JsonObject { ["message"] = "apiKeySecret should not be empty." });
                }
            }
            else
            {
                if (s.ValueKind == JsonValueKind.Null)
                {
                    errors.Add(new JsonObject { ["message"] = "apiKeySecret should not be empty." });
                }

                errors.Add(new JsonObject { ["message"] = "apiKeySecret must be a string." });
            }
        }
        else
        {
            errors.Add(new JsonObject { ["message"] = "apiKeySecret should not be empty." });
            errors.Add(new JsonObject { ["message"] = "apiKeySecret must be a string." });
        }

        if (body.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in body.EnumerateObject().Where(p => p.Name != "apiKeySecret"))
            {
                errors.Add(new JsonObject { ["message"] = $"property {property.Name} should not exist." });
            }
        }

        if (errors.Count > 0)
        {
            throw new ApiError("Request validation failed") { Status = 400, Reason = "Bad Request", Details = new JsonObject { ["errors"] = errors } };
        }

        var idHeader = request.Headers["X-OWOX-Api-Key-Id"];
        var keyId = idHeader.Count == 1 ? idHeader[0] : null;
        if (!keys.Verify(keyId, secret!))
        {
            throw ApiError.Unauthorized("Unauthorized");
        }

        if (rateLimiter is not null && !rateLimiter.TryAcquire(keyId!, context.Response))
        {
            throw ApiError.TooManyRequests();
        }

        counters.CountExchange();
        var token = keys.IssueToken(keyId!, Options.TokenLifetime);
        var response = new JsonObject { ["accessToken"] = token };
        if (Options.TokenLifetime is { } lifetime)
        {
            response["accessTokenExpiresIn"] = (long)lifetime.TotalSeconds;
        }

        await JsonResponses.WriteJsonAsync(context, 200, response).ConfigureAwait(false);
    }
}
