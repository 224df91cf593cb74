using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Http;

/// <summary>
/// Turns a non-success response into an <see cref="OwoxException"/>: reads at most
/// <see cref="MaxErrorBodyBytes"/> of the body, accepts both server error shapes (wire-protocol §2.7: <c>code</c>/<c>error</c>,
/// <c>details</c>/<c>errorDetails</c>, 500s without <c>message</c>) and non-JSON bodies (a proxy's HTML page),
/// and writes a message that says what happened and what to do.
/// </summary>
internal static class ServerErrorMapper
{
    public const int MaxErrorBodyBytes = 64 * 1024;

    public static async ValueTask<OwoxException> ToExceptionAsync(HttpResponseMessage response, RequestContext context, bool async, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        string? message = null, code = null, details = null;
        var body = await ReadBoundedAsync(response, async, cancellationToken).ConfigureAwait(false);
        if (body.Length > 0)
            ParseJsonBody(body, ref message, ref code, ref details);

        var text = new StringBuilder();
        text.Append(context.Operation).Append(" failed: the OWOX API answered ").Append(status).Append(' ').Append(ReasonPhrase(response));
        if (!string.IsNullOrWhiteSpace(message))
            text.Append(": ").Append(message!.TrimEnd('.')).Append('.');
        else
            text.Append('.');
        var hint = Hint(status, code, context);
        if (hint is not null)
            text.Append(' ').Append(hint);
        if (context.RequestId is not null)
            text.Append(" (request id ").Append(context.RequestId).Append(')');

        return new OwoxException(text.ToString(), null, status, code, details, IsTransientStatus(status))
        {
            DataMartId = context.DataMartId,
            RequestId = context.RequestId,
        };
    }

    public static bool IsTransientStatus(int status) => status is 408 or 429 or 502 or 503 or 504;

    private static string ReasonPhrase(HttpResponseMessage response) =>
        string.IsNullOrEmpty(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase!;

    private static string? Hint(int status, string? code, RequestContext context) => status switch
    {
        401 when context.IsExchange => "The API key was refused: it is mistyped, revoked or expired. Create a new key in OWOX (Project settings → My API Keys) and use it as the connection string.",
        401 => "The access token was refused even after a fresh exchange: the key's owner may have lost access to the project, or the key was revoked. Check the key in OWOX.",
        403 => "The key's owner lacks permission for this: ask a project admin to share the data mart (or grant the role), or use a key of a user who has access.",
        404 => context.DataMartId is null ? null : $"Check the id '{context.DataMartId}': it must belong to the key's project, and only PUBLISHED data marts can be streamed.",
        424 => "The data mart's warehouse failed to run the query; see Details for the provider's message.",
        429 => "The API key's rate limit was reached; wait until it resets, or raise 'Retry Budget' to let the provider wait for you.",
        500 => "The server failed unexpectedly; retry later and quote the request id to OWOX support if it persists.",
        502 or 503 or 504 => "The server or a proxy in front of it is unavailable (restarting or overloaded); retry later.",
        _ => null,
    };

    private static void ParseJsonBody(byte[] body, ref string? message, ref string? code, ref string? details)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return;
            if (root.TryGetProperty("message", out var m))
                message = m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText();
            if (root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
                code = c.GetString();
            else if (BlockedReason(root) is { } reason)
                code = reason;
            else if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                code = e.GetString();
            if (root.TryGetProperty("details", out var d) && d.ValueKind != JsonValueKind.Null)
                details = d.GetRawText();
            else if (root.TryGetProperty("errorDetails", out var ed) && ed.ValueKind != JsonValueKind.Null)
                details = ed.GetRawText();
            if (message is null && root.TryGetProperty("details", out var dd) && dd.ValueKind == JsonValueKind.Object
                && dd.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var joined = new StringBuilder();
                foreach (var error in errors.EnumerateArray())
                {
                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var em) && em.ValueKind == JsonValueKind.String)
                        joined.Append(joined.Length > 0 ? "; " : string.Empty).Append(em.GetString());
                }
                message = joined.Length > 0 ? joined.ToString() : null;
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page from a proxy, plain text): the status line alone explains the failure.
        }
    }

    /// <summary>
    /// The first of <c>errorDetails.blockedReasons</c> (wire-protocol §3.4, §10): the reason a body without a <c>code</c>
    /// names, such as <c>LICENSE_REQUIRED</c> (self-hosted 0.35 without a licence) or <c>BI_PROJECT_NOT_ACTIVE</c>.
    /// </summary>
    private static string? BlockedReason(JsonElement root)
    {
        foreach (var name in new[] { "errorDetails", "details" })
        {
            if (root.TryGetProperty(name, out var details) && details.ValueKind == JsonValueKind.Object
                && details.TryGetProperty("blockedReasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
            {
                foreach (var reason in reasons.EnumerateArray())
                {
                    if (reason.ValueKind == JsonValueKind.String && reason.GetString() is { Length: > 0 } text)
                        return text;
                }
            }
        }
        return null;
    }

    private static async ValueTask<byte[]> ReadBoundedAsync(HttpResponseMessage response, bool async, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await HttpStreams.ReadContentAsync(response.Content, async, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = async
                    ? await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)
                    : stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                    break;
                total += read;
            }
            Array.Resize(ref buffer, total);
            return buffer;
        }
        catch (Exception e) when (e is IOException or HttpRequestException or WebException)
        {
            return [];
        }
    }
}
