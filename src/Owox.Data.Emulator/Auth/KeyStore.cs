using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Owox.Data.Emulator.Auth;

/// <summary>
/// API keys (stored as salted SHA-256 hashes of <c>owox_pmkey:{id}:{secret}</c>, never the secret) and the opaque
/// access tokens issued by the exchange.
/// </summary>
internal sealed partial class KeyStore
{
    private readonly ConcurrentDictionary<string, KeyRecord> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenRecord> _tokens = new(StringComparer.Ordinal);
    private readonly EmulatorClock _clock;

    public KeyStore(EmulatorClock clock) => _clock = clock;

    [GeneratedRegex("^pmk_[A-Za-z0-9_-]{22}$")]
    public static partial Regex KeyIdPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    public static partial Regex SecretPattern();

    public string Mint(Uri origin, DateTimeOffset? expiresAt)
    {
        var id = "pmk_" + Base64Url(RandomNumberGenerator.GetBytes(16));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        _keys[id] = new KeyRecord(salt, Hash(salt, id, secret), expiresAt);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new KeyPayload(origin.GetLeftPart(UriPartial.Authority), id, secret));
        return "owox_key_" + Base64Url(payload);
    }

    /// <summary>Decodes a key string minted here; null when it is not one.</summary>
    public static KeyPayload? Decode(string apiKey)
    {
        if (apiKey is null || !apiKey.StartsWith("owox_key_", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var text = apiKey["owox_key_".Length..].Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            return JsonSerializer.Deserialize<KeyPayload>(Convert.FromBase64String(text));
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Revoke(string apiKeyId)
    {
        if (_keys.TryGetValue(apiKeyId, out var record))
        {
            record.Revoked = true;
        }
    }

    /// <summary>Checks a key id and secret for an exchange (format, existence, revocation, expiry, secret).</summary>
    public bool Verify(string? apiKeyId, string secret)
    {
        if (apiKeyId is null || !KeyIdPattern().IsMatch(apiKeyId) || !SecretPattern().IsMatch(secret)
            || !_keys.TryGetValue(apiKeyId, out var record) || record.Revoked
            || (record.ExpiresAt is { } expires && expires <= _clock.Now))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(record.Hash, Hash(record.Salt, apiKeyId, secret));
    }

    public bool IsKnownKey(string apiKeyId) => _keys.ContainsKey(apiKeyId);

    public string IssueToken(string apiKeyId, TimeSpan? lifetime)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        _tokens[token] = new TokenRecord(apiKeyId, lifetime is { } l ? _clock.Now + l : null);
        return token;
    }

    /// <summary>The key id a live token was issued for; null when unknown or expired.</summary>
    public string? ResolveToken(string token)
    {
        if (!_tokens.TryGetValue(token, out var record))
        {
            return null;
        }

        return record.ExpiresAt is { } expires && expires <= _clock.Now ? null : record.ApiKeyId;
    }

    private static byte[] Hash(byte[] salt, string id, string secret)
    {
        var material = Encoding.UTF8.GetBytes("owox_pmkey:" + id + ":" + secret);
        var buffer = new byte[salt.Length + material.Length];
        salt.CopyTo(buffer, 0);
        material.CopyTo(buffer, salt.Length);
        return SHA256.HashData(buffer);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class KeyRecord(byte[] salt, byte[] hash, DateTimeOffset? expiresAt)
    {
        public byte[] Salt { get; } = salt;

        public byte[] Hash { get; } = hash;

        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        public bool Revoked { get; set; }
    }

    private sealed record TokenRecord(string ApiKeyId, DateTimeOffset? ExpiresAt);
}
