namespace Owox.Data.Emulator.Auth;

/// <summary>The JSON inside an <c>owox_key_</c> string, in the server's member order.</summary>
internal sealed record KeyPayload(
    [property: System.Text.Json.Serialization.JsonPropertyName("apiOrigin")] string ApiOrigin,
    [property: System.Text.Json.Serialization.JsonPropertyName("apiKeyId")] string ApiKeyId,
    [property: System.Text.Json.Serialization.JsonPropertyName("apiKeySecret")] string ApiKeySecret);
