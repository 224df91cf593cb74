using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Owox.Data.Query;

/// <summary>
/// Recursive-descent parser of the SQL subset (see <c>docs/sql.md</c>) into a <see cref="SqlSelect"/>. It checks
/// syntax only and refuses, with a message naming the construct and the alternative, everything the HTTP Data
/// API cannot express: OR, NOT around a condition, joins, subqueries, expressions, functions in WHERE,
/// column-to-column comparisons, OFFSET, UNION, window functions.
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
            throw parser.Error(rest,
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
        throw Error(token, $"Expected {symbolOrKeyword} {why}, found {Describe(token)}");
    }

    private OwoxException Error(SqlToken token, string message) => SqlErrors.At(_text, token.Span, message);

    private OwoxException Error(SqlSpan span, string message) => SqlErrors.At(_text, span, message);

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
            throw Error(positional.Value,
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
                throw Error(Peek(), $"TOP … {Peek().Text.ToUpperInvariant()} is not supported by the OWOX HTTP Data API (it only caps the row count); write TOP n or LIMIT n");
        }
        ParseSelectList(select);
        if (!Peek().Is("FROM"))
        {
            if (Peek().Kind == SqlTokenKind.End)
                throw Error(Peek(), "A SELECT needs FROM <data mart id or quoted title>; the HTTP Data API only reads data marts");
            throw Unexpected(Peek(), "expected ',' or FROM after a SELECT item");
        }
        Next();
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
                throw Error(limitToken, "TOP and LIMIT both cap the rows; write only one of them");
            if (Peek().Is("ALL"))
            {
                Next();
            }
            else
            {
                select.Limit = ParseRowCount();
                if (Peek().IsSymbol(","))
                    throw Error(Peek(), "LIMIT offset, count is not supported: the HTTP Data API has no paging (no offset); write LIMIT n");
            }
        }
        if (Peek().Is("OFFSET"))
            throw Error(Peek(), "OFFSET is not supported: the HTTP Data API has no paging (the server rejects offset); read the rows you need from the start with LIMIT n, or narrow the rows with WHERE");
        if (Peek().Is("FETCH"))
        {
            var fetch = Next();
            if (select.Limit is not null)
                throw Error(fetch, "FETCH FIRST and TOP/LIMIT both cap the rows; write only one of them");
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
            return Error(token, $"{token.Text.ToUpperInvariant()} is not supported: the HTTP Data API runs one query on one data mart; run the queries separately and combine the rows in your code");
        if (token.Is("WHERE") || token.Is("GROUP") || token.Is("HAVING") || token.Is("ORDER") || token.Is("LIMIT") || token.Is("TOP") || token.Is("FETCH"))
            return Error(token, $"{token.Text.ToUpperInvariant()} is out of place; clauses must come in the order SELECT [TOP n] … FROM … WHERE … GROUP BY … HAVING … ORDER BY … LIMIT n");
        if (_pos > 0 && Previous.IsSymbol(";"))
            return Error(token, "Only one statement per command is supported; remove everything after the ';' and run the other statement as its own command");
        if (token.Is("WINDOW") || token.Is("QUALIFY"))
            return Error(token, $"{token.Text.ToUpperInvariant()} (window functions) is not supported by the OWOX HTTP Data API; compute it in your code after reading");
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
        Error(token, $"Unexpected {Describe(token)}; {expectation}");

    private void ParseSelectList(SqlSelect select)
    {
        if (Peek().IsSymbol("*"))
        {
            var star = Next();
            select.Star = true;
            select.StarSpan = star.Span;
            if (Peek().IsSymbol(","))
                throw Error(Peek(), "SELECT * cannot be combined with other items; list every column you want instead (SELECT a, b, SUM(c) …)");
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
        if (first.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
        {
            if (first.Is("DATE_TRUNC"))
            {
                item = ParseDateTrunc();
            }
            else if (s_aggregates.ContainsKey(first.Text))
            {
                var aggregate = ParseAggregateCall();
                item = new SqlSelectItem(aggregate.Span, SqlSelectItemKind.Aggregate, aggregate.Column, aggregate, default, null);
            }
            else
            {
                throw RefuseFunction(first, inWhere: false);
            }
        }
        else if (IsColumnStart(first))
        {
            var (name, span) = ParseColumnName();
            item = new SqlSelectItem(span, SqlSelectItemKind.Column, name, null, default, null);
        }
        else if (first.IsSymbol("*"))
        {
            throw Error(first, "SELECT * cannot be combined with other items; list every column you want instead");
        }
        else
        {
            throw RefuseOperandStart(first, "in the SELECT list", inWhere: false);
        }
        CheckNoExpression("in the SELECT list", inWhere: false);
        if (Peek().Is("OVER"))
            throw Error(Peek(), "Window functions (OVER …) are not supported by the OWOX HTTP Data API; aggregate with GROUP BY, or compute it in your code after reading");
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
        throw Error(token, $"Expected a name {where}, found {Describe(token)}; quote names that are reserved words (\"{token.Text}\")");
    }

    private static bool IsColumnStart(SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Word && !s_reserved.Contains(token.Text));

    /// <summary>Reads <c>name</c>, <c>"quoted name"</c> or dotted parts (<c>metrics.revenue</c>) joined with '.'.</summary>
    private (string Name, SqlSpan Span) ParseColumnName()
    {
        var first = Next();
        var name = first.Text;
        while (Peek().IsSymbol(".") && Peek().Start == Previous.End)
        {
            var dot = Next();
            var part = Peek();
            if (part.IsSymbol("*"))
                throw Error(SqlSpan.Cover(first.Span, part.Span), "Qualified stars (t.*) are not supported; write SELECT * or list the columns");
            if (part.Kind != SqlTokenKind.QuotedIdentifier && part.Kind != SqlTokenKind.Word)
                throw Error(dot, "Expected a name after '.'; column names with dots can also be quoted as one name (\"metrics.revenue\")");
            Next();
            name += "." + part.Text;
        }
        return (name, SqlSpan.Cover(first.Span, Previous.Span));
    }

    private void CheckNoExpression(string where, bool inWhere)
    {
        var token = Peek();
        if (token.Kind != SqlTokenKind.Symbol || Array.IndexOf(s_expressionSymbols, token.Text) < 0)
            return;
        if (token.Text == "::")
            throw Error(token, $"Casts (::) are not supported {where}: the HTTP Data API works on stored column values; " + (inWhere ? "compare the column with a value of its own type" : "convert the value in your code after reading"));
        throw Error(token, $"Expressions ('{token.Text}') are not supported {where}: the HTTP Data API works on stored column values; " +
            (inWhere ? "compare a column with a literal or a parameter (compute the value in your code first)" : "compute the expression in your code after reading, or add the column to the data mart's definition"));
    }

    private OwoxException RefuseFunction(SqlToken name, bool inWhere)
    {
        if (s_unsupportedAggregates.Contains(name.Text))
            return Error(name, $"The aggregate {name.Text.ToUpperInvariant()}() is not supported by the OWOX HTTP Data API; the supported aggregates are {SupportedAggregatesText}");
        if (inWhere)
        {
            return Error(name, $"Functions in WHERE ({name.Text}(…)) are not supported: the HTTP Data API compares stored column values; compare the column itself with a value (e.g. col = 'x', col LIKE 'x%', REGEXP_LIKE(col, '^x'), date IN LAST_N_DAYS(7))");
        }
        return Error(name, $"The function {name.Text}(…) is not supported in the SELECT list: the HTTP Data API returns stored columns, aggregates ({SupportedAggregatesText}) and DATE_TRUNC only; compute it in your code after reading");
    }

    private OwoxException RefuseOperandStart(SqlToken token, string where, bool inWhere)
    {
        if (token.Is("CASE"))
            return Error(token, $"CASE expressions are not supported {where}; the HTTP Data API works on stored column values — compute it in your code after reading");
        if (token.Is("CAST") || token.Is("CONVERT") || token.Is("TRY_CAST") || token.Is("SAFE_CAST"))
            return Error(token, $"{token.Text.ToUpperInvariant()} is not supported {where}; compare or select the column as stored and convert in your code");
        if (token.IsSymbol("("))
        {
            if (Peek(1).Is("SELECT"))
                return Error(ParenthesisedSpan(), $"Subqueries are not supported {where}: the HTTP Data API runs a single query on one data mart; run the inner query first and pass its result as parameters (col IN (@a, @b, …))");
            return Error(token, $"Parenthesised expressions are not supported {where}; write a column name");
        }
        if (token.Kind is SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter || token.Is("NULL") || token.Is("TRUE") || token.Is("FALSE"))
            return Error(token, $"Constants are not supported {where}: the HTTP Data API only returns columns of the data mart; add the constant in your code after reading");
        if (token.Kind == SqlTokenKind.Word && s_reserved.Contains(token.Text))
            return Error(token, $"Unexpected keyword {token.Text.ToUpperInvariant()} {where}; if it is a column name, quote it (\"{token.Text}\")");
        return Unexpected(token, "expected a column name " + where);
    }

    private void ParseSource(SqlSelect select)
    {
        var first = Peek();
        if (first.IsSymbol("("))
        {
            throw Error(ParenthesisedSpan(), Peek(1).Is("SELECT")
                ? "Subqueries in FROM are not supported: the HTTP Data API reads one data mart directly; query the data mart itself"
                : "Expected a data mart id or quoted title after FROM");
        }
        if (first.Kind == SqlTokenKind.QuotedIdentifier)
        {
            Next();
            select.Source = first.Text;
            select.SourceSpan = first.Span;
            if (Peek().IsSymbol(".") && Peek().Start == first.End)
                throw Error(Peek(), "Qualified data mart names (schema.mart) do not exist in OWOX; write FROM <data mart id> or FROM \"<data mart title>\"");
        }
        else if (first.Kind is SqlTokenKind.Word or SqlTokenKind.Number)
        {
            // An unquoted id: letters, digits, '_', '-' and '.' written without spaces (UUIDs start with digits and contain '-').
            var end = first.End;
            Next();
            while (Peek().Start == end && (Peek().Kind is SqlTokenKind.Word or SqlTokenKind.Number || Peek().IsSymbol("-") || Peek().IsSymbol(".")))
                end = Next().End;
            if (_text[end - 1] is '-' or '.')
                throw Error(new SqlSpan(first.Start, end - first.Start), "A data mart id cannot end with '-' or '.'; quote ids and titles that contain other characters (FROM \"…\")");
            select.Source = _text.Substring(first.Start, end - first.Start);
            select.SourceSpan = new SqlSpan(first.Start, end - first.Start);
            if (first.Kind == SqlTokenKind.Word && s_reserved.Contains(select.Source))
                throw Error(first, $"Expected a data mart id or quoted title after FROM, found the keyword {first.Text.ToUpperInvariant()}");
        }
        else
        {
            throw Error(first, $"Expected a data mart id or quoted title after FROM, found {Describe(first)}");
        }

        var next = Peek();
        if (next.IsSymbol(",") || next.Is("JOIN") || next.Is("INNER") || next.Is("LEFT") || next.Is("RIGHT") || next.Is("FULL") || next.Is("CROSS") || next.Is("NATURAL"))
        {
            throw Error(next,
                "Joins are not supported by the OWOX HTTP Data API (one query reads one data mart); define the relationship in OWOX (blended columns are then selectable by name) or run one query per data mart and join in your code");
        }
        if (next.Is("AS") || next.Kind == SqlTokenKind.QuotedIdentifier || (next.Kind == SqlTokenKind.Word && !s_reserved.Contains(next.Text)))
        {
            throw Error(next, "Table aliases are not supported (there is only one data mart and no joins); remove the alias and write column names without a qualifier");
        }
        if (next.Is("TABLESAMPLE") || next.Is("SAMPLE") || next.Is("PIVOT") || next.Is("UNPIVOT"))
            throw Error(next, $"{next.Text.ToUpperInvariant()} is not supported by the OWOX HTTP Data API; use WHERE and LIMIT to narrow the rows");
    }

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
                distinct ? "COUNT(DISTINCT " + column + ")" : "COUNT(" + column + ")");
        }
        if (upper == "PERCENTILE_CONT")
        {
            var fraction = Peek();
            if (fraction.Kind != SqlTokenKind.Number)
                throw Error(fraction, "PERCENTILE_CONT takes a literal fraction: 0.25, 0.5, 0.75 or 0.95");
            Next();
            function = fraction.Text switch
            {
                "0.25" or ".25" => AggregateFunction.P25,
                "0.5" or "0.50" or ".5" => AggregateFunction.P50,
                "0.75" or ".75" => AggregateFunction.P75,
                "0.95" or ".95" => AggregateFunction.P95,
                _ => throw Error(fraction, $"PERCENTILE_CONT({fraction.Text}) is not supported: the OWOX HTTP Data API computes only the 25th, 50th, 75th and 95th percentiles (0.25, 0.5, 0.75, 0.95)"),
            };
            Expect(")", "after the percentile fraction");
            Expect("WITHIN", "after PERCENTILE_CONT(…): PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY col)");
            Expect("GROUP", "after WITHIN");
            Expect("(", "after WITHIN GROUP");
            Expect("ORDER", "in WITHIN GROUP (ORDER BY col)");
            Expect("BY", "in WITHIN GROUP (ORDER BY col)");
            var column = ParseAggregateArgument(upper);
            if (Peek().Is("DESC"))
                throw Error(Peek(), "PERCENTILE_CONT … ORDER BY col DESC is not supported; use ascending order and the complementary fraction (e.g. 0.25 instead of 0.75 DESC)");
            Accept("ASC");
            Expect(")", "to close WITHIN GROUP (ORDER BY col)");
            return new SqlAggregateOperand(SqlSpan.Cover(nameToken.Span, Previous.Span), function, column,
                "PERCENTILE_CONT(" + fraction.Text + ") WITHIN GROUP (ORDER BY " + column + ")");
        }
        if (Peek().Is("DISTINCT"))
            throw Error(Peek(), $"{upper}(DISTINCT …) is not supported by the OWOX HTTP Data API; only COUNT(DISTINCT col) is");
        Accept("ALL");
        var argument = ParseAggregateArgument(upper);
        if (function == AggregateFunction.StringAgg && Peek().IsSymbol(","))
        {
            Next();
            var separator = Peek();
            if (separator.Kind != SqlTokenKind.String || separator.Text != ", ")
                throw Error(separator, "STRING_AGG always joins with ', ' in the OWOX HTTP Data API; write STRING_AGG(col) or STRING_AGG(col, ', ') and replace the separator in your code");
            Next();
        }
        if (Peek().Is("ORDER"))
            throw Error(Peek(), $"{upper}(… ORDER BY …) is not supported; the OWOX HTTP Data API does not order aggregated values");
        Expect(")", $"to close {upper}(…)");
        CheckNoWithin();
        return new SqlAggregateOperand(SqlSpan.Cover(nameToken.Span, Previous.Span), function, argument, upper + "(" + argument + ")");
    }

    private void CheckNoWithin()
    {
        if (Peek().Is("WITHIN") || Peek().Is("FILTER"))
            throw Error(Peek(), $"{Peek().Text.ToUpperInvariant()} after an aggregate is not supported by the OWOX HTTP Data API; use the plain aggregate (and WHERE to filter rows)");
    }

    private string ParseAggregateArgument(string function)
    {
        var token = Peek();
        if (token.IsSymbol("*"))
            throw Error(token, $"{function}(*) is not valid; only COUNT(*) counts rows — write {function}(column)");
        if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
            throw Error(token, $"Aggregates of expressions or functions ({function}({token.Text}(…))) are not supported by the OWOX HTTP Data API; aggregate a column directly");
        if (!IsColumnStart(token))
            throw RefuseOperandStart(token, $"inside {function}(…)", inWhere: false);
        var (name, _) = ParseColumnName();
        CheckNoExpression($"inside {function}(…)", inWhere: false);
        return name;
    }

    private SqlSelectItem ParseDateTrunc()
    {
        var nameToken = Next();
        Expect("(", "after DATE_TRUNC");
        string column;
        DateTruncUnit unit;
        if (Peek().Kind == SqlTokenKind.String || (Peek().Kind == SqlTokenKind.Word && Peek(1).IsSymbol(",") && TryUnit(Peek().Text, out _)))
        {
            unit = ParseUnit();
            Expect(",", "after the DATE_TRUNC unit: DATE_TRUNC('MONTH', col)");
            if (!IsColumnStart(Peek()))
                throw RefuseOperandStart(Peek(), "as the DATE_TRUNC argument", inWhere: false);
            column = ParseColumnName().Name;
        }
        else
        {
            if (!IsColumnStart(Peek()))
                throw RefuseOperandStart(Peek(), "as the DATE_TRUNC argument", inWhere: false);
            column = ParseColumnName().Name;
            Expect(",", "after the DATE_TRUNC column: DATE_TRUNC('MONTH', col) or DATE_TRUNC(col, MONTH)");
            unit = ParseUnit();
        }
        string? timeZone = null;
        if (Accept(","))
        {
            var zone = Peek();
            if (zone.Kind != SqlTokenKind.String)
                throw Error(zone, "The DATE_TRUNC time zone must be a string literal such as 'Europe/Berlin'");
            Next();
            if (!s_timeZonePattern.IsMatch(zone.Text))
                throw Error(zone, $"'{zone.Text}' is not an IANA time zone name; write a name such as 'Europe/Berlin' or 'UTC' (no spaces or quotes)");
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
                throw Error(Peek(), "Week start days (WEEK(MONDAY)) are not supported; the warehouse decides where a WEEK starts — write WEEK");
            return unit;
        }
        throw Error(token, $"DATE_TRUNC unit {Describe(token)} is not supported by the OWOX HTTP Data API; use 'DAY', 'WEEK', 'MONTH', 'QUARTER' or 'YEAR'");
    }

    /// <summary>Reads a row count; after TOP a '*' is the select list, not a multiplication.</summary>
    private SqlValue ParseRowCount(bool top = false)
    {
        var token = Peek();
        if (token.Kind is SqlTokenKind.Number or SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter || token.IsSymbol("-"))
            return top ? ParseValueOnly("as the row count") : ParseValue("as the row count");
        throw Error(token, $"Expected a row count (a positive integer or a parameter), found {Describe(token)}");
    }

    private void ParseConditions(List<SqlCondition> into, bool having)
    {
        while (true)
        {
            ParseTerm(into, having);
            if (Accept("AND"))
                continue;
            if (Peek().Is("OR"))
            {
                throw Error(Peek(),
                    "OR is not supported by the OWOX HTTP Data API (filters are AND-only); run one query per branch, or use col IN (a, b) when the branches compare one column with different values");
            }
            if (Peek().Is("XOR"))
                throw Error(Peek(), "XOR is not supported by the OWOX HTTP Data API (filters are AND-only); run one query per branch");
            return;
        }
    }

    private void ParseTerm(List<SqlCondition> into, bool having)
    {
        var clause = having ? "HAVING" : "WHERE";
        var first = Peek();
        if (first.IsSymbol("("))
        {
            if (Peek(1).Is("SELECT"))
                throw Error(ParenthesisedSpan(), $"Subqueries are not supported in {clause}: the HTTP Data API runs a single query on one data mart; run the inner query first and pass its result as parameters (col IN (@a, @b, …))");
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
                throw Error(first,
                    "NOT (…) is not supported by the OWOX HTTP Data API (it has no negated groups); negate each condition instead: <>, NOT IN (…), NOT LIKE '%x%', IS NOT NULL, NOT REGEXP_LIKE(…), NOT bool_col");
            }
            if (operand.Is("EXISTS"))
                throw Error(first, $"NOT EXISTS (subqueries) is not supported in {clause}; run the inner query first and pass its result as parameters (col NOT IN (@a, @b, …))");
            if (operand.Is("REGEXP_LIKE") && Peek(2).IsSymbol("("))
            {
                Next();
                into.Add(ParseRegexpLike(first, negated: true));
                return;
            }
            if (IsColumnStart(operand) && !Peek(2).IsSymbol("("))
            {
                Next();
                var (name, span) = ParseColumnName();
                var after = Peek();
                if (StartsPredicate(after))
                {
                    throw Error(SqlSpan.Cover(first.Span, after.Span),
                        "NOT before a comparison is not supported; write the negated operator instead: col <> v, col NOT IN (…), col NOT LIKE '%x%', col IS NOT NULL (NOT col alone tests a boolean column for FALSE)");
                }
                CheckNoExpression("in " + clause, inWhere: true);
                into.Add(new SqlCondition(SqlSpan.Cover(first.Span, span), SqlConditionKind.Unary, new SqlColumnOperand(span, name)) { Operator = FilterOperator.IsFalse });
                return;
            }
            throw Error(first, "NOT is only supported before a boolean column (NOT is_active) or REGEXP_LIKE(…); negate comparisons with <>, NOT IN, NOT LIKE or IS NOT NULL");
        }
        if (first.Is("EXISTS"))
            throw Error(first, $"EXISTS (subqueries) is not supported in {clause}; run the inner query first and pass its result as parameters (col IN (@a, @b, …))");
        if (first.Is("REGEXP_LIKE") && Peek(1).IsSymbol("("))
        {
            into.Add(ParseRegexpLike(first, negated: false));
            return;
        }

        var left = ParseOperand(having);
        var condition = ParsePredicate(first, left, clause);
        if (condition is not null)
            into.Add(condition);
    }

    private static bool StartsPredicate(SqlToken token) =>
        token.Is("IS") || token.Is("IN") || token.Is("LIKE") || token.Is("ILIKE") || token.Is("BETWEEN") || token.Is("NOT")
        || token.Is("REGEXP") || token.Is("RLIKE") || (token.Kind == SqlTokenKind.Symbol && Array.IndexOf(s_comparisonSymbols, token.Text) >= 0);

    private SqlCondition ParseRegexpLike(SqlToken start, bool negated)
    {
        Next(); // REGEXP_LIKE
        Expect("(", "after REGEXP_LIKE");
        if (!IsColumnStart(Peek()))
            throw Error(Peek(), "REGEXP_LIKE takes a column first: REGEXP_LIKE(col, 'pattern')");
        var (name, span) = ParseColumnName();
        Expect(",", "after the column: REGEXP_LIKE(col, 'pattern')");
        var pattern = ParseValue("as the REGEXP_LIKE pattern");
        if (Peek().IsSymbol(","))
            throw Error(Peek(), "REGEXP_LIKE flags are not supported by the OWOX HTTP Data API; the pattern is matched as written (case-sensitivity is the warehouse's)");
        Expect(")", "to close REGEXP_LIKE(…)");
        return new SqlCondition(SqlSpan.Cover(start.Span, Previous.Span), SqlConditionKind.Compare, new SqlColumnOperand(span, name))
        {
            Operator = negated ? FilterOperator.NotRegex : FilterOperator.Regex,
            Value = pattern,
        };
    }

    private SqlOperand ParseOperand(bool having)
    {
        var clause = having ? "HAVING" : "WHERE";
        var token = Peek();
        if (token.Is("CURRENT_DATE") || token.Is("CURRENT_TIMESTAMP") || token.Is("NOW") || token.Is("GETDATE") || token.Is("SYSDATE"))
        {
            throw Error(token, $"{token.Text.ToUpperInvariant()} is not supported; use a relative-date preset (date IN TODAY, date IN LAST_N_DAYS(7), …) or pass the date as a parameter");
        }
        if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
        {
            if (s_aggregates.ContainsKey(token.Text))
            {
                if (!having)
                    throw Error(token, $"Aggregates are not allowed in WHERE ({token.Text.ToUpperInvariant()}(…)); move the condition to HAVING (and select the same aggregate)");
                var aggregate = ParseAggregateCall();
                CheckNoExpression("in HAVING", inWhere: true);
                return aggregate;
            }
            if (token.Is("DATE_TRUNC"))
                throw Error(token, $"DATE_TRUNC in {clause} is not supported; filter the column itself (date >= '2026-05-01' AND date < '2026-06-01') or use a relative-date preset (date IN THIS_MONTH)");
            throw RefuseFunction(token, inWhere: true);
        }
        if (token.Is("INTERVAL"))
            throw Error(token, "INTERVAL arithmetic is not supported; use a relative-date preset (date IN LAST_N_DAYS(7)) or pass the computed date as a parameter");
        if (token.Is("TRUE") || token.Is("FALSE") || token.Is("NULL") || token.Kind is SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter
            || token.IsSymbol("-") || ((token.Is("DATE") || token.Is("TIMESTAMP") || token.Is("DATETIME")) && Peek(1).Kind == SqlTokenKind.String))
        {
            return new SqlValueOperand(ParseValue("in " + clause));
        }
        if (IsColumnStart(token))
        {
            var (name, span) = ParseColumnName();
            CheckNoExpression("in " + clause, inWhere: true);
            return new SqlColumnOperand(span, name);
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
            throw Error(token, $"Expected a literal or a parameter {where}, found the column {token.Text}; the HTTP Data API compares a column with values only (no column-to-column comparisons) — pass the value as a parameter");
        }
        if (token.Kind == SqlTokenKind.Word && Peek(1).IsSymbol("("))
            throw RefuseFunction(token, inWhere: true);
        throw Error(token, $"Expected a literal or a parameter {where}, found {Describe(token)}");
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
        throw Error(token, $"The number {text} is out of range; pass it as a parameter of type decimal or double");
    }

    private SqlCondition? ParsePredicate(SqlToken first, SqlOperand left, string clause)
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
                    throw Error(SqlSpan.Cover(op.Span, what.Span),
                        $"IS NOT {what.Text.ToUpperInvariant()} also matches NULL, which needs OR and the OWOX HTTP Data API has none; write col = {(what.Is("TRUE") ? "FALSE" : "TRUE")} (non-NULL rows) or run a second query with col IS NULL");
                }
                unary = what.Is("TRUE") ? FilterOperator.IsTrue : FilterOperator.IsFalse;
            }
            else if (what.Is("DISTINCT"))
            {
                throw Error(what, "IS [NOT] DISTINCT FROM is not supported; write = or <> with a value (and IS NULL / IS NOT NULL for NULLs)");
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
                throw Error(SqlSpan.Cover(notToken.Span, op.Span),
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
                    throw Error(escapeToken, "ESCAPE takes a one-character string literal, e.g. ESCAPE '\\'");
                Next();
                escape = escapeToken.Text[0];
            }
            return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Like, subject) { Negated = not, Value = pattern, Escape = escape };
        }
        if (op.Is("ILIKE"))
        {
            throw Error(op, "ILIKE (case-insensitive LIKE) is not supported by the OWOX HTTP Data API: matching is literal and its case-sensitivity is the warehouse's; use LIKE, or REGEXP_LIKE(col, '[Aa]bc') for explicit case variants");
        }
        if (op.Is("SIMILAR") || op.Is("GLOB"))
            throw Error(op, $"{op.Text.ToUpperInvariant()} is not supported; use LIKE ('x%', '%x', '%x%') or REGEXP_LIKE(col, 'pattern')");
        if (op.Is("REGEXP") || op.Is("RLIKE"))
        {
            Next();
            var subject = RequireSubject(left, op.Text.ToUpperInvariant());
            var pattern = ParseValue("as the regular expression");
            return new SqlCondition(SqlSpan.Cover(first.Span, Previous.Span), SqlConditionKind.Compare, subject)
            {
                Operator = not ? FilterOperator.NotRegex : FilterOperator.Regex,
                Value = pattern,
            };
        }
        if (op.Kind == SqlTokenKind.Symbol && Array.IndexOf(s_comparisonSymbols, op.Text) >= 0)
        {
            Next();
            if (op.Text is "~*" or "!~*")
                throw Error(op, $"{op.Text} (case-insensitive regex) is not supported by the OWOX HTTP Data API; use {(op.Text == "~*" ? "~" : "!~")} with a pattern that lists the case variants ([Aa]bc)");
            var right = ParseOperand(clause == "HAVING");
            return Compare(first, left, op, right);
        }

        if (left is SqlColumnOperand column && EndsCondition(op))
            return new SqlCondition(column.Span, SqlConditionKind.Unary, column) { Operator = FilterOperator.IsTrue };
        if (left is SqlValueOperand && EndsCondition(op))
            throw Error(left.Span, $"A constant is not a condition; write a condition on a column (col = value) in {clause}");
        throw Unexpected(op, "expected a comparison (=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL, ~) after the column");
    }

    private static bool EndsCondition(SqlToken token) =>
        token.Kind == SqlTokenKind.End || token.IsSymbol(")") || token.IsSymbol(";") || token.Is("AND") || token.Is("OR")
        || token.Is("GROUP") || token.Is("HAVING") || token.Is("ORDER") || token.Is("LIMIT") || token.Is("OFFSET") || token.Is("FETCH");

    private SqlOperand RequireSubject(SqlOperand left, string construct)
    {
        if (left is SqlValueOperand)
            throw Error(left.Span, $"{construct} needs a column on its left; write col {construct} …");
        return left;
    }

    private SqlCondition? Compare(SqlToken first, SqlOperand left, SqlToken op, SqlOperand right)
    {
        var span = SqlSpan.Cover(first.Span, Previous.Span);
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
        var isRegex = oper is FilterOperator.Regex or FilterOperator.NotRegex;
        if (left is SqlValueOperand leftValue && right is SqlValueOperand rightValue)
            return ConstantComparison(span, leftValue.Value, oper, rightValue.Value);
        if (left is not SqlValueOperand && right is not SqlValueOperand)
        {
            if (right is SqlColumnOperand other && RelativeDatePresets.TryGet(other.Name, out var preset))
                throw Error(span, $"Relative dates are written with IN: col IN {preset.Spelling}{(preset.HasCount ? "(n)" : string.Empty)} (not {op.Text} {other.Name})");
            throw Error(span,
                "Comparing two columns (or aggregates) is not supported by the OWOX HTTP Data API: a filter compares one column with a value; read both columns and compare them in your code");
        }
        SqlOperand subject;
        SqlValue value;
        if (left is SqlValueOperand flipped)
        {
            if (isRegex)
                throw Error(span, $"The pattern of {op.Text} goes on the right: col {op.Text} 'pattern'");
            subject = right;
            value = flipped.Value;
            oper = oper switch
            {
                FilterOperator.Lt => FilterOperator.Gt,
                FilterOperator.Lte => FilterOperator.Gte,
                FilterOperator.Gt => FilterOperator.Lt,
                FilterOperator.Gte => FilterOperator.Lte,
                _ => oper,
            };
        }
        else
        {
            subject = left;
            value = ((SqlValueOperand)right).Value;
        }
        if (value.IsLiteral && value.Literal is null)
        {
            throw Error(span, oper == FilterOperator.Neq
                ? "<> NULL is never true in SQL; write IS NOT NULL"
                : $"{op.Text} NULL is never true in SQL; write IS NULL" + (oper == FilterOperator.Eq ? string.Empty : " / IS NOT NULL"));
        }
        return new SqlCondition(span, SqlConditionKind.Compare, subject) { Operator = oper, Value = value };
    }

    private SqlCondition? ConstantComparison(SqlSpan span, SqlValue left, FilterOperator op, SqlValue right)
    {
        if (left.IsLiteral && right.IsLiteral && left.Literal is not null && right.Literal is not null && op is FilterOperator.Eq or FilterOperator.Neq)
        {
            var equal = LiteralsEqual(left.Literal, right.Literal);
            if (equal is bool e)
            {
                if (e == (op == FilterOperator.Eq))
                    return null; // always true (WHERE 1 = 1 AND …): nothing to send
                throw Error(span, "This condition is always false, so the query could return no rows; remove the query (or the condition) instead of sending it");
            }
        }
        throw Error(span, "A comparison between two values (no column) is not supported; compare a column with a value");
    }

    private static bool? LiteralsEqual(object a, object b)
    {
        if (a is string sa && b is string sb)
            return string.Equals(sa, sb, StringComparison.Ordinal);
        if (a is bool ba && b is bool bb)
            return ba == bb;
        if (a is long or decimal && b is long or decimal)
            return Convert.ToDecimal(a, CultureInfo.InvariantCulture) == Convert.ToDecimal(b, CultureInfo.InvariantCulture);
        return null;
    }

    private SqlCondition? ParseIn(SqlToken first, SqlOperand subject, bool not)
    {
        var open = Peek();
        var condition = new SqlCondition(first.Span, SqlConditionKind.In, subject) { Operator = not ? FilterOperator.NotIn : FilterOperator.In };
        if (open.IsSymbol("("))
        {
            Next();
            if (Peek().Is("SELECT"))
            {
                if (TryReadEmptyListExpansion(out var parameter))
                {
                    var span = SqlSpan.Cover(first.Span, Previous.Span);
                    if (not)
                        return null; // NOT IN (empty) is true for every row, NULLs included: no filter
                    throw Error(span,
                        $"The IN list{(parameter is null ? string.Empty : " @" + parameter)} is empty (Dapper expanded an empty collection); an empty IN (…) never matches, so the query would return no rows — skip the query when the list is empty");
                }
                _pos--;
                throw Error(ParenthesisedSpan(), "Subqueries in IN (…) are not supported: the HTTP Data API runs a single query; run the inner query first and pass its values as parameters (col IN (@a, @b, …))");
            }
            if (Peek().IsSymbol(")"))
                throw Error(SqlSpan.Cover(first.Span, Peek().Span), "An empty IN () never matches; skip the query instead of sending it");
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
                throw Error(SqlSpan.Cover(first.Span, open.Span),
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
            throw Error(open, $"IN needs a parenthesised list (col IN ('a', 'b')), a list parameter (col IN @ids) or a relative-date preset ({RelativeDatePresets.SpellingList}); found {Describe(open)}");
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
                throw Error(value.Span,
                    "NULL inside IN (…) never matches in SQL (and makes NOT IN match nothing); remove it, and test NULLs with IS NULL in a separate query (the API has no OR)");
            }
            values.Add(value);
        }
        while (Accept(","));
    }

    /// <summary>Recognises Dapper's empty-list expansion <c>(SELECT @ids WHERE 1 = 0)</c> / <c>(select null where 1=0)</c>; the '(' is already read.</summary>
    private bool TryReadEmptyListExpansion(out string? parameter)
    {
        parameter = null;
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
        parameter = item.Kind == SqlTokenKind.NamedParameter ? item.Text : null;
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
                    throw Error(token, $"{clause} {token.Text}: a position must be a whole number from 1 to the number of SELECT items");
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
                    throw Error(token, $"Functions in {clause} ({token.Text}(…)) are not supported; {clause} a selected column, its alias or its position");
                }
            }
            else if (IsColumnStart(token))
            {
                var (name, span) = ParseColumnName();
                reference = new SqlReference(span) { Name = name };
            }
            else if (token.Kind is SqlTokenKind.NamedParameter or SqlTokenKind.PositionalParameter)
            {
                throw Error(token, $"Parameters in {clause} are not supported; name the column (choose the column in your code and build the text with a quoted name)");
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
                    throw Error(Peek(), "NULLS FIRST/LAST is not supported by the OWOX HTTP Data API; where NULLs sort is the warehouse's default");
            }
            if (Peek().Is("COLLATE"))
                throw Error(Peek(), $"COLLATE is not supported; {clause} uses the warehouse's collation");
            references.Add(reference);
        }
        while (Accept(","));
        return references;
    }
}
