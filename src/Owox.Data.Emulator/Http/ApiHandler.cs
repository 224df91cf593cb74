using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Owox.Data.Emulator.Auth;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Http;

/// <summary>The single request handler behind the emulator: public endpoints, auth guard, faults, rate limits, routing.</summary>
internal sealed partial class ApiHandler
{
    public const string ProjectId = "emulator-project";
    public const string UserId = "emulator-admin";
    private const string ExchangePath = "/api/auth/api-keys/exchange";

    private readonly OwoxEmulator _emulator;
    private readonly EmulatorStore _store;
    private readonly KeyStore _keys;
    private readonly RateLimiter? _rateLimiter;
    private readonly ConcurrentDictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    public ApiHandler(OwoxEmulator emulator, EmulatorStore store, KeyStore keys, OwoxEmulatorOptions options)
    {
        _emulator = emulator;
        _store = store;
        _keys = keys;
        Options = options;
        _rateLimiter = options.RateLimits is { } limits ? new RateLimiter(limits, emulator.Clock) : null;
    }

    public OwoxEmulatorOptions Options { get; }

    public int ExchangeCount;
    public int DataRequestCount;

    public bool ShuttingDown { get; set; }

    private DateTimeOffset Now => _emulator.Clock.Now;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteErrorAsync(context, error, Now).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var method = request.Method;

        if (path.StartsWith("/_emulator/", StringComparison.Ordinal))
        {
            await HandleControlAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (path is "/health/live" or "/health/ready")
        {
            if (path == "/health/ready" && ShuttingDown)
            {
                await JsonResponses.WriteJsonAsync(context, 503, new JsonObject { ["reason"] = "shutting down" }).ConfigureAwait(false);
                return;
            }

            await JsonResponses.WriteJsonAsync(context, 200, path == "/health/live" ? new JsonObject() : new JsonObject { ["reason"] = "ok" }).ConfigureAwait(false);
            return;
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            throw CannotRoute(method, path);
        }

        var headers = context.Response.Headers;
        headers.Pragma = "no-cache";
        headers.Expires = "0";
        headers.Vary = "Cookie, Authorization, X-OWOX-Authorization";

        var route = Route(method, path);
        var (delay, fault) = _emulator.Faults.Take(route.Target, route.EntityId);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
        }

        if (route.Target == FaultTarget.Stream)
        {
            Interlocked.Increment(ref DataRequestCount);
        }

        if (fault != null && await FaultResponses.TryRespondAsync(context, fault, route, Now).ConfigureAwait(false))
        {
            return;
        }

        if (ShuttingDown)
        {
            throw new ApiError("Server is shutting down") { Status = 503, Reason = "Service Unavailable" };
        }

        if (route.Kind == RouteKind.Exchange)
        {
            await ExchangeAsync(context).ConfigureAwait(false);
            return;
        }

        if (route.Kind == RouteKind.OpenApi)
        {
            await JsonResponses.WriteJsonAsync(context, 200, OpenApiDocument.Build()).ConfigureAwait(false);
            return;
        }

        if (route.Kind == RouteKind.Flags)
        {
            await JsonResponses.WriteJsonAsync(context, 200, new JsonObject
            {
                ["IDP_PROVIDER"] = "better-auth",
                ["PUBLIC_ORIGIN"] = _emulator.BaseAddress.GetLeftPart(UriPartial.Authority),
            }).ConfigureAwait(false);
            return;
        }

        if (route.Kind == RouteKind.Unknown)
        {
            throw CannotRoute(method, path);
        }

        var apiKeyId = Authenticate(context);
        if (_rateLimiter != null && !_rateLimiter.TryAcquire(apiKeyId, context.Response))
        {
            throw new ApiError("Too Many Requests") { Status = 429, Reason = "Too Many Requests" };
        }

