using System.Text;

namespace Owox.Data.Query;

/// <summary>
/// Builds the translator's <see cref="OwoxException"/>s: the message names the construct and the fix, and ends
/// with the 1-based character position and the offending fragment of the command text.
/// </summary>
internal static class SqlErrors
{
    private const int MaxFragmentLength = 60;

    /// <summary>An error about the text at <paramref name="start"/> (length <paramref name="length"/>) of <paramref name="sql"/>.</summary>
    public static OwoxException At(string sql, int start, int length, string message) =>
        new(message + " (" + Where(sql, start, length) + ")");

    /// <summary>An error about <paramref name="span"/> of <paramref name="sql"/>.</summary>
    public static OwoxException At(string sql, SqlSpan span, string message) => At(sql, span.Start, span.Length, message);

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
