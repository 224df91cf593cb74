using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;

namespace Owox.Data.Cli;

/// <summary>
/// An unknown option or a mistyped command where an argument may stand (<c>owox-data --fromat csv</c>,
/// <c>owox-data mrats</c>): System.CommandLine would take it as the query or the data-mart id, so the argument
/// refuses text that starts with <c>-</c>, and a word a few letters from a command name, naming the closest one.
/// </summary>
internal static class OptionSuggestion
{
    /// <summary>Adds the check to <paramref name="argument"/>, whose command's options and subcommands are the candidates.</summary>
    public static void RefuseUnknownOptions(Argument<string?> argument) => argument.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<string?>() is not { } text || text.Contains(' ', StringComparison.Ordinal))
            return;
        var closest = result.Parent is CommandResult command ? Closest(command.Command, text) : null;
        if (text.StartsWith('-'))
            result.AddError(closest is not null ? $"unknown option '{text}'; did you mean '{closest}'?" : $"unknown option '{text}'.");
        else if (closest is not null && text.All(char.IsAsciiLetter))
            result.AddError($"unknown command '{text}'; did you mean '{closest}'? (To query a data mart of that id, write: owox-data query {text}.)");
    });

    /// <summary>
    /// The option (for a token that starts with <c>-</c>, at most 3 edits away) or subcommand (at most 2) of
    /// <paramref name="command"/> closest to <paramref name="token"/>; null if none is that close.
    /// </summary>
    public static string? Closest(Command command, string token)
    {
        var (names, most) = token.StartsWith('-')
            ? (command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)), 3)
            : (command.Subcommands.Select(c => c.Name), 2);
        return names.Select(n => (Name: n, Distance: Distance(n, token))).Where(c => c.Distance <= most && c.Distance < token.Length).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
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
