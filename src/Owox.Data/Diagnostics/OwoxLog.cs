using System;
using Microsoft.Extensions.Logging;

namespace Owox.Data.Diagnostics;

/// <summary>Every log line Owox.Data writes, with stable event ids. None of them carries a key, secret or token.</summary>
internal static partial class OwoxLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Exchanged API key {ApiKeyId} at {Origin} for an access token (expires in {ExpiresIn} s)")]
    public static partial void TokenExchanged(ILogger logger, string apiKeyId, string origin, int? expiresIn);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Access token of API key {ApiKeyId} was refused (401); exchanging the key again")]
    public static partial void TokenRefused(ILogger logger, string apiKeyId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Origin {Origin} uses plain http: the access token travels unencrypted")]
    public static partial void PlainHttpOrigin(ILogger logger, string origin);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "{Operation}: attempt {Attempt} failed ({Reason}); retrying in {Delay} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string reason, long delay);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "{Operation}: rate limit reached ({Status}); waiting {Delay} ms for the reset")]
    public static partial void RateLimitWait(ILogger logger, string operation, string status, long delay);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Streaming {DataMartId}: run {RunId} started, time to headers {Elapsed} ms")]
    public static partial void StreamStarted(ILogger logger, string dataMartId, string? runId, long elapsed);

    /// <summary>The request a command became, with its configs decoded (values included, never the token): Debug only.</summary>
    public static void SendingQuery(ILogger logger, string dataMartId, string path)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
            return;
        var decoded = Query.QueryStringEncoder.Decode(path);
        SendingQuery(logger, dataMartId, path, decoded);
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Streaming {DataMartId}: GET {Path} (parameters decoded: {Decoded})", SkipEnabledCheck = true)]
    private static partial void SendingQuery(ILogger logger, string dataMartId, string path, string decoded);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Streaming {DataMartId}: run {RunId} ended after {Rows} rows, {Bytes} bytes")]
    public static partial void StreamEnded(ILogger logger, string dataMartId, string? runId, long rows, long bytes);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Streaming {DataMartId}: run {RunId} failed after {Rows} rows")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string dataMartId, string? runId, long rows);
}
