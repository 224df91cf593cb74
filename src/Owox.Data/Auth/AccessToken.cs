using System;

namespace Owox.Data.Auth;

/// <summary>An access token from the key exchange (§2.2), opaque, with the moment to renew it (null = keep until a 401).</summary>
internal sealed class AccessToken(string value, DateTimeOffset? renewAt)
{
    public string Value { get; } = value;

    public DateTimeOffset? RenewAt { get; } = renewAt;

    public bool NeedsRenewal(DateTimeOffset now) => RenewAt is DateTimeOffset at && now >= at;

    public override string ToString() => "access token (hidden)";
}
