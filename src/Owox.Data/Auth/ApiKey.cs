using System;
using System.Text;
using System.Text.Json;

namespace Owox.Data.Auth;

/// <summary>
/// A decoded <c>owox_key_...</c> API key (wire-protocol §1): the origin to call, the public key id
/// and the secret. Parsing applies the official client's checks in the same order with the same wording,
/// and no message ever contains the key or its secret. <see cref="ToString"/> never shows the secret.
/// </summary>
internal sealed class ApiKey
{
    public const string Prefix = "owox_key_";

    private ApiKey(string apiOrigin, string apiKeyId, string apiKeySecret)
    {
        ApiOrigin = apiOrigin;
        ApiKeyId = apiKeyId;
        ApiKeySecret = apiKeySecret;
    }

    /// <summary>The normalised origin, <c>scheme://host[:port]</c>, lower-case host, no default port, no trailing slash.</summary>
    public string ApiOrigin { get; }

    public string ApiKeyId { get; }

    public string ApiKeySecret { get; }

    public override string ToString() => $"OWOX API key {ApiKeyId} for {ApiOrigin}";

    public static ApiKey Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || !value!.StartsWith(Prefix, StringComparison.Ordinal))
            throw Invalid("OWOX_API_KEY is required and must start with owox_key_");

        var payload = value.Substring(Prefix.Length);
        if (payload.Length == 0 || !IsBase64Url(payload))
            throw Invalid("OWOX_API_KEY must contain a valid base64url payload");

        byte[] json;
        try
        {
            json = DecodeBase64Url(payload);
        }
        catch (FormatException)
        {
            throw Invalid("OWOX_API_KEY must contain a valid base64url payload");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw Invalid("OWOX_API_KEY must contain a valid JSON payload");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid("OWOX_API_KEY must contain a JSON object");

            string? origin, keyId, secret;
            try
            {
                origin = RequiredMember(root, "apiOrigin");
                keyId = RequiredMember(root, "apiKeyId");
                secret = RequiredMember(root, "apiKeySecret");
            }
            catch (InvalidOperationException)
            {
                throw Invalid("OWOX_API_KEY must contain a valid JSON payload");
            }
            if (origin is null || keyId is null || secret is null)
                throw Invalid("OWOX_API_KEY must include apiOrigin, apiKeyId, and apiKeySecret");

            var normalized = NormalizeOrigin(origin)
                ?? throw Invalid("OWOX_API_KEY apiOrigin must be a valid http or https origin");
            return new ApiKey(normalized, keyId, secret);
        }
    }

    /// <summary>
    /// Normalises an origin (from a key or the <c>Api Origin</c> keyword) to <c>scheme://host[:port]</c>;
    /// null when it is not an absolute http(s) URL with only scheme, host and optional port.
    /// </summary>
    public static string? NormalizeOrigin(string origin)
    {
        if (!Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri))
            return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            return null;
        if (uri.Host.Length == 0 || uri.UserInfo.Length != 0)
            return null;
        if (uri.AbsolutePath != "/" || uri.Query.Length != 0 || uri.Fragment.Length != 0)
            return null;
        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private static string? RequiredMember(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var member) || member.ValueKind != JsonValueKind.String)
            return null;
        var text = member.GetString()!.Trim();
        return text.Length == 0 ? null : text;
    }

    private static bool IsBase64Url(string payload)
    {
        foreach (var c in payload)
        {
            var ok = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';
            if (!ok)
                return false;
        }
        return true;
    }

    private static byte[] DecodeBase64Url(string payload)
    {
        var builder = new StringBuilder(payload.Length + 3);
        builder.Append(payload).Replace('-', '+').Replace('_', '/');
        builder.Append('=', (4 - (payload.Length % 4)) % 4);
        return Convert.FromBase64String(builder.ToString());
    }

    private static OwoxException Invalid(string message) =>
        new(message + ". Copy the whole key from OWOX (Project settings → My API Keys) and pass it as the connection string or as 'Api Key=owox_key_...'.");
}
