using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Auth;

/// <summary>The key from the connection string, parsed once.</summary>
internal sealed class StaticApiKeySource(ApiKey key) : IApiKeySource
{
    public ApiKey? Current => key;

    public ValueTask<ApiKey> GetAsync(bool async, CancellationToken cancellationToken) => new(key);
}
