using System;
using System.Data;

namespace Owox.Data.Query;

/// <summary>
/// Reads a command's text into a <see cref="ParsedCommand"/> (syntax and plan; values and column types come later in
/// <see cref="ParsedCommand.Bind"/>). <see cref="CommandType.TableDirect"/>: the text is a data-mart id.
/// <see cref="CommandType.StoredProcedure"/> (what Dapper infers for text without spaces): a data-mart id or
/// <c>report:&lt;reportId&gt;</c>. <see cref="CommandType.Text"/>: a bare data-mart id, <c>report:&lt;reportId&gt;</c>
/// (optionally followed by <c>LIMIT n</c>), or a SQL SELECT of the subset in <c>docs/sql.md</c>. Throws
/// <see cref="OwoxException"/> for bad syntax and for constructs the OWOX HTTP Data API cannot express.
/// </summary>
internal static class CommandTextParser
{
    private const string ReportPrefix = "report:";

    private static readonly string[] s_otherStatements =
    [
        "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "REVOKE",
        "EXEC", "EXECUTE", "CALL", "SET", "USE", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "BEGIN", "COMMIT", "ROLLBACK", "VALUES", "TABLE", "WITH", "DECLARE",
    ];

    public static ParsedCommand Parse(string commandText, CommandType commandType)
    {
        var text = commandText ?? string.Empty;
        var trimmed = text.Trim();
        if (commandType == CommandType.Text && trimmed.Length > 0)
            trimmed = text.Substring(SqlLexer.SkipTrivia(text, 0)).TrimEnd();
        if (trimmed.Length == 0)
        {
            throw new OwoxException(
                "The command text is empty; set CommandText to a data-mart id, report:<reportId>, or a SELECT … FROM <data mart> query");
        }
        switch (commandType)
        {
            case CommandType.TableDirect:
                var id = Unquote(TrimSemicolon(trimmed));
                return new ParsedCommand(QueryTarget.DataMart, id, isSql: false, text, plan: null, reportLimit: null);
            case CommandType.StoredProcedure:
                return ParseProcedureName(text, trimmed);
            case CommandType.Text:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(commandType), commandType, "Unknown CommandType.");
        }

        var start = SqlLexer.SkipTrivia(text, 0);
        if (trimmed.StartsWith(ReportPrefix, StringComparison.OrdinalIgnoreCase))
            return ParseReport(text, start + ReportPrefix.Length);

        var firstWord = FirstWord(trimmed);
        var isSelect = string.Equals(firstWord, "SELECT", StringComparison.OrdinalIgnoreCase)
            && (trimmed.Length == firstWord.Length || !IsIdPart(trimmed[firstWord.Length]));
        if (isSelect || trimmed[0] == '(')
        {
            if (trimmed[0] == '(')
                throw SqlErrors.At(text, start, 1, OwoxErrorCodes.SqlUnsupportedStatement, "A parenthesised query is not supported; write the SELECT without surrounding parentheses");
            var select = SqlParser.ParseSelect(text);
            var plan = SelectPlanner.Plan(text, select);
            return new ParsedCommand(QueryTarget.DataMart, select.Source, isSql: true, text, plan, reportLimit: null);
        }

        var bare = TrimSemicolon(trimmed);
        var hasSpace = HasWhiteSpace(bare);
        if (hasSpace && Array.Exists(s_otherStatements, s => string.Equals(s, firstWord, StringComparison.OrdinalIgnoreCase)))
        {
            var upper = firstWord.ToUpperInvariant();
            throw SqlErrors.At(text, start, firstWord.Length, OwoxErrorCodes.SqlUnsupportedStatement, upper == "WITH"
                ? "WITH (common table expressions) is not supported: the HTTP Data API runs one query on one data mart; write a single SELECT … FROM <data mart>"
                : $"{upper} statements are not supported: the OWOX HTTP Data API is read-only and only streams data marts and reports; write SELECT … FROM <data mart>, a data-mart id, or report:<id>");
        }
        var unquoted = Unquote(bare);
        if (ReferenceEquals(unquoted, bare) && hasSpace)
        {
            throw SqlErrors.At(text, start, trimmed.Length, OwoxErrorCodes.SqlSyntax,
                "The command text is neither a data-mart id, report:<reportId>, nor a SELECT; write SELECT … FROM <data mart id or \"title\">, or just the data-mart id");
        }
        return new ParsedCommand(QueryTarget.DataMart, unquoted, isSql: false, text, plan: null, reportLimit: null);
    }

    /// <summary>
    /// OWOX has no stored procedures; Dapper sets <see cref="CommandType.StoredProcedure"/> for a text without spaces or
    /// operators, so such a text is read as what it names: a data-mart id, or <c>report:&lt;id&gt;</c>.
    /// </summary>
    private static ParsedCommand ParseProcedureName(string text, string trimmed)
    {
        var name = TrimSemicolon(trimmed);
        if (HasWhiteSpace(name))
        {
            throw new OwoxException(
                "CommandType.StoredProcedure takes a data-mart id or report:<reportId> (OWOX Data Marts has no stored procedures; Dapper chooses this type for a text without spaces), but the command text has spaces; use CommandType.Text for a SELECT",
                null, null, OwoxErrorCodes.SqlUnsupportedStatement, null, isTransient: false);
        }
        if (name.StartsWith(ReportPrefix, StringComparison.OrdinalIgnoreCase))
            return ParseReport(text, text.IndexOf(':') + 1);
        return new ParsedCommand(QueryTarget.DataMart, Unquote(name), isSql: false, text, plan: null, reportLimit: null);
    }

    private static ParsedCommand ParseReport(string text, int idStart)
    {
        var i = idStart;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
        var begin = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != ';')
            i++;
        if (i == begin)
            throw SqlErrors.At(text, begin, 0, OwoxErrorCodes.SqlSyntax, "report: needs the report id after it: report:<reportId>");
        var reportId = text.Substring(begin, i - begin);
        var limit = SqlParser.ParseReportTail(text, i);
        return new ParsedCommand(QueryTarget.Report, reportId, isSql: false, text, plan: null, reportLimit: limit);
    }

    private static string FirstWord(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '_'))
            i++;
        return text.Substring(0, i);
    }

    private static bool IsIdPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':';

    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
                return true;
        }
        return false;
    }

    private static string TrimSemicolon(string text) => text[text.Length - 1] == ';' ? text.Substring(0, text.Length - 1).TrimEnd() : text;

    /// <summary>Removes one pair of surrounding quotes ("…", […], `…`) with the doubled-quote escape; returns the same instance otherwise.</summary>
    private static string Unquote(string text)
    {
        if (text.Length < 2)
            return text;
        var open = text[0];
        var close = open switch
        {
            '"' => '"',
            '`' => '`',
            '[' => ']',
            _ => '\0',
        };
        if (close == '\0' || text[text.Length - 1] != close)
            return text;
        var inner = text.Substring(1, text.Length - 2);
        return inner.Replace(new string(close, 2), close.ToString());
    }
}
