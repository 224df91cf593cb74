using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Cli;

/// <summary>
/// The data source's HTTP handler, which remembers the authentication headers (<c>x-owox-authorization</c>,
/// <c>x-owox-api-key-id</c>: wire-protocol §2.6) and the origin of the provider's last authenticated request. The
/// provider has no public API for listing reports; <c>owox-data reports</c> sends its own
/// <c>GET /api/reports/data-mart/{id}</c> through this handler with those headers, so the key is exchanged once, by
/// the provider.
/// </summary>
internal sealed class TokenCapture() : DelegatingHandler(OwoxDataSourceBuilder.CreateDefaultHttpMessageHandler())
{
    private const string AuthorizationHeader = "x-owox-authorization";

    private KeyValuePair<string, string[]>[] _headers = [];

    /// <summary>The origin (<c>https://host[:port]</c>) of the last request that carried a token; null before one.</summary>
    public Uri? Origin { get; private set; }

    /// <summary>A GET of <paramref name="path"/> at <see cref="Origin"/> with the provider's authentication headers.</summary>
    public HttpRequestMessage Get(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Origin ?? throw new InvalidOperationException("The provider has sent no authenticated request yet."), path));
        foreach (var (name, values) in _headers)
            request.Headers.TryAddWithoutValidation(name, values);
        return request;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Remember(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Remember(request);
        return base.Send(request, cancellationToken);
    }

    private void Remember(HttpRequestMessage request)
    {
        if (!request.Headers.Contains(AuthorizationHeader) || request.RequestUri is not { } uri)
            return;
        _headers = [.. request.Headers
            .Where(h => h.Key.StartsWith("x-owox-", StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, h.Value.ToArray()))];
        Origin = new Uri(uri.GetLeftPart(UriPartial.Authority));
    }
}
