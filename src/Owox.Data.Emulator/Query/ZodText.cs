using System.Text.Json;

namespace Owox.Data.Emulator.Query;

/// <summary>Error texts in the form the server's zod schemas produce them.</summary>
internal static class ZodText
{
    public const string Required = "Required";
    public const string InvalidInput = "Invalid input";

    public static string TypeName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };

    public static string Expected(string expected, JsonValueKind received) => $"Expected {expected}, received {TypeName(received)}";

    public static string Options(string[] options) => "'" + string.Join("' | '", options) + "'";

    public static string InvalidEnum(string[] options, JsonElement received) => received.ValueKind == JsonValueKind.String
        ? $"Invalid enum value. Expected {Options(options)}, received '{received.GetString()}'"
        : $"Expected {Options(options)}, received {TypeName(received.ValueKind)}";
}
