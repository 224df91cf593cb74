using System.Collections.Generic;
using System.Text;

namespace Owox.Data.Query;

/// <summary>The kinds of token the SQL-subset lexer produces.</summary>
internal enum SqlTokenKind
{
    /// <summary>A bare word: a keyword or an unquoted identifier (letters, digits, <c>_</c>, <c>$</c>).</summary>
    Word,

    /// <summary>An identifier quoted with <c>"…"</c>, <c>[…]</c> or backticks; <see cref="SqlToken.Text"/> is unquoted.</summary>
    QuotedIdentifier,

    /// <summary>A single-quoted string literal; <see cref="SqlToken.Text"/> has <c>''</c> unescaped.</summary>
    String,

    /// <summary>An unsigned numeric literal as written.</summary>
    Number,

    /// <summary><c>@name</c> or <c>:name</c>; <see cref="SqlToken.Text"/> is the name without its prefix.</summary>
    NamedParameter,

    /// <summary><c>?</c>; <see cref="SqlToken.Ordinal"/> is its 0-based position among the <c>?</c> placeholders.</summary>
    PositionalParameter,

    /// <summary>Punctuation or an operator such as <c>(</c>, <c>,</c>, <c>&lt;=</c>, <c>!~</c>.</summary>
    Symbol,

    /// <summary>The end of the text.</summary>
    End,
}

/// <summary>One token of the command text with its position.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, string Text, int Start, int Length, int Ordinal = -1)
{
    public SqlSpan Span => new(Start, Length);

    public int End => Start + Length;

    /// <summary>True for a bare word equal to <paramref name="keyword"/> ignoring case.</summary>
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Text == symbol;
}

/// <summary>
/// Splits command text into <see cref="SqlToken"/>s: skips whitespace, <c>--</c> and <c>/* */</c> comments;
/// reads quoted identifiers (<c>"a ""b"""</c>, <c>[a]]b]</c>, <c>`a``b`</c>), string literals (<c>'it''s'</c>,
/// also <c>N'…'</c>), numbers, placeholders (<c>@p</c>, <c>:p</c>, <c>?</c>) and operators. Throws
/// <see cref="OwoxException"/> for unterminated quotes/comments and characters SQL does not use.
/// </summary>
internal static class SqlLexer
{
    private static readonly string[] s_symbols =
    [
        "<>", "!=", "<=", ">=", "==", "!~*", "!~", "~*", "||", "::",
        "(", ")", ",", "*", ";", "=", "<", ">", "~", "+", "-", "/", "%", ".", "!", "|", "&", "^", "{", "}", ":",
    ];

    /// <summary>Tokenizes <paramref name="text"/> from <paramref name="start"/>; the last token is always <see cref="SqlTokenKind.End"/>.</summary>
    public static List<SqlToken> Tokenize(string text, int start)
    {
        var tokens = new List<SqlToken>();
        var positional = 0;
        var i = start;
        while (true)
        {
            i = SkipTrivia(text, i);
            if (i >= text.Length)
            {
                tokens.Add(new SqlToken(SqlTokenKind.End, string.Empty, text.Length, 0));
                return tokens;
            }
            var c = text[i];
            start = i;
            if (IsWordStart(c))
            {
                if ((c == 'N' || c == 'n') && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    var s = ReadQuoted(text, i + 1, '\'', "string literal", out i);
                    tokens.Add(new SqlToken(SqlTokenKind.String, s, start, i - start));
                    continue;
                }
                while (i < text.Length && IsWordPart(text[i]))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.Word, text.Substring(start, i - start), start, i - start));
            }
            else if (IsDigit(c) || (c == '.' && i + 1 < text.Length && IsDigit(text[i + 1])))
            {
                i = ReadNumber(text, i);
                tokens.Add(new SqlToken(SqlTokenKind.Number, text.Substring(start, i - start), start, i - start));
            }
            else if (c == '\'')
            {
                var s = ReadQuoted(text, i, '\'', "string literal", out i);
                tokens.Add(new SqlToken(SqlTokenKind.String, s, start, i - start));
            }
            else if (c == '"' || c == '`')
            {
                var s = ReadQuoted(text, i, c, "quoted identifier", out i);
                tokens.Add(QuotedIdentifier(text, s, start, i));
            }
            else if (c == '[')
            {
                var s = ReadQuoted(text, i, ']', "bracketed identifier", out i);
                tokens.Add(QuotedIdentifier(text, s, start, i));
            }
            else if ((c == '@' || c == ':') && i + 1 < text.Length && IsWordPart(text[i + 1]) && !(c == ':' && i > 0 && text[i - 1] == ':'))
            {
                i++;
                while (i < text.Length && IsWordPart(text[i]))
                    i++;
                tokens.Add(new SqlToken(SqlTokenKind.NamedParameter, text.Substring(start + 1, i - start - 1), start, i - start));
            }
            else if (c == '?')
            {
                i++;
                tokens.Add(new SqlToken(SqlTokenKind.PositionalParameter, "?", start, 1, positional++));
            }
            else
            {
                var symbol = MatchSymbol(text, i);
                if (symbol is null)
                {
                    throw SqlErrors.At(text, i, 1, OwoxErrorCodes.SqlSyntax,
                        $"Unexpected character '{c}' in the command text; quote names that contain it (\"…\", […] or `…`) and put values in single quotes or parameters");
                }
                i += symbol.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, symbol, start, symbol.Length));
            }
        }
    }

    private static SqlToken QuotedIdentifier(string text, string name, int start, int end)
    {
        if (name.Length == 0)
            throw SqlErrors.At(text, start, end - start, OwoxErrorCodes.SqlSyntax, "An empty quoted identifier names no column; write the column's name between the quotes");
        return new SqlToken(SqlTokenKind.QuotedIdentifier, name, start, end - start);
    }

    /// <summary>The index of the first character at or after <paramref name="i"/> that is not whitespace or a comment.</summary>
    public static int SkipTrivia(string text, int i)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] != '\n')
                    i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                if (close < 0)
                    throw SqlErrors.At(text, i, 2, OwoxErrorCodes.SqlSyntax, "Unterminated /* comment; close it with */");
                i = close + 2;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    private static string ReadQuoted(string text, int open, char close, string what, out int next)
    {
        var builder = new StringBuilder();
        var i = open + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == close)
            {
                if (i + 1 < text.Length && text[i + 1] == close)
                {
                    builder.Append(close);
                    i += 2;
                    continue;
                }
                next = i + 1;
                return builder.ToString();
            }
            builder.Append(c);
            i++;
        }
        throw SqlErrors.At(text, open, text.Length - open, OwoxErrorCodes.SqlSyntax,
            $"Unterminated {what}; close it with {close} (write {close}{close} for a {close} inside it)");
    }

    private static int ReadNumber(string text, int i)
    {
        while (i < text.Length && IsDigit(text[i]))
            i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
                i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
                j++;
            if (j < text.Length && IsDigit(text[j]))
            {
                i = j;
                while (i < text.Length && IsDigit(text[i]))
                    i++;
            }
        }
        return i;
    }

    private static string? MatchSymbol(string text, int i)
    {
        foreach (var symbol in s_symbols)
        {
            if (string.CompareOrdinal(text, i, symbol, 0, symbol.Length) == 0)
                return symbol;
        }
        return null;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsWordStart(char c) => c == '_' || char.IsLetter(c);

    private static bool IsWordPart(char c) => c == '_' || c == '$' || char.IsLetterOrDigit(c);
}
