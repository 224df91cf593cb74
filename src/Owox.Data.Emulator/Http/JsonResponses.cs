using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Owox.Data.Emulator.Http;

/// <summary>Writing JSON answers and the wire-protocol §2.7 error bodies.</summary>
internal static class JsonResponses
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const int CompressionThreshold = 1024;

    private static bool AcceptsGzip(HttpRequest request)
    {
        foreach (var value in request.Headers.AcceptEncoding)
        {
            foreach (var part in (value ?? "").Split(','))
            {
                var token = part.Trim();
                var semicolon = token.IndexOf(';', StringComparison.Ordinal);
                var name = semicolon < 0 ? token : token[..semicolon].Trim();
                if ((name.Equals("gzip", StringComparison.OrdinalIgnoreCase) || name == "*") && !token.Replace(" ", "", StringComparison.Ordinal).EndsWith(";q=0", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The original request target (path and query string, as sent).</summary>
    public static string OriginalUrl(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.Path + context.Request.QueryString;

    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Options));
        if (bytes.Length >= CompressionThreshold)
        {
            // Like Express's compression middleware: JSON of 1 KiB or more is gzipped when the client accepts it.
            context.Response.Headers.Append("Vary", "Accept-Encoding");
            if (AcceptsGzip(context.Request))
            {
                using var compressed = new MemoryStream();
                using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(bytes);
                }

                bytes = compressed.ToArray();
                context.Response.Headers.ContentEncoding = "gzip";
            }
        }

        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiError error, DateTimeOffset now)
    {
        var body = new JsonObject();
        var path = OriginalUrl(context);
        if (error.Business)
        {
            body["statusCode"] = error.Status;
            body["timestamp"] = Iso(now);
            body["path"] = path;
            body["message"] = error.Message;
            if (error.Code is not null)
            {
                body["code"] = error.Code;
            }

            if (error.ErrorDetails is not null)
            {
                body["errorDetails"] = error.ErrorDetails.DeepClone();
            }
        }
        else
        {
            if (error.Code is not null)
            {
                body["code"] = error.Code;
            }

            if (error.Reason is not null && error.HasMessage)
            {
                body["message"] = error.Message;
                body["error"] = error.Reason;
            }

            body["statusCode"] = error.Status;
            if (error.Reason is null && error.HasMessage)
            {
                body["message"] = error.Message;
            }

            if (error.Details is not null)
            {
                body["details"] = error.Details.DeepClone();
            }

            body["timestamp"] = Iso(now);
            body["path"] = path;
        }

        if (context.Request.Headers.TryGetValue("X-Request-Id", out var requestId) && requestId.Count > 0)
        {
            body["requestId"] = requestId.ToString();
        }

        return WriteJsonAsync(context, error.Status, body);
    }
}
