using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Owox.Data.Query;

/// <summary>
/// Recursive-descent parser of the SQL subset (see <c>docs/sql.md</c>) into a <see cref="SqlSelect"/> syntax tree.
/// It only reads: qualifiers, constants, OR, OFFSET and the current date stay in the tree as written, and
/// <see cref="SelectPlanner"/> decides what they mean. What has no place in the tree at all — joins, subqueries,
/// expressions, CASE, casts, window functions, UNION — is refused here, with a message naming the construct and the
/// alternative and a stable <c>SQL_…</c> code (<see cref="OwoxErrorCodes"/>).
/// </summary>
internal sealed class SqlParser
{
    private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "TOP", "AND", "OR", "NOT", "IN", "IS",
        "NULL", "LIKE", "ILIKE", "BETWEEN", "AS", "ASC", "DESC", "DISTINCT", "ALL", "TRUE", "FALSE", "OFFSET", "FETCH",
        "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "ON", "USING", "UNION", "INTERSECT",
        "EXCEPT", "MINUS", "CASE", "WHEN", "THEN", "ELSE", "END", "EXISTS", "ESCAPE", "REGEXP", "RLIKE", "WINDOW",
        "QUALIFY", "WITH", "NULLS", "OVER", "COLLATE", "SIMILAR", "INTO", "PIVOT", "UNPIVOT", "SAMPLE", "TABLESAMPLE",
    };

    private static readonly Dictionary<string, AggregateFunction> s_aggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SUM"] = AggregateFunction.Sum,
        ["AVG"] = AggregateFunction.Avg,
        ["MIN"] = AggregateFunction.Min,
        ["MAX"] = AggregateFunction.Max,
        ["COUNT"] = AggregateFunction.Count,
        ["ANY_VALUE"] = AggregateFunction.AnyValue,
        ["STRING_AGG"] = AggregateFunction.StringAgg,
        ["P25"] = AggregateFunction.P25,
        ["P50"] = AggregateFunction.P50,
        ["MEDIAN"] = AggregateFunction.P50,
        ["P75"] = AggregateFunction.P75,
        ["P95"] = AggregateFunction.P95,
        ["PERCENTILE_CONT"] = AggregateFunction.P50,
    };

    private static readonly HashSet<string> s_unsupportedAggregates = new(StringComparer.OrdinalIgnoreCase)
    {
        "APPROX_COUNT_DISTINCT", "COUNT_BIG", "COUNTIF", "COUNT_IF", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "STDEV",
        "VARIANCE", "VAR_POP", "VAR_SAMP", "VAR", "ARRAY_AGG", "GROUP_CONCAT", "LISTAGG", "PERCENTILE_DISC",
        "APPROX_QUANTILES", "APPROX_PERCENTILE", "PERCENTILE_APPROX", "MODE", "CORR", "COVAR_POP", "COVAR_SAMP",
        "BIT_AND", "BIT_OR", "BOOL_AND", "BOOL_OR", "EVERY", "LOGICAL_AND", "LOGICAL_OR", "STRING_AGG_DISTINCT",
        "ARBITRARY", "FIRST_VALUE", "LAST_VALUE", "ROW_NUMBER", "RANK", "DENSE_RANK",
    };

    private static readonly string[] s_comparisonSymbols = ["=", "==", "<>", "!=", "<", "<=", ">", ">=", "~", "!~", "~*", "!~*"];

    private static readonly char[] s_exponentMarkers = ['e', 'E'];

    private static readonly string[] s_expressionSymbols = ["+", "-", "*", "/", "%", "||", "::", "&", "|", "^"];

    /// <summary>The current date and time functions: whether each is a date (else an instant) and needs <c>()</c>.</summary>
    private static readonly Dictionary<string, (bool IsDate, bool NeedsParentheses)> s_momentFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CURRENT_DATE"] = (true, false),
        ["CURRENT_TIMESTAMP"] = (false, false),
        ["CURRENT_DATETIME"] = (false, false),
        ["LOCALTIMESTAMP"] = (false, false),
        ["SYSDATE"] = (false, false),
        ["NOW"] = (false, true),
        ["GETDATE"] = (false, true),
        ["GETUTCDATE"] = (false, true),
        ["SYSDATETIME"] = (false, true),
        ["SYSUTCDATETIME"] = (false, true),
    };

    private static readonly Dictionary<string, SqlIntervalUnit> s_intervalUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SECOND"] = SqlIntervalUnit.Second, ["SECONDS"] = SqlIntervalUnit.Second,
        ["MINUTE"] = SqlIntervalUnit.Minute, ["MINUTES"] = SqlIntervalUnit.Minute,
        ["HOUR"] = SqlIntervalUnit.Hour, ["HOURS"] = SqlIntervalUnit.Hour,
        ["DAY"] = SqlIntervalUnit.Day, ["DAYS"] = SqlIntervalUnit.Day,
        ["WEEK"] = SqlIntervalUnit.Week, ["WEEKS"] = SqlIntervalUnit.Week,
        ["MONTH"] = SqlIntervalUnit.Month, ["MONTHS"] = SqlIntervalUnit.Month,
        ["QUARTER"] = SqlIntervalUnit.Quarter, ["QUARTERS"] = SqlIntervalUnit.Quarter,
        ["YEAR"] = SqlIntervalUnit.Year, ["YEARS"] = SqlIntervalUnit.Year,
    };

    /// <summary>DATEADD's date parts (SQL Server and Snowflake spellings).</summary>
    private static readonly Dictionary<string, SqlIntervalUnit> s_dateAddUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["second"] = SqlIntervalUnit.Second, ["ss"] = SqlIntervalUnit.Second, ["s"] = SqlIntervalUnit.Second,
        ["minute"] = SqlIntervalUnit.Minute, ["mi"] = SqlIntervalUnit.Minute, ["n"] = SqlIntervalUnit.Minute,
        ["hour"] = SqlIntervalUnit.Hour, ["hh"] = SqlIntervalUnit.Hour,
        ["day"] = SqlIntervalUnit.Day, ["dd"] = SqlIntervalUnit.Day, ["d"] = SqlIntervalUnit.Day,
        ["week"] = SqlIntervalUnit.Week, ["wk"] = SqlIntervalUnit.Week, ["ww"] = SqlIntervalUnit.Week,
        ["month"] = SqlIntervalUnit.Month, ["mm"] = SqlIntervalUnit.Month, ["m"] = SqlIntervalUnit.Month,
        ["quarter"] = SqlIntervalUnit.Quarter, ["qq"] = SqlIntervalUnit.Quarter, ["q"] = SqlIntervalUnit.Quarter,
        ["year"] = SqlIntervalUnit.Year, ["yy"] = SqlIntervalUnit.Year, ["yyyy"] = SqlIntervalUnit.Year,
        ["days"] = SqlIntervalUnit.Day, ["weeks"] = SqlIntervalUnit.Week, ["months"] = SqlIntervalUnit.Month, ["years"] = SqlIntervalUnit.Year,
    };

    /// <summary>The server's pattern for a DATE_TRUNC time zone (wire-protocol §3.3.4).</summary>
    private static readonly Regex s_timeZonePattern = new("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$", RegexOptions.CultureInvariant);

    private const string SupportedAggregatesText =
        "SUM, AVG, MIN, MAX, COUNT(col), COUNT(DISTINCT col), COUNT(*), ANY_VALUE, STRING_AGG(col[, ', ']), P25, P50/MEDIAN, P75, P95, PERCENTILE_CONT(0.25|0.5|0.75|0.95) WITHIN GROUP (ORDER BY col)";

    private readonly string _text;
    private readonly List<SqlToken> _tokens;
    private int _pos;

    private SqlParser(string text, List<SqlToken> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    /// <summary>Parses a SELECT statement (the whole <paramref name="text"/>).</summary>
    public static SqlSelect ParseSelect(string text)
    {
        var parser = new SqlParser(text, SqlLexer.Tokenize(text, 0));
        parser.CheckPlaceholderStyles();
        return parser.ParseSelectStatement();
    }

    /// <summary>Parses the optional <c>LIMIT n</c> after <c>report:&lt;id&gt;</c>, starting at <paramref name="offset"/>.</summary>
    public static SqlValue? ParseReportTail(string text, int offset)
    {
        var parser = new SqlParser(text, SqlLexer.Tokenize(text, offset));
        parser.CheckPlaceholderStyles();
        SqlValue? limit = null;
        if (parser.Peek().Is("LIMIT"))
        {
            parser.Next();
            limit = parser.ParseRowCount();
        }
        parser.Accept(";");
        var rest = parser.Peek();
        if (rest.Kind != SqlTokenKind.End)
        {
            throw parser.Refuse(rest, OwoxErrorCodes.SqlUnsupportedStatement,
                "A report streams its saved columns, filters, sort and aggregations; only LIMIT n may follow report:<id> (the report endpoint accepts no other parameter). Change the report in OWOX, or query its data mart with SELECT … FROM <data mart id> instead");
        }
        return limit;
    }

    private SqlToken Peek(int ahead = 0)
    {
        var index = _pos + ahead;
        return index < _tokens.Count ? _tokens[index] : _tokens[_tokens.Count - 1];
    }

    private SqlToken Next()
    {
        var token = Peek();
        if (_pos < _tokens.Count - 1)
            _pos++;
        return token;
    }

    private SqlToken Previous => _tokens[_pos > 0 ? _pos - 1 : 0];

    private bool Accept(string symbolOrKeyword)
    {
        var token = Peek();
        if (token.IsSymbol(symbolOrKeyword) || token.Is(symbolOrKeyword))
        {
            Next();
            return true;
        }
        return false;
    }

    private SqlToken Expect(string symbolOrKeyword, string why)
    {
        var token = Peek();
        if (token.IsSymbol(symbolOrKeyword) || token.Is(symbolOrKeyword))
            return Next();
        throw Syntax(token, $"Expected {symbolOrKeyword} {why}, found {Describe(token)}");
    }

    private OwoxException Syntax(SqlToken token, string message) => SqlErrors.At(_text, token.Span, OwoxErrorCodes.SqlSyntax, message);

    private OwoxException Syntax(SqlSpan span, string message) => SqlErrors.At(_text, span, OwoxErrorCodes.SqlSyntax, message);

    private OwoxException Refuse(SqlToken token, string code, string message) => SqlErrors.At(_text, token.Span, code, message);

    private OwoxException Refuse(SqlSpan span, string code, string message) => SqlErrors.At(_text, span, code, message);

    private static string Describe(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.End => "the end of the command text",
        SqlTokenKind.String => "a string literal",
        SqlTokenKind.Number => "the number " + token.Text,
        SqlTokenKind.NamedParameter => "parameter @" + token.Text,
        SqlTokenKind.PositionalParameter => "a ? parameter",
        _ => "'" + token.Text + "'",
    };

    private void CheckPlaceholderStyles()
    {
        SqlToken? named = null, positional = null;
        foreach (var token in _tokens)
        {
            if (token.Kind == SqlTokenKind.NamedParameter)
                named ??= token;
            else if (token.Kind == SqlTokenKind.PositionalParameter)
                positional ??= token;
        }
        if (named is not null && positional is not null)
        {
            throw Refuse(positional.Value, OwoxErrorCodes.SqlParameter,
                "Named (@name, :name) and positional (?) parameters cannot be mixed in one command; use one style throughout");
        }
    }

    private SqlSelect ParseSelectStatement()
    {
        var select = new SqlSelect();
        Expect("SELECT", "at the start of the query");
        if (Accept("DISTINCT"))
            select.Distinct = true;
        else
            Accept("ALL");
        if (Peek().Is("TOP"))
        {
            Next();
            var parenthesised = Accept("(");
            select.Limit = ParseRowCount(top: !parenthesised);
            if (parenthesised)
                Expect(")", "to close TOP (n)");
            if (Peek().Is("PERCENT") || (Peek().Is("WITH") && Peek(1).Is("TIES")))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedPaging, $"TOP … {Peek().Text.ToUpperInvariant()} is not supported by the OWOX HTTP Data API (it only caps the row count); write TOP n or LIMIT n");
        }
        ParseSelectList(select);
        if (!Peek().Is("FROM"))
        {
            Accept(";");
            if (Peek().Kind == SqlTokenKind.End)
                return select;
            throw Unexpected(Peek(), "expected ',' or FROM after a SELECT item");
        }
        Next();
        select.HasFrom = true;
        ParseSource(select);
        if (Accept("WHERE"))
            ParseConditions(select.Where, having: false);
        if (Peek().Is("GROUP"))
        {
            var start = Next();
            Expect("BY", "after GROUP");
            select.GroupBy = ParseReferences(orderBy: false);
            select.GroupBySpan = SqlSpan.Cover(start.Span, Previous.Span);
        }
        if (Peek().Is("HAVING"))
        {
            var start = Next();
            ParseConditions(select.Having, having: true);
            select.HavingSpan = SqlSpan.Cover(start.Span, Previous.Span);
        }
        if (Peek().Is("ORDER"))
        {
            Next();
            Expect("BY", "after ORDER");
            select.OrderBy.AddRange(ParseReferences(orderBy: true));
        }
        if (Peek().Is("LIMIT"))
        {
            var limitToken = Next();
            if (select.Limit is not null)
                throw Syntax(limitToken, "TOP and LIMIT both cap the rows; write only one of them");
            if (Peek().Is("ALL"))
            {
                Next();
            }
            else
            {
                select.Limit = ParseRowCount();
                if (Accept(","))
                {
                    // MySQL's LIMIT offset, count.
                    select.Offset = select.Limit;
                    select.Limit = ParseRowCount();
                }
            }
        }
        if (Peek().Is("OFFSET"))
        {
            var offset = Next();
            if (select.Offset is not null)
                throw Syntax(offset, "LIMIT offset, count and OFFSET both skip rows; write only one of them");
            select.Offset = ParseRowCount();
            if (!Accept("ROWS"))
                Accept("ROW");
        }
        if (Peek().Is("FETCH"))
        {
            var fetch = Next();
            if (select.Limit is not null)
                throw Syntax(fetch, "FETCH FIRST and TOP/LIMIT both cap the rows; write only one of them");
            if (!Accept("FIRST") && !Accept("NEXT"))
                throw Unexpected(Peek(), "expected FETCH FIRST n ROWS ONLY");
            select.Limit = ParseRowCount();
            if (!Accept("ROWS") && !Accept("ROW"))
                throw Unexpected(Peek(), "expected ROWS ONLY after FETCH FIRST n");
            Expect("ONLY", "after FETCH FIRST n ROWS");
        }
        Accept(";");
        var rest = Peek();
        if (rest.Kind != SqlTokenKind.End)
            throw Trailing(rest);
        return select;
    }

    private OwoxException Trailing(SqlToken token)
    {
        if (token.Is("UNION") || token.Is("INTERSECT") || token.Is("EXCEPT") || token.Is("MINUS"))
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedStatement, $"{token.Text.ToUpperInvariant()} is not supported: the HTTP Data API runs one query on one data mart; run the queries separately and combine the rows in your code");
        if (token.Is("WHERE") || token.Is("GROUP") || token.Is("HAVING") || token.Is("ORDER") || token.Is("LIMIT") || token.Is("TOP") || token.Is("FETCH"))
            return Syntax(token, $"{token.Text.ToUpperInvariant()} is out of place; clauses must come in the order SELECT [TOP n] … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT n");
        if (_pos > 0 && Previous.IsSymbol(";"))
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedStatement, "Only one statement per command is supported; remove everything after the ';' and run the other statement as its own command");
        if (token.Is("WINDOW") || token.Is("QUALIFY"))
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"{token.Text.ToUpperInvariant()} (window functions) is not supported by the OWOX HTTP Data API; compute it in your code after reading");
        return Unexpected(token, "the query should end here");
    }

    /// <summary>The span from the '(' at the current position to its matching ')' (or the end of the text).</summary>
    private SqlSpan ParenthesisedSpan()
    {
        var open = Peek();
        var depth = 0;
        for (var i = _pos; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.IsSymbol("("))
                depth++;
            else if (token.IsSymbol(")") && --depth == 0)
                return SqlSpan.Cover(open.Span, token.Span);
            else if (token.Kind == SqlTokenKind.End)
                return new SqlSpan(open.Start, token.Start - open.Start);
        }
        return open.Span;
    }

    private OwoxException Unexpected(SqlToken token, string expectation) =>
        Syntax(token, $"Unexpected {Describe(token)}; {expectation}");

    private void ParseSelectList(SqlSelect select)
    {
        var qualified = IsColumnStart(Peek()) && Peek(1).IsSymbol(".") && Peek(2).IsSymbol("*") && Peek(1).Start == Peek().End;
        if (Peek().IsSymbol("*") || qualified)
        {
            var first = Next();
            if (qualified)
            {
                select.StarQualifier = first.Text;
                Next();
                Next();
            }
            select.Star = true;
            select.StarSpan = SqlSpan.Cover(first.Span, Previous.Span);
            if (Peek().IsSymbol(","))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedExpression, "SELECT * cannot be combined with other items; list every column you want instead (SELECT a, b, SUM(c) …)");
            return;
        }
        do
        {
            select.Items.Add(ParseSelectItem());
        }
        while (Accept(","));
    }

    private SqlSelectItem ParseSelectItem()
    {
        var first = Peek();
        SqlSelectItem item;
        if (IsMomentStart(first) || IsValueStart(first))
        {
            var value = ParseValueOnly("in the SELECT list");
            item = new SqlSelectItem(value.Span, SqlSelectItemKind.Constant, null, null, default, null) { Value = value };
        }
        else if (first.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
        {
            if (first.Is("DATE_TRUNC"))
            {
                item = ParseDateTrunc();
            }
            else if (s_aggregates.ContainsKey(first.Text))
            {
                var aggregate = ParseAggregateCall();
                item = new SqlSelectItem(aggregate.Span, SqlSelectItemKind.Aggregate, aggregate.ColumnName, aggregate, default, null);
            }
            else
            {
                throw RefuseFunction(first, inWhere: false);
            }
        }
        else if (IsColumnStart(first))
        {
            var column = ParseColumnName();
            item = new SqlSelectItem(column.Span, SqlSelectItemKind.Column, column, null, default, null);
        }
        else if (first.IsSymbol("*"))
        {
            throw Refuse(first, OwoxErrorCodes.SqlUnsupportedExpression, "SELECT * cannot be combined with other items; list every column you want instead");
        }
        else
        {
            throw RefuseOperandStart(first, "in the SELECT list", inWhere: false);
        }
        CheckNoExpression("in the SELECT list", inWhere: false);
        if (Peek().Is("OVER"))
            throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedExpression, "Window functions (OVER …) are not supported by the OWOX HTTP Data API; aggregate with GROUP BY, or compute it in your code after reading");
        if (Accept("AS"))
        {
            item.Alias = ExpectName("after AS");
        }
        else if (Peek().Kind == SqlTokenKind.QuotedIdentifier || (Peek().Kind == SqlTokenKind.Word && !s_reserved.Contains(Peek().Text) && !Peek(1).IsSymbol("(")))
        {
            item.Alias = Next().Text;
        }
        item.Span = SqlSpan.Cover(first.Span, Previous.Span);
        return item;
    }

    private string ExpectName(string where)
    {
        var token = Peek();
        if (token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Word && !s_reserved.Contains(token.Text)))
            return Next().Text;
        if (token.Kind == SqlTokenKind.String)
        {
            Next();
            return token.Text;
        }
        throw Syntax(token, $"Expected a name {where}, found {Describe(token)}; quote names that are reserved words (\"{token.Text}\")");
    }

    private static bool IsColumnStart(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Word && !s_reserved.Contains(token.Text));

    /// <summary>
    /// Reads <c>name</c>, <c>"quoted name"</c> or dotted parts (<c>t.campaign</c>, <c>metrics.revenue</c>): the first of
    /// several parts is kept as the qualifier, the rest joined with '.' as the name.
    /// </summary>
    private SqlColumnOperand ParseColumnName()
    {
        var first = Next();
        string? qualifier = null;
        var name = first.Text;
        while (Peek().IsSymbol(".") && Peek().Start == Previous.End)
        {
            var dot = Next();
            var part = Peek();
            if (part.IsSymbol("*"))
                throw Refuse(SqlSpan.Cover(first.Span, part.Span), OwoxErrorCodes.SqlUnsupportedExpression, "A qualified star (t.*) is only supported as the whole SELECT list (SELECT t.* FROM … t); list the columns instead");
            if (part.Kind != SqlTokenKind.QuotedIdentifier && part.Kind != SqlTokenKind.Word)
                throw Syntax(dot, "Expected a name after '.'; column names with dots can also be quoted as one name (\"metrics.revenue\")");
            Next();
            if (qualifier is null)
            {
                qualifier = name;
                name = part.Text;
            }
            else
            {
                name += "." + part.Text;
            }
        }
        return new SqlColumnOperand(SqlSpan.Cover(first.Span, Previous.Span), name, qualifier);
    }

    private void CheckNoExpression(string where, bool inWhere)
    {
        var token = Peek();
        if (token.Kind != SqlTokenKind.Symbol || Array.IndexOf(s_expressionSymbols, token.Text) < 0)
            return;
        if (token.Text == "::")
            throw Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Casts (::) are not supported {where}: the HTTP Data API works on stored column values; " + (inWhere ? "compare the column with a value of its own type" : "convert the value in your code after reading"));
        throw Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Expressions ('{token.Text}') are not supported {where}: the HTTP Data API works on stored column values; " +
            (inWhere ? "compare a column with a literal or a parameter (compute the value in your code first)" : "compute the expression in your code after reading, or add the column to the data mart's definition"));
    }

    private OwoxException RefuseFunction(SqlToken name, bool inWhere)
    {
        if (s_unsupportedAggregates.Contains(name.Text))
            return Refuse(name, OwoxErrorCodes.SqlUnsupportedAggregation, $"The aggregate {name.Text.ToUpperInvariant()}() is not supported by the OWOX HTTP Data API; the supported aggregates are {SupportedAggregatesText}");
        if (inWhere)
        {
            return Refuse(name, OwoxErrorCodes.SqlUnsupportedExpression, $"Functions in WHERE ({name.Text}(…)) are not supported: the HTTP Data API compares stored column values; compare the column itself with a value (e.g. col = 'x', col LIKE 'x%', REGEXP_LIKE(col, '^x'), date IN LAST_N_DAYS(7))");
        }
        return Refuse(name, OwoxErrorCodes.SqlUnsupportedExpression, $"The function {name.Text}(…) is not supported in the SELECT list: the HTTP Data API returns stored columns, aggregates ({SupportedAggregatesText}) and DATE_TRUNC only; compute it in your code after reading");
    }

    private OwoxException RefuseOperandStart(SqlToken token, string where, bool inWhere)
    {
        if (token.Is("CASE"))
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"CASE expressions are not supported {where}; the HTTP Data API works on stored column values — compute it in your code after reading");
        if (token.Is("CAST") || token.Is("CONVERT") || token.Is("TRY_CAST") || token.Is("SAFE_CAST"))
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"{token.Text.ToUpperInvariant()} is not supported {where}; compare or select the column as stored and convert in your code");
        if (token.IsSymbol("("))
        {
            if (Peek(1).Is("SELECT"))
                return Refuse(ParenthesisedSpan(), OwoxErrorCodes.SqlUnsupportedSubquery, $"Subqueries are not supported {where}: the HTTP Data API runs a single query on one data mart; run the inner query first and pass its result as parameters (col IN (@a, @b, …))");
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Parenthesised expressions are not supported {where}; write a column name");
        }
        if (token.Kind is SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter || token.Is("NULL") || token.Is("TRUE") || token.Is("FALSE"))
            return Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Constants are not supported {where}: the HTTP Data API only returns columns of the data mart; add the constant in your code after reading");
        if (token.Kind == SqlTokenKind.Word && s_reserved.Contains(token.Text))
            return Syntax(token, $"Unexpected keyword {token.Text.ToUpperInvariant()} {where}; if it is a column name, quote it (\"{token.Text}\")");
        return Unexpected(token, "expected a column name " + where);
    }

    private void ParseSource(SqlSelect select)
    {
        var first = Peek();
        if (first.IsSymbol("("))
        {
            throw Refuse(ParenthesisedSpan(), OwoxErrorCodes.SqlUnsupportedSource, Peek(1).Is("SELECT")
                ? "Subqueries in FROM are not supported: the HTTP Data API reads one data mart directly; query the data mart itself"
                : "Expected a data mart id or quoted title after FROM");
        }
        if (first.Kind == SqlTokenKind.QuotedIdentifier)
        {
            Next();
            select.Source = first.Text;
            select.SourceSpan = first.Span;
            if (Peek().IsSymbol(".") && Peek().Start == first.End)
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedSource, "Qualified data mart names (schema.mart) do not exist in OWOX; write FROM <data mart id> or FROM \"<data mart title>\"");
        }
        else if (first.Kind is SqlTokenKind.Word or SqlTokenKind.Number)
        {
            // An unquoted id: letters, digits, '_', '-' and '.' written without spaces (UUIDs start with digits and contain '-').
            var end = first.End;
            Next();
            while (Peek().Start == end && (Peek().Kind is SqlTokenKind.Word or SqlTokenKind.Number || Peek().IsSymbol("-") || Peek().IsSymbol(".")))
                end = Next().End;
            if (_text[end - 1] is '-' or '.')
                throw Syntax(new SqlSpan(first.Start, end - first.Start), "A data mart id cannot end with '-' or '.'; quote ids and titles that contain other characters (FROM \"…\")");
            select.Source = _text.Substring(first.Start, end - first.Start);
            select.SourceSpan = new SqlSpan(first.Start, end - first.Start);
            if (first.Kind == SqlTokenKind.Word && s_reserved.Contains(select.Source))
                throw Syntax(first, $"Expected a data mart id or quoted title after FROM, found the keyword {first.Text.ToUpperInvariant()}");
        }
        else
        {
            throw Syntax(first, $"Expected a data mart id or quoted title after FROM, found {Describe(first)}");
        }

        var next = Peek();
        if (StartsJoin(next))
            throw Joins(next);
        if (Accept("AS"))
        {
            select.Alias = ExpectName("after AS (the data mart's alias)");
        }
        else if (next.Kind == SqlTokenKind.QuotedIdentifier || (next.Kind == SqlTokenKind.Word && !s_reserved.Contains(next.Text)))
        {
            select.Alias = Next().Text;
        }
        next = Peek();
        if (select.Alias is not null && StartsJoin(next))
            throw Joins(next);
        if (next.Is("TABLESAMPLE") || next.Is("SAMPLE") || next.Is("PIVOT") || next.Is("UNPIVOT"))
            throw Refuse(next, OwoxErrorCodes.SqlUnsupportedSource, $"{next.Text.ToUpperInvariant()} is not supported by the OWOX HTTP Data API; use WHERE and LIMIT to narrow the rows");
    }

    /// <summary>True for what continues a FROM into a join: a comma, JOIN, or a join type.</summary>
    private static bool StartsJoin(SqlToken token) =>
        token.IsSymbol(",") || token.Is("JOIN") || token.Is("INNER") || token.Is("LEFT") || token.Is("RIGHT") || token.Is("FULL") || token.Is("CROSS") || token.Is("NATURAL");

    private OwoxException Joins(SqlToken token) => Refuse(token, OwoxErrorCodes.SqlUnsupportedSource,
        "Joins are not supported by the OWOX HTTP Data API (one query reads one data mart); define the relationship in OWOX (blended columns are then selectable by name) or run one query per data mart and join in your code");

    private SqlAggregateOperand ParseAggregateCall()
    {
        var nameToken = Next();
        var upper = nameToken.Text.ToUpperInvariant();
        var function = s_aggregates[nameToken.Text];
        Expect("(", "after " + upper);
        if (upper == "COUNT")
        {
            if (Peek().IsSymbol("*") || (Peek().Kind == SqlTokenKind.Number && Peek().Text == "1" && Peek(1).IsSymbol(")")))
            {
                var star = Next();
                Expect(")", "to close COUNT(*)");
                CheckNoWithin();
                return new SqlAggregateOperand(SqlSpan.Cover(nameToken.Span, Previous.Span), AggregateFunction.Count, null, "COUNT(" + star.Text + ")");
            }
            var distinct = Accept("DISTINCT");
            var column = ParseAggregateArgument(upper);
            Expect(")", "to close COUNT(…)");
            CheckNoWithin();
            return new SqlAggregateOperand(
                SqlSpan.Cover(nameToken.Span, Previous.Span),
                distinct ? AggregateFunction.CountDistinct : AggregateFunction.Count,
                column,
                distinct ? "COUNT(DISTINCT {0})" : "COUNT({0})");
        }
        if (upper == "PERCENTILE_CONT")
        {
            var fraction = Peek();
            if (fraction.Kind != SqlTokenKind.Number)
                throw Refuse(fraction, OwoxErrorCodes.SqlUnsupportedAggregation, "PERCENTILE_CONT takes a literal fraction: 0.25, 0.5, 0.75 or 0.95");
            Next();
            function = fraction.Text switch
            {
                "0.25" or ".25" => AggregateFunction.P25,
                "0.5" or "0.50" or ".5" => AggregateFunction.P50,
                "0.75" or ".75" => AggregateFunction.P75,
                "0.95" or ".95" => AggregateFunction.P95,
                _ => throw Refuse(fraction, OwoxErrorCodes.SqlUnsupportedAggregation, $"PERCENTILE_CONT({fraction.Text}) is not supported: the OWOX HTTP Data API computes only the 25th, 50th, 75th and 95th percentiles (0.25, 0.5, 0.75, 0.95)"),
            };
            Expect(")", "after the percentile fraction");
            Expect("WITHIN", "after PERCENTILE_CONT(…): PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY col)");
            Expect("GROUP", "after WITHIN");
            Expect("(", "after WITHIN GROUP");
            Expect("ORDER", "in WITHIN GROUP (ORDER BY col)");
            Expect("BY", "in WITHIN GROUP (ORDER BY col)");
            var column = ParseAggregateArgument(upper);
            if (Peek().Is("DESC"))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedAggregation, "PERCENTILE_CONT … ORDER BY col DESC is not supported; use ascending order and the complementary fraction (e.g. 0.25 instead of 0.75 DESC)");
            Accept("ASC");
            Expect(")", "to close WITHIN GROUP (ORDER BY col)");
            return new SqlAggregateOperand(SqlSpan.Cover(nameToken.Span, Previous.Span), function, column,
                "PERCENTILE_CONT(" + fraction.Text + ") WITHIN GROUP (ORDER BY {0})");
        }
        if (Peek().Is("DISTINCT"))
            throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedAggregation, $"{upper}(DISTINCT …) is not supported by the OWOX HTTP Data API; only COUNT(DISTINCT col) is");
        Accept("ALL");
        var argument = ParseAggregateArgument(upper);
        if (function == AggregateFunction.StringAgg && Peek().IsSymbol(","))
        {
            Next();
            var separator = Peek();
            if (separator.Kind != SqlTokenKind.String || separator.Text != ", ")
                throw Refuse(separator, OwoxErrorCodes.SqlUnsupportedAggregation, "STRING_AGG always joins with ', ' in the OWOX HTTP Data API; write STRING_AGG(col) or STRING_AGG(col, ', ') and replace the separator in your code");
            Next();
        }
        if (Peek().Is("ORDER"))
            throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedAggregation, $"{upper}(… ORDER BY …) is not supported; the OWOX HTTP Data API does not order aggregated values");
        Expect(")", $"to close {upper}(…)");
        CheckNoWithin();
        return new SqlAggregateOperand(SqlSpan.Cover(nameToken.Span, Previous.Span), function, argument, upper + "({0})");
    }

    private void CheckNoWithin()
    {
        if (Peek().Is("WITHIN") || Peek().Is("FILTER"))
            throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedAggregation, $"{Peek().Text.ToUpperInvariant()} after an aggregate is not supported by the OWOX HTTP Data API; use the plain aggregate (and WHERE to filter rows)");
    }

    private SqlColumnOperand ParseAggregateArgument(string function)
    {
        var token = Peek();
        if (token.IsSymbol("*"))
            throw Syntax(token, $"{function}(*) is not valid; only COUNT(*) counts rows — write {function}(column)");
        if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
            throw Refuse(token, OwoxErrorCodes.SqlUnsupportedAggregation, $"Aggregates of expressions or functions ({function}({token.Text}(…))) are not supported by the OWOX HTTP Data API; aggregate a column directly");
        if (!IsColumnStart(token))
            throw RefuseOperandStart(token, $"inside {function}(…)", inWhere: false);
        var column = ParseColumnName();
        CheckNoExpression($"inside {function}(…)", inWhere: false);
        return column;
    }

    private SqlSelectItem ParseDateTrunc()
    {
        var nameToken = Next();
        Expect("(", "after DATE_TRUNC");
        SqlColumnOperand column;
        DateTruncUnit unit;
        if (Peek().Kind == SqlTokenKind.String || (Peek().Kind == SqlTokenKind.Word && Peek(1).IsSymbol(",") && TryUnit(Peek().Text, out _)))
        {
            unit = ParseUnit();
            Expect(",", "after the DATE_TRUNC unit: DATE_TRUNC('MONTH', col)");
            if (!IsColumnStart(Peek()))
                throw RefuseOperandStart(Peek(), "as the DATE_TRUNC argument", inWhere: false);
            column = ParseColumnName();
        }
        else
        {
            if (!IsColumnStart(Peek()))
                throw RefuseOperandStart(Peek(), "as the DATE_TRUNC argument", inWhere: false);
            column = ParseColumnName();
            Expect(",", "after the DATE_TRUNC column: DATE_TRUNC('MONTH', col) or DATE_TRUNC(col, MONTH)");
            unit = ParseUnit();
        }
        string? timeZone = null;
        if (Accept(","))
        {
            var zone = Peek();
            if (zone.Kind != SqlTokenKind.String)
                throw Refuse(zone, OwoxErrorCodes.SqlUnsupportedDate, "The DATE_TRUNC time zone must be a string literal such as 'Europe/Berlin'");
            Next();
            if (!s_timeZonePattern.IsMatch(zone.Text))
                throw Refuse(zone, OwoxErrorCodes.SqlUnsupportedDate, $"'{zone.Text}' is not an IANA time zone name; write a name such as 'Europe/Berlin' or 'UTC' (no spaces or quotes)");
            timeZone = zone.Text;
        }
        Expect(")", "to close DATE_TRUNC(…)");
        var span = SqlSpan.Cover(nameToken.Span, Previous.Span);
        return new SqlSelectItem(span, SqlSelectItemKind.DateTrunc, column, null, unit, timeZone);
    }

    private static bool TryUnit(string text, out DateTruncUnit unit)
    {
        switch (text.ToUpperInvariant())
        {
            case "DAY": unit = DateTruncUnit.Day; return true;
            case "WEEK": unit = DateTruncUnit.Week; return true;
            case "MONTH": unit = DateTruncUnit.Month; return true;
            case "QUARTER": unit = DateTruncUnit.Quarter; return true;
            case "YEAR": unit = DateTruncUnit.Year; return true;
            default: unit = default; return false;
        }
    }

    private DateTruncUnit ParseUnit()
    {
        var token = Peek();
        if ((token.Kind is SqlTokenKind.String or SqlTokenKind.Word) && TryUnit(token.Text, out var unit))
        {
            Next();
            if (Peek().IsSymbol("("))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedDate, "Week start days (WEEK(MONDAY)) are not supported; the warehouse decides where a WEEK starts — write WEEK");
            return unit;
        }
        throw Refuse(token, OwoxErrorCodes.SqlUnsupportedDate, $"DATE_TRUNC unit {Describe(token)} is not supported by the OWOX HTTP Data API; use 'DAY', 'WEEK', 'MONTH', 'QUARTER' or 'YEAR'");
    }

    /// <summary>Reads a row count; after TOP a '*' is the select list, not a multiplication.</summary>
    private SqlValue ParseRowCount(bool top = false)
    {
        var token = Peek();
        if (token.Kind is SqlTokenKind.Number or SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter || token.IsSymbol("-"))
            return top ? ParseValueOnly("as the row count") : ParseValue("as the row count");
        throw Syntax(token, $"Expected a row count (a positive integer or a parameter), found {Describe(token)}");
    }

    /// <summary>Reads <c>term AND term … [OR term AND term …]</c> into <paramref name="into"/>: the terms, or one Or condition.</summary>
    private void ParseConditions(List<SqlCondition> into, bool having)
    {
        var start = Peek();
        var branch = new List<SqlCondition>();
        List<List<SqlCondition>>? branches = null;
        while (true)
        {
            ParseTerm(branch, having);
            if (Accept("AND"))
                continue;
            if (Accept("OR"))
            {
                (branches ??= []).Add(branch);
                branch = [];
                continue;
            }
            if (Peek().Is("XOR"))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedOr, "XOR is not supported by the OWOX HTTP Data API (filters are AND-only); run one query per branch");
            break;
        }
        if (branches is null)
        {
            into.AddRange(branch);
            return;
        }
        branches.Add(branch);
        var first = branches.Find(b => b.Count > 0)?[0].Subject ?? new SqlValueOperand(SqlValue.FromLiteral(start.Span, true));
        var or = new SqlCondition(SqlSpan.Cover(start.Span, Previous.Span), SqlConditionKind.Or, first);
        or.Branches.AddRange(branches);
        into.Add(or);
    }

    private void ParseTerm(List<SqlCondition> into, bool having)
    {
        var clause = having ? "HAVING" : "WHERE";
        var first = Peek();
        if (first.IsSymbol("("))
        {
            if (Peek(1).Is("SELECT"))
                throw Refuse(ParenthesisedSpan(), OwoxErrorCodes.SqlUnsupportedSubquery, $"Subqueries are not supported in {clause}: the HTTP Data API runs a single query on one data mart; run the inner query first and pass its result as parameters (col IN (@a, @b, …))");
            Next();
            ParseConditions(into, having);
            Expect(")", "to close the parenthesis");
            return;
        }
        if (first.Is("NOT"))
        {
            var operand = Peek(1);
            if (operand.IsSymbol("("))
            {
                throw Refuse(first, OwoxErrorCodes.SqlUnsupportedExpression,
                    "NOT (…) is not supported by the OWOX HTTP Data API (it has no negated groups); negate each condition instead: <>, NOT IN (…), NOT LIKE '%x%', IS NOT NULL, NOT REGEXP_LIKE(…), NOT bool_col");
            }
            if (operand.Is("EXISTS"))
                throw Refuse(first, OwoxErrorCodes.SqlUnsupportedSubquery, $"NOT EXISTS (subqueries) is not supported in {clause}; run the inner query first and pass its result as parameters (col NOT IN (@a, @b, …))");
            if (operand.Is("REGEXP_LIKE") && Peek(2).IsSymbol("("))
            {
                Next();
                into.Add(ParseRegexpLike(first, negated: true));
                return;
            }
            if (IsColumnStart(operand) && !Peek(2).IsSymbol("("))
            {
                Next();
                var column = ParseColumnName();
                var after = Peek();
                if (StartsPredicate(after))
                {
                    throw Refuse(SqlSpan.Cover(first.Span, after.Span), OwoxErrorCodes.SqlUnsupportedExpression,
                        "NOT before a comparison is not supported; write the negated operator instead: col <> v, col NOT IN (…), col NOT LIKE '%x%', col IS NOT NULL (NOT col alone tests a boolean column for FALSE)");
                }
                CheckNoExpression("in " + clause, inWhere: true);
                into.Add(new SqlCondition(SqlSpan.Cover(first.Span, column.Span), SqlConditionKind.Unary, column) { Operator = FilterOperator.IsFalse });
                return;
            }
            throw Refuse(first, OwoxErrorCodes.SqlUnsupportedExpression, "NOT is only supported before a boolean column (NOT is_active) or REGEXP_LIKE(…); negate comparisons with <>, NOT IN, NOT LIKE or IS NOT NULL");
        }
        if (first.Is("EXISTS"))
            throw Refuse(first, OwoxErrorCodes.SqlUnsupportedSubquery, $"EXISTS (subqueries) is not supported in {clause}; run the inner query first and pass its result as parameters (col IN (@a, @b, …))");
        if (first.Is("REGEXP_LIKE") && Peek(1).IsSymbol("("))
        {
            into.Add(ParseRegexpLike(first, negated: false));
            return;
        }

        var left = ParseOperand(having);
        into.Add(ParsePredicate(first, left, clause));
    }

    private static bool StartsPredicate(SqlToken token) =>
        token.Is("IS") || token.Is("IN") || token.Is("LIKE") || token.Is("ILIKE") || token.Is("BETWEEN") || token.Is("NOT")
        || token.Is("REGEXP") || token.Is("RLIKE") || (token.Kind == SqlTokenKind.Symbol && Array.IndexOf(s_comparisonSymbols, token.Text) >= 0);

    private SqlCondition ParseRegexpLike(SqlToken start, bool negated)
    {
        Next(); // REGEXP_LIKE
        Expect("(", "after REGEXP_LIKE");
        if (!IsColumnStart(Peek()))
            throw Syntax(Peek(), "REGEXP_LIKE takes a column first: REGEXP_LIKE(col, 'pattern')");
        var column = ParseColumnName();
        Expect(",", "after the column: REGEXP_LIKE(col, 'pattern')");
        var pattern = ParseValue("as the REGEXP_LIKE pattern");
        if (Peek().IsSymbol(","))
            throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedPattern, "REGEXP_LIKE flags are not supported by the OWOX HTTP Data API; the pattern is matched as written (case-sensitivity is the warehouse's)");
        Expect(")", "to close REGEXP_LIKE(…)");
        return new SqlCondition(SqlSpan.Cover(start.Span, Previous.Span), SqlConditionKind.Compare, column)
        {
            Operator = negated ? FilterOperator.NotRegex : FilterOperator.Regex,
            Right = new SqlValueOperand(pattern),
        };
    }

    private SqlOperand ParseOperand(bool having)
    {
        var clause = having ? "HAVING" : "WHERE";
        var token = Peek();
        if (IsMomentStart(token) || IsValueStart(token))
            return new SqlValueOperand(ParseValue("in " + clause));
        if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
        {
            if (s_aggregates.ContainsKey(token.Text))
            {
                if (!having)
                    throw Refuse(token, OwoxErrorCodes.SqlUnsupportedAggregation, $"Aggregates are not allowed in WHERE ({token.Text.ToUpperInvariant()}(…)); move the condition to HAVING (and select the same aggregate)");
                var aggregate = ParseAggregateCall();
                CheckNoExpression("in HAVING", inWhere: true);
                return aggregate;
            }
            if (token.Is("DATE_TRUNC"))
                throw Refuse(token, OwoxErrorCodes.SqlUnsupportedDate, $"DATE_TRUNC in {clause} is not supported; filter the column itself (date >= '2026-05-01' AND date < '2026-06-01') or use a relative-date preset (date IN THIS_MONTH)");
            throw RefuseFunction(token, inWhere: true);
        }
        if (token.Is("INTERVAL"))
            throw Refuse(token, OwoxErrorCodes.SqlUnsupportedDate, "An INTERVAL can only be added to or subtracted from the current date or time (CURRENT_DATE - INTERVAL '7' DAY); pass other computed dates as parameters");
        if (IsColumnStart(token))
        {
            var column = ParseColumnName();
            CheckNoExpression("in " + clause, inWhere: true);
            return column;
        }
        throw RefuseOperandStart(token, "in " + clause, inWhere: true);
    }

    /// <summary>Reads a literal or a placeholder (a value position: comparison value, IN item, BETWEEN bound, LIKE pattern, row count).</summary>
    private SqlValue ParseValue(string where)
    {
        var value = ParseValueOnly(where);
        CheckNoExpression(where, inWhere: true);
        return value;
    }

    private SqlValue ParseValueOnly(string where)
    {
        var token = Peek();
        if (IsMomentStart(token))
            return ParseMoment();
        switch (token.Kind)
        {
            case SqlTokenKind.String:
                Next();
                return SqlValue.FromLiteral(token.Span, token.Text);
            case SqlTokenKind.Number:
                Next();
                return SqlValue.FromLiteral(token.Span, ParseNumber(token, negative: false));
            case SqlTokenKind.NamedParameter:
                Next();
                return SqlValue.Named(token.Span, token.Text);
            case SqlTokenKind.PositionalParameter:
                Next();
                return SqlValue.Positional(token.Span, token.Ordinal);
        }
        if (token.IsSymbol("-") && Peek(1).Kind == SqlTokenKind.Number)
        {
            Next();
            var number = Next();
            return SqlValue.FromLiteral(SqlSpan.Cover(token.Span, number.Span), ParseNumber(number, negative: true));
        }
        if (token.Is("TRUE") || token.Is("FALSE"))
        {
            Next();
            return SqlValue.FromLiteral(token.Span, token.Is("TRUE"));
        }
        if (token.Is("NULL"))
        {
            Next();
            return SqlValue.FromLiteral(token.Span, null);
        }
        if ((token.Is("DATE") || token.Is("TIMESTAMP") || token.Is("DATETIME")) && Peek(1).Kind == SqlTokenKind.String)
        {
            Next();
            var literal = Next();
            return SqlValue.FromLiteral(SqlSpan.Cover(token.Span, literal.Span), literal.Text);
        }
        if (IsColumnStart(token))
        {
            throw Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Expected a literal or a parameter {where}, found the column {token.Text}; the HTTP Data API compares a column with values only (no column-to-column comparisons) — pass the value as a parameter");
        }
        if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
            throw RefuseFunction(token, inWhere: true);
        throw Syntax(token, $"Expected a literal or a parameter {where}, found {Describe(token)}");
    }

    /// <summary>True when <paramref name="token"/> starts a literal or a placeholder.</summary>
    private bool IsValueStart(SqlToken token) =>
        token.Kind is SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter
        || token.Is("TRUE") || token.Is("FALSE") || token.Is("NULL")
        || (token.IsSymbol("-") && Peek(1).Kind == SqlTokenKind.Number)
        || ((token.Is("DATE") || token.Is("TIMESTAMP") || token.Is("DATETIME")) && Peek(1).Kind == SqlTokenKind.String);

    /// <summary>True when the current token (<paramref name="token"/>) starts the current date or time, or DATEADD/DATE_ADD/DATE_SUB of it.</summary>
    private bool IsMomentStart(SqlToken token)
    {
        if (token.Kind != SqlTokenKind.Word)
            return false;
        if (s_momentFunctions.TryGetValue(token.Text, out var moment))
            return !moment.NeedsParentheses || Peek(1).IsSymbol("(");
        return (token.Is("DATEADD") || token.Is("DATE_ADD") || token.Is("DATE_SUB")) && Peek(1).IsSymbol("(");
    }

    /// <summary>
    /// Reads the current date or time: <c>CURRENT_DATE</c> (<c>CURRENT_TIMESTAMP</c>, <c>NOW()</c>, …) followed by
    /// <c>± INTERVAL 'n' unit</c> or (for dates) <c>± n</c> days, <c>DATEADD(unit, n, moment)</c>, or
    /// <c>DATE_ADD</c>/<c>DATE_SUB(moment, INTERVAL n unit)</c>.
    /// </summary>
    private SqlValue ParseMoment()
    {
        var start = Peek();
        var moment = ParseMomentBase();
        while ((Peek().IsSymbol("+") || Peek().IsSymbol("-")) && (Peek(1).Is("INTERVAL") || (moment.IsDate && Peek(1).Kind == SqlTokenKind.Number)))
        {
            var sign = Next().IsSymbol("-") ? -1 : 1;
            if (Peek().Is("INTERVAL"))
            {
                moment.Intervals.Add(ParseInterval(sign));
                continue;
            }
            var days = Next();
            if (!long.TryParse(days.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw Refuse(days, OwoxErrorCodes.SqlUnsupportedDate, $"{moment.Spelling} ± n takes a whole number of days; write {moment.Spelling} - INTERVAL '7' DAY");
            moment.Intervals.Add(new SqlInterval(sign * n, SqlIntervalUnit.Day));
        }
        return SqlValue.Now(SqlSpan.Cover(start.Span, Previous.Span), moment);
    }

    private SqlMoment ParseMomentBase()
    {
        var name = Next();
        var upper = name.Text.ToUpperInvariant();
        if (upper == "DATEADD")
        {
            Expect("(", "after DATEADD");
            var unitToken = Peek();
            var unitText = unitToken.Kind == SqlTokenKind.String ? unitToken.Text : unitToken.Kind == SqlTokenKind.Word ? unitToken.Text : string.Empty;
            if (!s_dateAddUnits.TryGetValue(unitText, out var unit))
                throw Refuse(unitToken, OwoxErrorCodes.SqlUnsupportedDate, $"DATEADD unit {Describe(unitToken)} is not supported; use day, week, month, quarter, year, hour, minute or second");
            Next();
            Expect(",", "after the DATEADD unit: DATEADD(day, -7, CURRENT_DATE)");
            var amount = ParseWholeNumber("as the DATEADD amount");
            Expect(",", "after the DATEADD amount: DATEADD(day, -7, CURRENT_DATE)");
            if (!IsMomentStart(Peek()))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedDate, "DATEADD is only supported on the current date or time (DATEADD(day, -7, CURRENT_DATE)); pass other computed dates as parameters");
            var inner = ParseMomentBase();
            Expect(")", "to close DATEADD(…)");
            inner.Intervals.Add(new SqlInterval(amount, unit));
            return inner;
        }
        if (upper is "DATE_ADD" or "DATE_SUB")
        {
            Expect("(", "after " + upper);
            if (!IsMomentStart(Peek()))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedDate, $"{upper} is only supported on the current date or time ({upper}(CURRENT_DATE, INTERVAL 7 DAY)); pass other computed dates as parameters");
            var inner = ParseMomentBase();
            Expect(",", $"after the date: {upper}(CURRENT_DATE, INTERVAL 7 DAY)");
            if (!Peek().Is("INTERVAL"))
                throw Syntax(Peek(), $"Expected INTERVAL n unit in {upper}(…, INTERVAL 7 DAY), found {Describe(Peek())}");
            inner.Intervals.Add(ParseInterval(upper == "DATE_SUB" ? -1 : 1));
            Expect(")", $"to close {upper}(…)");
            return inner;
        }
        var function = s_momentFunctions[name.Text];
        if (Accept("("))
            Expect(")", $"after {upper}(: it takes no argument");
        return new SqlMoment(function.IsDate, upper);
    }

    /// <summary>Reads <c>INTERVAL '7' DAY</c>, <c>INTERVAL 7 DAY</c>, <c>INTERVAL '7 days'</c> (the INTERVAL keyword is current).</summary>
    private SqlInterval ParseInterval(int sign)
    {
        var keyword = Next();
        var token = Peek();
        long amount;
        string? unitText = null;
        if (token.Kind == SqlTokenKind.String)
        {
            Next();
            var parts = token.Text.Trim().Split([' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount))
                throw Refuse(token, OwoxErrorCodes.SqlUnsupportedDate, $"INTERVAL '{token.Text}' is not supported; write one whole number and one unit: INTERVAL '7' DAY or INTERVAL '7 days'");
            if (parts.Length == 2)
                unitText = parts[1];
        }
        else
        {
            amount = ParseWholeNumber("as the INTERVAL amount");
        }
        if (unitText is null)
        {
            var unitToken = Peek();
            if (unitToken.Kind != SqlTokenKind.Word)
                throw Syntax(unitToken, $"Expected the INTERVAL unit (DAY, WEEK, MONTH, QUARTER, YEAR, HOUR, MINUTE or SECOND), found {Describe(unitToken)}");
            Next();
            unitText = unitToken.Text;
        }
        if (!s_intervalUnits.TryGetValue(unitText, out var unit))
        {
            throw Refuse(SqlSpan.Cover(keyword.Span, Previous.Span), OwoxErrorCodes.SqlUnsupportedDate,
                $"INTERVAL unit '{unitText}' is not supported; use DAY, WEEK, MONTH, QUARTER, YEAR, HOUR, MINUTE or SECOND");
        }
        return new SqlInterval(sign * amount, unit);
    }

    private long ParseWholeNumber(string where)
    {
        var negative = Accept("-");
        var token = Peek();
        if (token.Kind != SqlTokenKind.Number || !long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw Syntax(token, $"Expected a whole number {where}, found {Describe(token)}");
        Next();
        return negative ? -value : value;
    }

    private object ParseNumber(SqlToken token, bool negative)
    {
        var text = negative ? "-" + token.Text : token.Text;
        if (text.IndexOfAny(s_exponentMarkers) >= 0)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
                return d;
        }
        else if (text.IndexOf('.') < 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }
        else if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var m))
        {
            return m;
        }
        throw Refuse(token, OwoxErrorCodes.SqlInvalidValue, $"The number {text} is out of range; pass it as a parameter of type decimal or double");
    }

    private SqlCondition ParsePredicate(SqlToken first, SqlOperand left, string clause)
    {
        var op = Peek();
        if (op.Is("IS"))
        {
            Next();
            var negated = Accept("NOT");
            FilterOperator unary;
            var what = Peek();
            if (Accept("NULL"))
            {
                unary = negated ? FilterOperator.IsNotNull : FilterOperator.IsNull;
            }
            else if (Accept("EMPTY"))
            {
                unary = negated ? FilterOperator.IsNotEmpty : FilterOperator.IsEmpty;
            }
            else if (what.Is("TRUE") || what.Is("FALSE"))
            {
                Next();
                if (negated)
                {
                    throw Refuse(SqlSpan.Cover(op.Span, what.Span), OwoxErrorCodes.SqlUnsupportedOr,
                        $"IS NOT {what.Text.ToUpperInvariant()} also matches NULL, which needs OR and the OWOX HTTP Data API has none; write col = {(what.Is("TRUE") ? "FALSE" : "TRUE")} (non-NULL rows) or run a second query with col IS NULL");
                }
                unary = what.Is("TRUE") ? FilterOperator.IsTrue : FilterOperator.IsFalse;
            }
            else if (what.Is("DISTINCT"))
            {
                throw Refuse(what, OwoxErrorCodes.SqlUnsupportedExpression, "IS [NOT] DISTINCT FROM is not supported; write = or <> with a value (and IS NULL / IS NOT NULL for NULLs)");
            }
            else
            {
                throw Unexpected(what, "expected IS [NOT] NULL, IS [NOT] EMPTY or IS TRUE/FALSE");
            }
            var subject = RequireSubject(left, "IS " + (negated ? "NOT " : string.Empty) + what.Text.ToUpperInvariant());
            return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Unary, subject) { Operator = unary };
        }

        var notToken = op;
        var not = false;
        if (op.Is("NOT") && (Peek(1).Is("IN") || Peek(1).Is("LIKE") || Peek(1).Is("ILIKE") || Peek(1).Is("BETWEEN") || Peek(1).Is("REGEXP") || Peek(1).Is("RLIKE") || Peek(1).Is("SIMILAR")))
        {
            Next();
            not = true;
            op = Peek();
        }
        if (op.Is("BETWEEN"))
        {
            Next();
            if (not)
            {
                throw Refuse(SqlSpan.Cover(notToken.Span, op.Span), OwoxErrorCodes.SqlUnsupportedOr,
                    "NOT BETWEEN needs OR (col < a OR col > b), which the OWOX HTTP Data API does not have (filters are AND-only); run two queries (col < a, then col > b)");
            }
            var subject = RequireSubject(left, "BETWEEN");
            var low = ParseValue("as the lower BETWEEN bound");
            Expect("AND", "between the BETWEEN bounds");
            var high = ParseValue("as the upper BETWEEN bound");
            return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Between, subject)
            {
                Operator = FilterOperator.Between,
                Value = low,
                UpperValue = high,
            };
        }
        if (op.Is("IN"))
        {
            Next();
            var subject = RequireSubject(left, "IN");
            return ParseIn(first, subject, not);
        }
        if (op.Is("LIKE"))
        {
            Next();
            var subject = RequireSubject(left, "LIKE");
            var pattern = ParseValue("as the LIKE pattern");
            char? escape = null;
            if (Accept("ESCAPE"))
            {
                var escapeToken = Peek();
                if (escapeToken.Kind != SqlTokenKind.String || escapeToken.Text.Length != 1)
                    throw Syntax(escapeToken, "ESCAPE takes a one-character string literal, e.g. ESCAPE '\\'");
                Next();
                escape = escapeToken.Text[0];
            }
            return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Like, subject) { Negated = not, Value = pattern, Escape = escape };
        }
        if (op.Is("ILIKE"))
        {
            throw Refuse(op, OwoxErrorCodes.SqlUnsupportedPattern, "ILIKE (case-insensitive LIKE) is not supported by the OWOX HTTP Data API: matching is literal and its case-sensitivity is the warehouse's; use LIKE, or REGEXP_LIKE(col, '[Aa]bc') for explicit case variants");
        }
        if (op.Is("SIMILAR") || op.Is("GLOB"))
            throw Refuse(op, OwoxErrorCodes.SqlUnsupportedPattern, $"{op.Text.ToUpperInvariant()} is not supported; use LIKE ('x%', '%x', '%x%') or REGEXP_LIKE(col, 'pattern')");
        if (op.Is("REGEXP") || op.Is("RLIKE"))
        {
            Next();
            var subject = RequireSubject(left, op.Text.ToUpperInvariant());
            var pattern = ParseValue("as the regular expression");
            return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Compare, subject)
            {
                Operator = not ? FilterOperator.NotRegex : FilterOperator.Regex,
                Right = new SqlValueOperand(pattern),
            };
        }
        if (op.Kind == SqlTokenKind.Symbol && Array.IndexOf(s_comparisonSymbols, op.Text) >= 0)
        {
            Next();
            if (op.Text is "~*" or "!~*")
                throw Refuse(op, OwoxErrorCodes.SqlUnsupportedPattern, $"{op.Text} (case-insensitive regex) is not supported by the OWOX HTTP Data API; use {(op.Text == "~*" ? "~" : "!~")} with a pattern that lists the case variants ([Aa]bc)");
            var right = ParseOperand(clause == "HAVING");
            return Compare(first, left, op, right);
        }

        if (left is SqlColumnOperand or SqlValueOperand && EndsCondition(op))
            return new SqlCondition(left.Span, SqlConditionKind.Unary, left) { Operator = FilterOperator.IsTrue };
        throw Unexpected(op, "expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL, ~) after the column");
    }

    private static bool EndsCondition(SqlToken token) =>
        token.Kind == SqlTokenKind.End || token.IsSymbol(")") || token.IsSymbol(";") || token.Is("AND") || token.Is("OR")
        || token.Is("GROUP") || token.Is("HAVING") || token.Is("ORDER") || token.Is("LIMIT") || token.Is("OFFSET") || token.Is("FETCH");

    private SqlOperand RequireSubject(SqlOperand left, string construct)
    {
        if (left is SqlValueOperand)
            throw Syntax(left.Span, $"{construct} needs a column on its left; write col {construct} …");
        return left;
    }

    private SqlCondition Compare(SqlToken first, SqlOperand left, SqlToken op, SqlOperand right)
    {
        var oper = op.Text switch
        {
            "=" or "==" => FilterOperator.Eq,
            "<>" or "!=" => FilterOperator.Neq,
            "<" => FilterOperator.Lt,
            "<=" => FilterOperator.Lte,
            ">" => FilterOperator.Gt,
            ">=" => FilterOperator.Gte,
            "~" => FilterOperator.Regex,
            _ => FilterOperator.NotRegex,
        };
        return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Compare, left) { Operator = oper, Right = right };
    }

    private SqlCondition ParseIn(SqlToken first, SqlOperand subject, bool not)
    {
        var open = Peek();
        var condition = new SqlCondition(first.Span, SqlConditionKind.In, subject) { Operator = not ? FilterOperator.NotIn : FilterOperator.In };
        if (open.IsSymbol("("))
        {
            Next();
            if (Peek().Is("SELECT"))
            {
                if (TryReadEmptyListExpansion())
                {
                    // Dapper's expansion of an empty collection: an empty list (IN never matches, NOT IN always does).
                    condition.Span = SqlSpan.Cover(first.Span, Previous.Span);
                    return condition;
                }
                _pos--;
                throw Refuse(ParenthesisedSpan(), OwoxErrorCodes.SqlUnsupportedSubquery, "Subqueries in IN (…) are not supported: the HTTP Data API runs a single query; run the inner query first and pass its values as parameters (col IN (@a, @b, …))");
            }
            if (Peek().IsSymbol(")"))
                throw Syntax(SqlSpan.Cover(first.Span, Peek().Span), "An IN list needs at least one value: IN ('a', 'b')");
            ReadInItems(condition.Values);
            Expect(")", "to close the IN list");
        }
        else if (open.Kind is SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter)
        {
            condition.Values.Add(ParseValue("as the IN list"));
        }
        else if (open.Kind == SqlTokenKind.Word && RelativeDatePresets.TryGet(open.Text, out var preset))
        {
            Next();
            if (not)
            {
                throw Refuse(SqlSpan.Cover(first.Span, open.Span), OwoxErrorCodes.SqlUnsupportedDate,
                    "NOT IN with a relative-date preset is not supported (the API cannot negate relative_date); compare with explicit dates instead (date < @from)");
            }
            var relative = new SqlCondition(first.Span, SqlConditionKind.RelativeDate, subject) { Operator = FilterOperator.RelativeDate, Preset = preset.Kind };
            if (preset.HasCount)
            {
                Expect("(", $"after {open.Text.ToUpperInvariant()}: {preset.Spelling}(n)");
                relative.Value = ParseValue($"as the day/month count of {preset.Spelling}(n)");
                Expect(")", $"to close {preset.Spelling}(n)");
            }
            else if (Accept("("))
            {
                Expect(")", $"after {preset.Spelling}(: the preset takes no argument");
            }
            relative.Span = SqlSpan.Cover(first.Span, Previous.Span);
            return relative;
        }
        else
        {
            throw Syntax(open, $"IN needs a parenthesised list (col IN ('a', 'b')), a list parameter (col IN @ids) or a relative-date preset ({RelativeDatePresets.SpellingList}); found {Describe(open)}");
        }
        condition.Span = SqlSpan.Cover(first.Span, Previous.Span);
        return condition;
    }

    private void ReadInItems(List<SqlValue> values)
    {
        do
        {
            if (Peek().IsSymbol("("))
            {
                // Dapper turns "IN (@ids)" into "IN ((@ids1,@ids2))": flatten the inner list.
                Next();
                ReadInItems(values);
                Expect(")", "to close the inner list");
                continue;
            }
            var value = ParseValue("in the IN list");
            if (value.IsLiteral && value.Literal is null)
            {
                throw Refuse(value.Span, OwoxErrorCodes.SqlInvalidValue,
                    "NULL inside IN (…) never matches in SQL (and makes NOT IN match nothing); remove it, and test NULLs with IS NULL in a separate query (the API has no OR)");
            }
            values.Add(value);
        }
        while (Accept(","));
    }

    /// <summary>Recognises Dapper's empty-list expansion <c>(SELECT @ids WHERE 1 = 0)</c> / <c>(select null where 1=0)</c>; the '(' is already read.</summary>
    private bool TryReadEmptyListExpansion()
    {
        var start = _pos;
        var select = Peek();
        var item = Peek(1);
        if (!select.Is("SELECT") || !(item.Kind is SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter || item.Is("NULL")))
            return false;
        if (!Peek(2).Is("WHERE") || Peek(3).Kind != SqlTokenKind.Number || !Peek(4).IsSymbol("=") || Peek(5).Kind != SqlTokenKind.Number || !Peek(6).IsSymbol(")"))
            return false;
        if (Peek(3).Text == Peek(5).Text)
            return false;
        _pos = start + 7;
        return true;
    }

    private List<SqlReference> ParseReferences(bool orderBy)
    {
        var clause = orderBy ? "ORDER BY" : "GROUP BY";
        var references = new List<SqlReference>();
        do
        {
            var token = Peek();
            SqlReference reference;
            if (token.Kind == SqlTokenKind.Number)
            {
                Next();
                if (!int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) || ordinal < 1)
                    throw Syntax(token, $"{clause} {token.Text}: a position must be a whole number from 1 to the number of SELECT items");
                reference = new SqlReference(token.Span) { Ordinal = ordinal };
            }
            else if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
            {
                if (token.Is("DATE_TRUNC"))
                {
                    var item = ParseDateTrunc();
                    reference = new SqlReference(item.Span) { DateTrunc = item };
                }
                else if (s_aggregates.ContainsKey(token.Text))
                {
                    var aggregate = ParseAggregateCall();
                    reference = new SqlReference(aggregate.Span) { Aggregate = aggregate };
                }
                else
                {
                    throw Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Functions in {clause} ({token.Text}(…)) are not supported; {clause} a selected column, its alias or its position");
                }
            }
            else if (IsColumnStart(token))
            {
                var column = ParseColumnName();
                reference = new SqlReference(column.Span) { Column = column };
            }
            else if (token.Kind is SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter)
            {
                throw Refuse(token, OwoxErrorCodes.SqlUnsupportedExpression, $"Parameters in {clause} are not supported; name the column (choose the column in your code and build the text with a quoted name)");
            }
            else
            {
                throw RefuseOperandStart(token, "in " + clause, inWhere: false);
            }
            CheckNoExpression("in " + clause, inWhere: false);
            if (orderBy)
            {
                if (Accept("DESC"))
                    reference.Descending = true;
                else
                    Accept("ASC");
                if (Peek().Is("NULLS"))
                    throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedSort, "NULLS FIRST/LAST is not supported by the OWOX HTTP Data API; where NULLs sort is the warehouse's default");
            }
            if (Peek().Is("COLLATE"))
                throw Refuse(Peek(), OwoxErrorCodes.SqlUnsupportedSort, $"COLLATE is not supported; {clause} uses the warehouse's collation");
            references.Add(reference);
        }
        while (Accept(","));
        return references;
    }
}
