using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Owox.Data.Emulator.Auth;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// The request handler behind the emulator: routes every request, applies faults, shutdown, the auth guard and rate
/// limits, and hands it to its endpoint family (auth, metadata, streaming, control).
/// </summary>
internal sealed class ApiHandler
{
    private const string ExchangePath = "/api/auth/api-keys/exchange";

    private readonly OwoxEmulator _emulator;
    private readonly RateLimiter? _rateLimiter;
    private readonly AuthHandler _auth;
    private readonly MetadataHandler _metadata;
    private readonly StreamingHandler _streaming;
    private readonly ControlHandler _control;

    public ApiHandler(OwoxEmulator emulator, EmulatorStore store, KeyStore keys)
    {
        _emulator = emulator;
        Runs = new RunStore(emulator.Clock);
        _rateLimiter = emulator.Options.RateLimits is { } limits ? new RateLimiter(limits, emulator.Clock) : null;
        _auth = new AuthHandler(emulator, keys, _rateLimiter, Counters);
        _metadata = new MetadataHandler(emulator, store, Runs);
        _streaming = new StreamingHandler(emulator, store, Runs);
        _control = new ControlHandler(emulator, keys, Counters);
    }

    /// <summary>The runs of every stream request.</summary>
    public RunStore Runs { get; }

    /// <summary>Exchanges and stream requests so far.</summary>
    public RequestCounters Counters { get; } = new();

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await JsonResponses.WriteErrorAsync(context, error, _emulator.Clock.Now).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    internal static ApiError CannotRoute(string method, string path) => ApiError.NotFound($"Cannot {method} {path}");

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var method = request.Method;

        if (path.StartsWith("/_emulator/", StringComparison.Ordinal))
        {
            await _control.HandleAsync(context, path).ConfigureAwait(false);
            return;
        }

        if (path is "/health/live" or "/health/ready")
        {
            if (path == "/health/ready" && _emulator.ShuttingDown)
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
            Counters.CountDataRequest();
        }

        if (fault is not null && await FaultResponses.TryRespondAsync(context, fault, route, _emulator.Clock.Now).ConfigureAwait(false))
        {
            return;
        }

        if (_emulator.ShuttingDown)
        {
            throw new ApiError("Server is shutting down") { Status = 503, Reason = "Service Unavailable" };
        }

        switch (route.Kind)
        {
            case RouteKind.Exchange:
                await _auth.ExchangeAsync(context).ConfigureAwait(false);
                return;
            case RouteKind.OpenApi:
                await JsonResponses.WriteJsonAsync(context, 200, OpenApiDocument.Build()).ConfigureAwait(false);
                return;
            case RouteKind.Flags:
                await JsonResponses.WriteJsonAsync(context, 200, _auth.Flags()).ConfigureAwait(false);
                return;
            case RouteKind.Unknown:
                throw CannotRoute(method, path);
        }

        var apiKeyId = _auth.Authenticate(context);
        if (_rateLimiter is not null && !_rateLimiter.TryAcquire(apiKeyId, context.Response))
        {
            throw ApiError.TooManyRequests();
        }

