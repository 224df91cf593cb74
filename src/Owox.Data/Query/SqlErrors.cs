using System.Text;

namespace Owox.Data.Query;

/// <summary>
/// Builds the translator's <see cref="OwoxException"/>s: the message names the construct and the fix, and ends
/// with the 1-based character position and the offending fragment of the command text; <see cref="OwoxException.Code"/>
/// is one of the <c>SQL_…</c> codes of <see cref="OwoxErrorCodes"/> (the catalog of refusals, listed in docs/sql.md §11),
/// so a tool tells a refusal from a server error without reading the message. Nothing is sent when one is thrown.
/// </summary>
internal static class SqlErrors
{
    private const int MaxFragmentLength = 60;

    /// <summary>An error with <paramref name="code"/> about the text at <paramref name="start"/> (length <paramref name="length"/>) of <paramref name="sql"/>.</summary>
    public static OwoxException At(string sql, int start, int length, string code, string message) =>
        new(message + " (" + Where(sql, start, length) + ")", null, null, code, null, isTransient: false);

    /// <summary>An error with <paramref name="code"/> about <paramref name="span"/> of <paramref name="sql"/>.</summary>
    public static OwoxException At(string sql, SqlSpan span, string code, string message) => At(sql, span.Start, span.Length, code, message);

    private static string Where(string sql, int start, int length)
    {
        if (start >= sql.Length)
            return "at the end of the command text";
        if (length <= 0)
            length = 1;
        if (start + length > sql.Length)
            length = sql.Length - start;
        var fragment = new StringBuilder(sql.Substring(start, length < MaxFragmentLength ? length : MaxFragmentLength));
        for (var i = 0; i < fragment.Length; i++)
        {
            if (fragment[i] is '\r' or '\n' or '\t')
                fragment[i] = ' ';
        }
        if (length > MaxFragmentLength)
            fragment.Append('…');
        return "at character " + (start + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + fragment;
    }
}

/// <summary>A range of the command text, kept on every syntax node so errors can quote it.</summary>
internal readonly record struct SqlSpan(int Start, int Length)
{
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SqlSpan Cover(SqlSpan first, SqlSpan last) => new(first.Start, last.End - first.Start);
}
