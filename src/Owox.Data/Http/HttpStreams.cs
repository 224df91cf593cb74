using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Http;

/// <summary>The one place that chooses between the synchronous and asynchronous HTTP calls (sync path uses real sync I/O on net5+).</summary>
internal static class HttpStreams
{
    public static async ValueTask<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, bool async, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        if (!async)
            return client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
#endif
        if (async)
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false).GetAwaiter().GetResult();
    }

    public static async ValueTask<Stream> ReadContentAsync(HttpContent content, bool async, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        if (!async)
            return content.ReadAsStream(cancellationToken);
        return await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        _ = cancellationToken;
        if (async)
            return await content.ReadAsStreamAsync().ConfigureAwait(false);
        return content.ReadAsStreamAsync().ConfigureAwait(false).GetAwaiter().GetResult();
#endif
    }
}
