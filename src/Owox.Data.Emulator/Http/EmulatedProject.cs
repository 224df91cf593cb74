using System.Text.Json.Nodes;

namespace Owox.Data.Emulator.Http;

/// <summary>The one project and user every emulated key belongs to (an admin, so every permission check passes).</summary>
internal static class EmulatedProject
{
    public const string ProjectId = "emulator-project";
    public const string ProjectTitle = "OWOX Emulator";
    public const string UserId = "emulator-admin";
    public const string UserEmail = "admin@emulator.local";
    public const string UserFullName = "Emulator Admin";

    /// <summary>The <c>createdByUser</c> object of marts and runs.</summary>
    public static JsonObject User() => new()
    {
        ["userId"] = UserId,
        ["fullName"] = UserFullName,
        ["email"] = UserEmail,
        ["avatar"] = null,
    };
}
