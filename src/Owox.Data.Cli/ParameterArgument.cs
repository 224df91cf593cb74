using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Owox.Data.Cli;

/// <summary>
/// <c>--param name=value</c>: a SQL parameter (<c>@name</c>, <c>:name</c>) whose value is typed from its text where
/// the text is unambiguous — <c>true</c>/<c>false</c> a bool, an integer that fits a long a long, a plain decimal
/// (<c>-12.50</c>) a decimal, <c>yyyy-MM-dd</c> a date, <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c> a wall-clock DateTime and
/// the same with <c>Z</c> or an offset an instant (DateTimeOffset) — and a string otherwise. The provider then binds
/// it by the SQL parameter rules: against a data mart's column a number is sent as text to a string column and a
/// numeric string as a number to a number column, so <c>--param id=42</c> also matches a STRING id.
/// </summary>
internal static partial class ParameterArgument
{
    /// <summary>Splits and types <paramref name="text"/>; throws <see cref="UsageException"/> when it is not <c>name=value</c>.</summary>
    public static OwoxParameter Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? text[..equals].Trim().TrimStart('@', ':') : string.Empty;
        if (name.Length == 0)
            throw new UsageException($"--param '{text}' must be name=value.");
        return new OwoxParameter(name, Value(text[(equals + 1)..]));
    }

    /// <summary>The typed value of a parameter's text (see the class).</summary>
    public static object Value(string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (text is "true" or "false")
            return text == "true";
        if (Integer().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out var integer))
            return integer;
        if (PlainDecimal().IsMatch(text) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, invariant, out var number))
            return number;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var date))
            return date;
        if (LocalTimestamp().IsMatch(text) && DateTime.TryParse(text, invariant, DateTimeStyles.None, out var wallClock))
            return wallClock;
        if (ZonedTimestamp().IsMatch(text) && DateTimeOffset.TryParse(text, invariant, DateTimeStyles.None, out var instant))
            return instant;
        return text;
    }

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^-?[0-9]+\.[0-9]+$")]
    private static partial Regex PlainDecimal();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?$")]
    private static partial Regex LocalTimestamp();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?(Z|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex ZonedTimestamp();
}
