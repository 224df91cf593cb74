using System;
using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>
/// The SQL spelling of the API's relative-date presets (wire-protocol §3.3.1): <c>date IN TODAY</c>, <c>date IN LAST_N_DAYS(7)</c> …
/// Each spelling is the API's <c>kind</c> in upper case; the <c>_N_</c> presets take a count 1..3650.
/// </summary>
internal static class RelativeDatePresets
{
    /// <summary>The smallest and largest count the API accepts for the <c>_N_</c> presets.</summary>
    public const int MinCount = 1;

    public const int MaxCount = 3650;

    private static readonly Dictionary<string, RelativeDatePreset> s_presets = Build();

    /// <summary>All spellings, for error messages.</summary>
    public const string SpellingList =
        "TODAY, YESTERDAY, THIS_WEEK, LAST_WEEK, THIS_MONTH, LAST_MONTH, THIS_QUARTER, LAST_QUARTER, THIS_YEAR, LAST_N_DAYS(n), LAST_N_MONTHS(n), NEXT_N_DAYS(n)";

    /// <summary>Finds the preset spelled <paramref name="word"/> (case-insensitive).</summary>
    public static bool TryGet(string word, out RelativeDatePreset preset) => s_presets.TryGetValue(word, out preset!);

    private static Dictionary<string, RelativeDatePreset> Build()
    {
        var presets = new Dictionary<string, RelativeDatePreset>(StringComparer.OrdinalIgnoreCase);
        foreach (var kind in new[] { "today", "yesterday", "this_week", "last_week", "this_month", "last_month", "this_quarter", "last_quarter", "this_year" })
            presets.Add(kind, new RelativeDatePreset(kind, kind.ToUpperInvariant(), HasCount: false));
        foreach (var kind in new[] { "last_n_days", "last_n_months", "next_n_days" })
            presets.Add(kind, new RelativeDatePreset(kind, kind.ToUpperInvariant(), HasCount: true));
        return presets;
    }
}

/// <summary>One relative-date preset: the API's <see cref="Kind"/>, its SQL <see cref="Spelling"/>, and whether it takes a count.</summary>
internal sealed record RelativeDatePreset(string Kind, string Spelling, bool HasCount);