        switch (route.Kind)
        {
            case RouteKind.StreamDataMart:
                await StreamDataMartAsync(context, route.EntityId!, fault).ConfigureAwait(false);
                break;
            case RouteKind.StreamReport:
                await StreamReportAsync(context, route.EntityId!, fault).ConfigureAwait(false);
                break;
            case RouteKind.AuthContext:
                await JsonResponses.WriteJsonAsync(context, 200, AuthContext(apiKeyId)).ConfigureAwait(false);
                break;
            case RouteKind.RejectApiKey:
                throw ApiError.Forbidden("API key authentication is not allowed for this endpoint");
            default:
                await HandleMetadataAsync(context, route).ConfigureAwait(false);
                break;
        }
    }

    internal static ApiError CannotRoute(string method, string path) => ApiError.NotFound($"Cannot {method} {path}");

    private static RouteInfo Route(string method, string path)
    {
        if (path == ExchangePath)
        {
            return method == "POST" ? new RouteInfo(RouteKind.Exchange, FaultTarget.Exchange, null) : new RouteInfo(RouteKind.Unknown, FaultTarget.Exchange, null);
        }

        var segments = path.TrimEnd('/').Split('/');

        // Express answers HEAD with the GET handler (which runs the query); Kestrel drops the body.
        if (method != "GET" && method != "HEAD")
        {
            return new RouteInfo(RouteKind.Unknown, FaultTarget.Metadata, null);
        }

        // segments[0] == "", segments[1] == "api"
        var rest = segments.Skip(2).ToArray();
        return rest switch
        {
            ["openapi.json"] => new RouteInfo(RouteKind.OpenApi, FaultTarget.Metadata, null),
            ["flags"] => new RouteInfo(RouteKind.Flags, FaultTarget.Metadata, null),
            ["external", "http-data", "data-marts", var file] when file.EndsWith(".ndjson", StringComparison.Ordinal) && file.Length > 7 =>
                new RouteInfo(RouteKind.StreamDataMart, FaultTarget.Stream, file[..^7]),
            ["external", "http-data", "reports", var file] when file.EndsWith(".ndjson", StringComparison.Ordinal) && file.Length > 7 =>
                new RouteInfo(RouteKind.StreamReport, FaultTarget.Stream, file[..^7]),
            ["auth", "context"] => new RouteInfo(RouteKind.AuthContext, FaultTarget.Metadata, null),
            ["data-marts"] => new RouteInfo(RouteKind.ListDataMarts, FaultTarget.Metadata, null),
            ["data-marts", "runs"] => new RouteInfo(RouteKind.ProjectRuns, FaultTarget.Metadata, null),
            ["data-marts", var id] => new RouteInfo(RouteKind.GetDataMart, FaultTarget.Metadata, id),
            ["data-marts", var id, "blendable-schema"] => new RouteInfo(RouteKind.BlendableSchema, FaultTarget.Metadata, id),
            ["data-marts", var id, "runs"] => new RouteInfo(RouteKind.ListRuns, FaultTarget.Metadata, id),
            ["data-marts", var id, "runs", var runId] => new RouteInfo(RouteKind.GetRun, FaultTarget.Metadata, id, runId),
            ["reports", "data-mart", var id] => new RouteInfo(RouteKind.ListReports, FaultTarget.Metadata, id),
            ["reports", var id] => new RouteInfo(RouteKind.GetReport, FaultTarget.Metadata, id),
            ["project-member-api-keys", ..] or ["members", ..] => new RouteInfo(RouteKind.RejectApiKey, FaultTarget.Metadata, null),
            _ => new RouteInfo(RouteKind.Unknown, FaultTarget.Metadata, null),
        };
    }

    /// <summary>The wire-protocol §2.6 guard: returns the token's key id or throws 401/403.</summary>
    private string Authenticate(HttpContext context)
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

            apiKeyId = value.Length == 0 ? null : _keys.ResolveToken(value);
        }

        if (apiKeyId == null)
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

    private static JsonObject AuthContext(string apiKeyId) => new()
    {
        ["userId"] = UserId,
        ["projectId"] = ProjectId,
        ["email"] = "admin@emulator.local",
        ["fullName"] = "Emulator Admin",
        ["avatar"] = null,
        ["roles"] = new JsonArray("admin"),
        ["projectTitle"] = "OWOX Emulator",
        ["authFlow"] = "api_key",
        ["apiKeyId"] = apiKeyId,
        ["pluginId"] = null,
        ["installationId"] = null,
        ["viewOnly"] = null,
    };

    private async Task ExchangeAsync(HttpContext context)
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
        if (!_keys.Verify(keyId, secret!))
        {
            throw ApiError.Unauthorized("Unauthorized");
        }

        if (_rateLimiter != null && !_rateLimiter.TryAcquire(keyId!, context.Response))
        {
            throw new ApiError("Too Many Requests") { Status = 429, Reason = "Too Many Requests" };
        }

        Interlocked.Increment(ref ExchangeCount);
        var token = _keys.IssueToken(keyId!, Options.TokenLifetime);
        var response = new JsonObject { ["accessToken"] = token };
        if (Options.TokenLifetime is { } lifetime)
        {
            response["accessTokenExpiresIn"] = (long)lifetime.TotalSeconds;
        }

        await JsonResponses.WriteJsonAsync(context, 200, response).ConfigureAwait(false);
    }

    public IEnumerable<RunRecord> RunsOf(string martId) => _runs.Values.Where(r => r.DataMartId == martId).OrderByDescending(r => r.CreatedAt);

    public RunRecord? FindRun(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    private void AddRun(RunRecord run) => _runs[run.Id] = run;
}

internal enum RouteKind
{
    Unknown,
    Exchange,
    OpenApi,
    Flags,
    AuthContext,
    StreamDataMart,
    StreamReport,
    ListDataMarts,
    GetDataMart,
    BlendableSchema,
    ListRuns,
    GetRun,
    ProjectRuns,
    ListReports,
    GetReport,
    RejectApiKey,
}

internal sealed record RouteInfo(RouteKind Kind, FaultTarget Target, string? EntityId, string? SubId = null);
