using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Owox.Data.Auth;
using Owox.Data.Diagnostics;

namespace Owox.Data.Http;

/// <summary>
/// Sends every request Owox.Data makes: the key exchange (wire-protocol §2), authorised calls with the two headers of
/// wire-protocol §2.6, one re-exchange on a 401, retries of failures that happened before any row reached the caller
/// (429 honouring <c>Retry-After</c>/<c>RateLimit-Reset</c>, 502/503/504, connection failures), redirects
/// refused, rate-limit headers recorded (and a request they say the server will refuse not sent, <see cref="RateLimitGate"/>),
/// and error bodies turned into <see cref="OwoxException"/>.
/// </summary>
internal sealed class OwoxApiClient(Func<HttpClient> createClient, RetryPolicy retryPolicy, string userAgent, ILogger logger, Action<string, OwoxRateLimitStatus> rateLimitObserved)
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");
    private readonly Random _random = new();
    private readonly RateLimitGate _gate = new();

    public Func<DateTimeOffset> Now { get; init; } = () => DateTimeOffset.UtcNow;

    public RetryPolicy RetryPolicy { get; } = retryPolicy;

    public async ValueTask<AccessToken> ExchangeAsync(ApiKey key, string origin, bool async, CancellationToken cancellationToken)
    {
        var context = new RequestContext("Exchanging the API key for an access token", OwoxTelemetry.ExchangeApiKey, isExchange: true);
        using var telemetry = OperationTelemetry.Start(context.DbOperation, collection: null);
        context.Telemetry = telemetry;
        try
        {
            return await ExchangeCoreAsync(key, origin, context, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }
    }

    private async ValueTask<AccessToken> ExchangeCoreAsync(ApiKey key, string origin, RequestContext context, bool async, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            _ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, origin + "/api/auth/api-keys/exchange");
                request.Headers.Add("x-owox-api-key-id", key.ApiKeyId);
                request.Headers.Accept.Add(JsonMediaType);
                request.Content = new ByteArrayContent(ExchangeBody(key));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return request;
            },
            tokens: null,
            context,
            async,
            cancellationToken).ConfigureAwait(false);

        using var stream = await HttpStreams.ReadContentAsync(response.Content, async, cancellationToken).ConfigureAwait(false);
        using var document = async
            ? await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false)
            : JsonDocument.Parse(stream);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("accessToken", out var tokenElement)
            || tokenElement.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(tokenElement.GetString()))
        {
            throw new OwoxException($"The OWOX API at {origin} answered the key exchange without an access token. Check that 'Api Origin' points at an OWOX Data Marts server.");
        }

        int? expiresIn = root.TryGetProperty("accessTokenExpiresIn", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var seconds) && seconds > 0
            ? seconds
            : null;
        OwoxLog.TokenExchanged(logger, key.ApiKeyId, origin, expiresIn);
        OwoxTelemetry.Exchanges.Add(1, context.Telemetry!.Tags());
        return new AccessToken(tokenElement.GetString()!, expiresIn is int s ? Now() + RenewalDelay(s) : null, key, origin);
    }

    /// <summary>
    /// GETs <paramref name="path"/> (relative to the token's origin) with the authorisation headers and parses the
    /// JSON body with <paramref name="parse"/>; a body that is not JSON is an <see cref="OwoxException"/>.
    /// </summary>
    public async ValueTask<T> GetJsonAsync<T>(string path, AccessTokenCache tokens, RequestContext context, Func<JsonElement, T> parse, bool async, CancellationToken cancellationToken)
    {
        using var telemetry = OperationTelemetry.Start(context.DbOperation, context.DataMartId);
        context.Telemetry = telemetry;
        try
        {
            return await GetJsonCoreAsync(path, tokens, context, parse, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            telemetry.Fail(e);
            throw;
        }
    }

    private async ValueTask<T> GetJsonCoreAsync<T>(string path, AccessTokenCache tokens, RequestContext context, Func<JsonElement, T> parse, bool async, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            token => new HttpRequestMessage(HttpMethod.Get, token!.Origin + path),
            tokens, context, async, cancellationToken).ConfigureAwait(false);
        try
        {
            using var stream = await HttpStreams.ReadContentAsync(response.Content, async, cancellationToken).ConfigureAwait(false);
            using var document = async
                ? await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false)
                : JsonDocument.Parse(stream);
            return parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new OwoxException($"{context.Operation} failed: the answer is not JSON. Check that 'Api Origin' points at an OWOX Data Marts server.", e)
            {
                DataMartId = context.DataMartId,
                RequestId = context.RequestId,
            };
        }
    }

    /// <summary>When to renew a token that lives <paramref name="seconds"/>: a minute early, or at half-life for short-lived tokens.</summary>
    internal static TimeSpan RenewalDelay(int seconds) =>
        TimeSpan.FromSeconds(Math.Max(seconds - 60, seconds / 2.0));

    /// <summary>
    /// Sends a request built by <paramref name="createRequest"/> (called once per attempt) and returns the
    /// successful response with its body unread. Every failure is an <see cref="OwoxException"/> except
    /// cancellation, which stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public async ValueTask<HttpResponseMessage> SendAsync(
        Func<AccessToken?, HttpRequestMessage> createRequest,
        AccessTokenCache? tokens,
        RequestContext context,
        bool async,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var reauthenticated = false;
        var attempt = 0;
        context.RequestId = Guid.NewGuid().ToString("D");
        while (true)
        {
            attempt++;
            var token = tokens is null ? null : await tokens.GetAsync(async, cancellationToken).ConfigureAwait(false);
            await _gate.AcquireAsync(Now, RetryPolicy.Budget - started.Elapsed, context, logger, async, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            OwoxRateLimitStatus? status = null;
            try
            {
                using (var request = createRequest(token))
                {
                    if (request.RequestUri is { IsAbsoluteUri: true } uri)
                        context.Telemetry?.Server(uri);
                    request.Headers.UserAgent.ParseAdd(userAgent);
                    request.Headers.Add("X-Request-Id", context.RequestId);
                    if (token is not null)
                    {
                        request.Headers.TryAddWithoutValidation("x-owox-authorization", "Bearer " + token.Value);
                        request.Headers.Add("x-owox-api-key-id", token.Key.ApiKeyId);
                    }

                    try
                    {
                        response = await HttpStreams.SendAsync(Client(), request, async, cancellationToken).ConfigureAwait(false);
                    }
                    catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
                    {
                        var failure = new OwoxException(
                            $"{context.Operation} failed: could not reach the OWOX API at {request.RequestUri!.GetLeftPart(UriPartial.Authority)} ({e.Message}). " +
                            "Check the origin inside the API key (or the 'Api Origin' keyword) and the network.",
                            e, statusCode: null, code: OwoxErrorCodes.NetworkError, details: null, isTransient: true)
                        { DataMartId = context.DataMartId, RequestId = context.RequestId };
                        await WaitBeforeRetryAsync(failure, attempt, started, null, context, e.Message, async, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // HttpClient reports its own timeout as a cancellation; we never set one, so this is a transport failure.
                        throw new OwoxException($"{context.Operation} failed: the HTTP request was aborted.", null, null, OwoxErrorCodes.NetworkError, null, isTransient: true)
                        { DataMartId = context.DataMartId, RequestId = context.RequestId };
                    }
                }

                status = RateLimitHeaders.Read(response, Now());
            }
            finally
            {
                _gate.Complete(status);
            }

            var now = Now();
            if (token is not null && status is not null)
                rateLimitObserved(token.Key.ApiKeyId, status);

            var code = (int)response.StatusCode;
            context.Telemetry?.Status(code);
            if (code is >= 200 and < 300)
                return response;

            using (response)
            {
                if (code is >= 300 and < 400)
                    throw Redirect(response, context);

                if (code == 401 && token is not null && !reauthenticated)
                {
                    reauthenticated = true;
                    tokens!.Invalidate(token);
                    OwoxLog.TokenRefused(logger, token.Key.ApiKeyId);
                    continue;
                }

                var error = await ServerErrorMapper.ToExceptionAsync(response, context, async, cancellationToken).ConfigureAwait(false);
                if (!error.IsTransient || code == 408)
                    throw error;
                var retryAfter = code == 429 ? RateLimitHeaders.RetryAfter(response, now) : null;
                if (code == 429)
                    error = RateLimited(response, now, retryAfter, context, error);
                await WaitBeforeRetryAsync(error, attempt, started, retryAfter, context, code.ToString(System.Globalization.CultureInfo.InvariantCulture), async, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask WaitBeforeRetryAsync(OwoxException failure, int attempt, Stopwatch started, TimeSpan? serverDelay, RequestContext context, string reason, bool async, CancellationToken cancellationToken)
    {
        if (attempt > RetryPolicy.MaxRetries)
            throw failure;
        TimeSpan delay;
        lock (_random)
            delay = serverDelay ?? RetryPolicy.BackOff(attempt, _random);
        if (started.Elapsed + delay > RetryPolicy.Budget)
            throw failure;
        if (serverDelay is not null)
        {
            OwoxLog.RateLimitWait(logger, context.Operation, reason, (long)delay.TotalMilliseconds);
            OwoxTelemetry.RateLimitWaits.Add(1, context.Telemetry?.Tags() ?? default);
        }
        else
        {
            OwoxLog.Retrying(logger, context.Operation, attempt, reason, (long)delay.TotalMilliseconds);
        }
        OwoxTelemetry.Retries.Add(1, context.Telemetry?.Tags() ?? default);
        if (async)
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        else if (cancellationToken.WaitHandle.WaitOne(delay))
            cancellationToken.ThrowIfCancellationRequested();
    }

    private OwoxException RateLimited(HttpResponseMessage response, DateTimeOffset now, TimeSpan? retryAfter, RequestContext context, OwoxException error)
    {
        var status = RateLimitHeaders.Read(response, now);
        var window = status?.ActiveWindow ?? "request";
        var limit = status?.Limit is long l ? $" of {l} requests" : string.Empty;
        var reset = retryAfter is TimeSpan after
            ? $" It resets in {after:hh\\:mm\\:ss} (at {(now + after).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)."
            : " The server did not say when it resets.";
        return new OwoxException(
            $"{context.Operation} failed: the API key's {window} rate limit{limit} was reached (429).{reset} " +
            $"The provider waits for a reset only within 'Retry Budget' ({RetryPolicy.Budget.TotalSeconds:0} s); wait and run again, or spread the load over the day.",
            null, 429, error.Code, error.Details, isTransient: true)
        { DataMartId = context.DataMartId, RequestId = context.RequestId };
    }

    private static OwoxException Redirect(HttpResponseMessage response, RequestContext context)
    {
        var location = response.Headers.Location;
        var target = location is null ? "another location" : location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Authority) : "another path";
        return new OwoxException(
            $"{context.Operation} failed: the server answered {(int)response.StatusCode} redirecting to {target}. " +
            "Redirects are not followed so that the access token never travels to another host; set 'Api Origin' to the address the server redirects to.",
            null, (int)response.StatusCode, null, null, isTransient: false)
        { DataMartId = context.DataMartId, RequestId = context.RequestId };
    }

    private static byte[] ExchangeBody(ApiKey key)
    {
        using var buffer = new MemoryStream(96);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("apiKeySecret", key.ApiKeySecret);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The HttpClient for the next request. Our own timeouts (CommandTimeout, Timeout) bound every wait, so the
    /// client's must be infinite: a fresh client (e.g. from IHttpClientFactory) is switched to infinite here.
    /// </summary>
    private HttpClient Client()
    {
        var client = createClient();
        if (client.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            try
            {
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            }
            catch (InvalidOperationException e)
            {
                throw new OwoxException(
                    "The HttpClient given to Owox.Data has a Timeout and was already used, so it cannot be changed. Give Owox.Data a client with Timeout = Timeout.InfiniteTimeSpan " +
                    "(Owox.Data bounds every wait itself with CommandTimeout), or a factory that creates a fresh client per call.", e);
            }
        }
        return client;
    }

    internal static string DefaultUserAgent(string? applicationName)
    {
        var version = typeof(OwoxApiClient).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var builder = new StringBuilder("Owox.Data/").Append(version)
            .Append(" (").Append(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription).Append(')');
        if (!string.IsNullOrWhiteSpace(applicationName))
            builder.Append(' ').Append(Uri.EscapeDataString(applicationName!.Trim()));
        return builder.ToString();
    }

    internal static HttpClient CreateHttpClient(HttpMessageHandler? handler)
    {
        handler ??= CreateDefaultHandler();
        return new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

#if NET5_0_OR_GREATER
    internal static SocketsHttpHandler CreateDefaultHandler()
    {
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = BufferedConnectionStream.ConnectAsync,
        };
    }
#else
    internal static HttpClientHandler CreateDefaultHandler()
    {
        return new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
    }
#endif
}
