using System;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Owox.Data.Emulator.Http;

/// <summary>The faults that replace the whole answer (statuses, foreign bodies, redirects).</summary>
internal static class FaultResponses
{
    public static bool IsStreamFault(FaultKind kind) => kind is FaultKind.CutBetweenRows or FaultKind.CutMidRow or FaultKind.SlowDrip or FaultKind.Stall or FaultKind.EndCleanlyShort;

    /// <summary>Answers the request per the fault; false when the fault acts later, during streaming.</summary>
    public static async Task<bool> TryRespondAsync(HttpContext context, FaultRule fault, RouteInfo route, DateTimeOffset now)
    {
        if (IsStreamFault(fault.Kind))
        {
            if (route.Target == FaultTarget.Stream)
            {
                return false;
            }

            context.Abort();
            return true;
        }

        switch (fault.Kind)
        {
            case FaultKind.ServiceUnavailable:
                await JsonResponses.WriteErrorAsync(context, new ApiError("Server is shutting down") { Status = 503, Reason = "Service Unavailable" }, now).ConfigureAwait(false);
                return true;
            case FaultKind.InternalServerError:
                await JsonResponses.WriteErrorAsync(context, new ApiError("Internal server error") { Status = 500, HasMessage = false }, now).ConfigureAwait(false);
                return true;
            case FaultKind.StorageReadFailed:
                await JsonResponses.WriteErrorAsync(context, StorageReadFailed(), now).ConfigureAwait(false);
                return true;
            case FaultKind.TooManyRequests:
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await JsonResponses.WriteErrorAsync(context, new ApiError("ThrottlerException: Too Many Requests") { Status = 429, Reason = "Too Many Requests" }, now).ConfigureAwait(false);
                return true;
            case FaultKind.BadGateway:
                await PlainAsync(context, 502, "text/plain; charset=utf-8", "Bad Gateway").ConfigureAwait(false);
                return true;
            case FaultKind.GatewayTimeout:
                await PlainAsync(context, 504, "text/plain; charset=utf-8", "Gateway Timeout").ConfigureAwait(false);
                return true;
            case FaultKind.NonJsonError:
                await PlainAsync(context, fault.StatusCode, "text/html; charset=utf-8", $"<html><head><title>{fault.StatusCode} Error</title></head><body><h1>Something went wrong</h1></body></html>").ConfigureAwait(false);
                return true;
            case FaultKind.HtmlOk:
                await PlainAsync(context, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in to continue.</body></html>").ConfigureAwait(false);
                return true;
            case FaultKind.RedirectToOtherHost:
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = (fault.RedirectLocation ?? new Uri("http://other-host.invalid" + JsonResponses.OriginalUrl(context))).ToString();
                context.Response.ContentLength = 0;
                return true;
            default:
                return false;
        }
    }

    public static ApiError StorageReadFailed() => new("Storage dependency failed while reading this Data Mart data: Google BigQuery returned 403 Forbidden: Access Denied: Table emulator:demo.ad_performance: User does not have permission to query table.")
    {
        Status = 424,
        Code = "STORAGE_READ_FAILED",
        Details = new JsonObject
        {
            ["dependency"] = "storage",
            ["providerMessage"] = "Access Denied: Table emulator:demo.ad_performance: User does not have permission to query table.",
            ["providerName"] = "Google BigQuery",
            ["providerReason"] = "accessDenied",
            ["providerStatusCode"] = 403,
            ["storageType"] = "GOOGLE_BIGQUERY",
        },
    };

    private static async Task PlainAsync(HttpContext context, int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
