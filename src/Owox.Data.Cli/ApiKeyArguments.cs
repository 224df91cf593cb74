using System;
using System.IO;

namespace Owox.Data.Cli;

/// <summary>Where the API key comes from: <c>--key</c>, else <c>--key-file</c>, else OWOX_API_KEY; none means the local emulator.</summary>
internal static class ApiKeyArguments
{
    /// <summary>The key to use, or null for the emulator; throws <see cref="UsageException"/> for both options or an unreadable file.</summary>
    public static string? Resolve(string? key, string? keyFile, string? environmentKey)
    {
        if (key is not null && keyFile is not null)
            throw new UsageException("--key and --key-file exclude each other.");
        if (keyFile is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(keyFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read --key-file {keyFile}: {e.Message}");
            }
            return text.Length > 0 ? text : throw new UsageException($"--key-file {keyFile} is empty.");
        }
        return string.IsNullOrWhiteSpace(key ?? environmentKey) ? null : (key ?? environmentKey)!.Trim();
    }
}