        switch (route.Kind)
        {
            case RouteKind.StreamDataMart:
                await _streaming.StreamDataMartAsync(context, route.EntityId!, fault).ConfigureAwait(false);
                break;
            case RouteKind.StreamReport:
                await _streaming.StreamReportAsync(context, route.EntityId!, fault).ConfigureAwait(false);
                break;
            case RouteKind.AuthContext:
                await JsonResponses.WriteJsonAsync(context, 200, AuthHandler.AuthContext(apiKeyId)).ConfigureAwait(false);
                break;
            case RouteKind.RejectApiKey:
                throw ApiError.Forbidden("API key authentication is not allowed for this endpoint");
            default:
                await _metadata.HandleAsync(context, route).ConfigureAwait(false);
                break;
        }
    }

    private static RouteInfo Route(string method, string path)
    {
        if (path == ExchangePath)
        {
            return new RouteInfo(method == "POST" ? RouteKind.Exchange : RouteKind.Unknown, FaultTarget.Exchange, null);
        }

        // segments[0] == "", segments[1] == "api"
        var rest = path.TrimEnd('/').Split('/').Skip(2).ToArray();
        if (RefusesApiKeys(method, rest))
        {
            return new RouteInfo(RouteKind.RejectApiKey, FaultTarget.Metadata, null);
        }

        if (method == "POST" && rest is ["markdown", "parse-to-html"])
        {
            return new RouteInfo(RouteKind.MarkdownToHtml, FaultTarget.Metadata, null);
        }

        // Express answers HEAD with the GET handler (which runs the query); Kestrel drops the body.
        if (method is not "GET" and not "HEAD")
        {
            return new RouteInfo(RouteKind.Unknown, FaultTarget.Metadata, null);
        }

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
            ["data-marts", "insight-templates"] => new RouteInfo(RouteKind.InsightTemplates, FaultTarget.Metadata, null),
            ["data-marts", var id] => new RouteInfo(RouteKind.GetDataMart, FaultTarget.Metadata, id),
            ["data-marts", var id, "blendable-schema"] => new RouteInfo(RouteKind.BlendableSchema, FaultTarget.Metadata, id),
            ["data-marts", var id, "runs"] => new RouteInfo(RouteKind.ListRuns, FaultTarget.Metadata, id),
            ["data-marts", var id, "runs", var runId] => new RouteInfo(RouteKind.GetRun, FaultTarget.Metadata, id, runId),
            ["reports", "data-mart", var id] => new RouteInfo(RouteKind.ListReports, FaultTarget.Metadata, id),
            ["reports", var id, "output-schema"] => new RouteInfo(RouteKind.ReportOutputSchema, FaultTarget.Metadata, id),
            ["reports", var id] => new RouteInfo(RouteKind.GetReport, FaultTarget.Metadata, id),
            ["data-storages"] => new RouteInfo(RouteKind.DataStorages, FaultTarget.Metadata, null),
            ["data-destinations"] => new RouteInfo(RouteKind.DataDestinations, FaultTarget.Metadata, null),
            ["search"] => new RouteInfo(RouteKind.Search, FaultTarget.Metadata, null),
            ["model-canvas", "data-marts"] => new RouteInfo(RouteKind.ModelCanvasDataMarts, FaultTarget.Metadata, null),
            ["model-canvas", "edges"] => new RouteInfo(RouteKind.ModelCanvasEdges, FaultTarget.Metadata, null),
            ["projects", "settings"] => new RouteInfo(RouteKind.ProjectSettings, FaultTarget.Metadata, null),
            ["project-setup-progress"] => new RouteInfo(RouteKind.ProjectSetupProgress, FaultTarget.Metadata, null),
            ["plugins", "publications"] => new RouteInfo(RouteKind.PluginPublications, FaultTarget.Metadata, null),
            _ => new RouteInfo(RouteKind.Unknown, FaultTarget.Metadata, null),
        };
    }

    /// <summary>The endpoints the real server marks as refusing API-key tokens (wire-protocol §5.8).</summary>
    private static bool RefusesApiKeys(string method, string[] rest) => (method, rest) switch
    {
        (_, ["project-member-api-keys", ..]) or (_, ["members", ..]) or (_, ["user-provisioning", ..]) => true,
        ("POST", ["intercom", "jwt"]) => true,
        (_, ["connectors", _, "oauth", ..]) => true,
        ("POST", ["data-destinations", "connect", "google-sheets"]) => true,
        (_, ["data-destinations", "oauth", ..]) or (_, ["data-destinations", _, "oauth", ..]) => true,
        (_, ["data-storages", "oauth", ..]) or (_, ["data-storages", _, "oauth", ..]) => true,
        ("POST", ["plugins", "installations", _, "runtime-token"]) => true,
        _ => false,
    };
}
