using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Auth;

/// <summary>Where the token cache gets the API key to exchange: the connection string's, or a user's rotating provider.</summary>
internal interface IApiKeySource
{
    /// <summary>The key to use for the next exchange.</summary>
    ValueTask<ApiKey> GetAsync(bool async, CancellationToken cancellationToken);

    /// <summary>The last key obtained, if any (for display: origin, key id).</summary>
    ApiKey? Current { get; }
}
