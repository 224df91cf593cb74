using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace Owox.Data.Cli;

/// <summary>
/// An unknown option where the query argument may stand (<c>owox-data --fromat csv</c>): System.CommandLine would take
/// it as the query, so the argument refuses text that starts with <c>-</c>, naming it and the closest option.
/// </summary>
internal static class OptionSuggestion
{
    /// <summary>Adds the check to <paramref name="query"/>, whose command's options are the candidates.</summary>
    public static void RefuseUnknownOptions(Argument<string?> query) => query.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<string?>() is not { } text || !text.StartsWith('-') || text.Contains(' ', StringComparison.Ordinal))
            return;
        var closest = result.Parent is CommandResult command ? Closest(command.Command, text) : null;
        result.AddError(closest is not null ? $"unknown option '{text}'; did you mean '{closest}'?" : $"unknown option '{text}'.");
    });

    /// <summary>The option or subcommand of <paramref name="command"/> closest to <paramref name="token"/> (at most 3 edits away); null if none is.</summary>
    public static string? Closest(Command command, string token)
    {
        var names = token.StartsWith('-')
            ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal))
            : command.Subcommands.Select(c => c.Name);
        return names.Select(n => (Name: n, Distance: Distance(n, token))).Where(c => c.Distance <= 3).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
    }

    /// <summary>The Levenshtein distance of two texts.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
