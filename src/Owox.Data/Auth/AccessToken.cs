using System;

namespace Owox.Data.Auth;

/// <summary>
/// An access token from the key exchange (wire-protocol §2.2), opaque, with the key it was issued for (its id goes in
/// <c>x-owox-api-key-id</c>), the origin it is valid at, and the moment to renew it (null = keep until a 401).
/// </summary>
internal sealed class AccessToken(string value, DateTimeOffset? renewAt, ApiKey key, string origin)
{
    public string Value { get; } = value;

    public DateTimeOffset? RenewAt { get; } = renewAt;

    public ApiKey Key { get; } = key;

    public string Origin { get; } = origin;

    public bool NeedsRenewal(DateTimeOffset now) => RenewAt is DateTimeOffset at && now >= at;

    public override string ToString() => "access token (hidden)";
}
