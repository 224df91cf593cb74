using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Owox.Data.Emulator.Query;

/// <summary>Compiled filter patterns (null when the pattern does not compile).</summary>
internal static class RegexCache
{
    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    public static Regex? Get(string pattern) => Cache.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    });
}
