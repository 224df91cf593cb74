using System.Linq;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class RefusedConstructTests
{
    [Theory]
    [InlineData("SELECT * FROM m WHERE a = 1 OR b = 2", "OR is not supported", "AND-only", "one query per branch")]
    [InlineData("SELECT * FROM m WHERE (a = 1 OR b = 2)", "OR is not supported")]
    [InlineData("SELECT * FROM m WHERE NOT (a = 1)", "NOT (…)", "negate each condition")]
    [InlineData("SELECT * FROM m WHERE NOT a = 1", "NOT before a comparison", "<>")]
    [InlineData("SELECT * FROM m WHERE NOT a IN (1)", "NOT before a comparison", "NOT IN")]
    [InlineData("SELECT * FROM m WHERE a NOT BETWEEN 1 AND 2", "NOT BETWEEN", "two queries")]
    [InlineData("SELECT * FROM m WHERE a IS NOT TRUE", "IS NOT TRUE", "NULL")]
    [InlineData("SELECT * FROM m WHERE a IS DISTINCT FROM 1", "DISTINCT FROM")]
    [InlineData("SELECT * FROM m WHERE a = b", "Comparing two columns", "compare them in your code")]
    [InlineData("SELECT * FROM m WHERE d = TODAY", "written with IN", "IN TODAY")]
    [InlineData("SELECT * FROM m WHERE d >= last_n_days", "IN LAST_N_DAYS(n)")]
    [InlineData("SELECT * FROM m WHERE a > b + 1", "Expressions", "compute the value")]
    [InlineData("SELECT * FROM m WHERE a + 1 > 2", "Expressions")]
    [InlineData("SELECT * FROM m WHERE a = 5 + 1", "Expressions")]
    [InlineData("SELECT * FROM m WHERE a IN (1, @p * 2)", "Expressions")]
    [InlineData("SELECT * FROM m WHERE a = 'x' || 'y'", "Expressions")]
    [InlineData("SELECT * FROM m LIMIT 5 * 2", "Expressions")]
    [InlineData("SELECT * FROM m WHERE a::int = 1", "Casts")]
    [InlineData("SELECT * FROM m WHERE LOWER(a) = 'x'", "Functions in WHERE", "compare the column itself")]
    [InlineData("SELECT * FROM m WHERE DATE_TRUNC('MONTH', d) = '2026-01-01'", "DATE_TRUNC in WHERE", "THIS_MONTH")]
    [InlineData("SELECT * FROM m WHERE a IN (SELECT b FROM n)", "Subqueries in IN", "parameters")]
    [InlineData("SELECT * FROM m WHERE EXISTS (SELECT 1)", "EXISTS", "subqueries")]
    [InlineData("SELECT * FROM m WHERE a = (SELECT MAX(b) FROM n)", "Subqueries")]
    [InlineData("SELECT * FROM m WHERE @a < 2", "two values")]
    [InlineData("SELECT * FROM m WHERE @a = @b", "two values")]
    [InlineData("SELECT * FROM m WHERE 'x'", "constant is not a condition")]
    [InlineData("SELECT * FROM m WHERE a ~* 'x'", "case-insensitive regex")]
    [InlineData("SELECT * FROM m WHERE 'x' ~ a", "goes on the right")]
    [InlineData("SELECT * FROM m WHERE REGEXP_LIKE(a, 'x', 'i')", "flags")]
    [InlineData("SELECT * FROM m WHERE a ~ ''", "empty regular expression")]
    [InlineData("SELECT * FROM m WHERE a SIMILAR TO 'x'", "SIMILAR")]
    [InlineData("SELECT * FROM m WHERE a = CASE WHEN b THEN 1 END", "CASE")]
    [InlineData("SELECT * FROM m WHERE a IN 5", "parenthesised list")]
    [InlineData("SELECT * FROM m JOIN n ON m.a = n.a", "Joins are not supported", "blended")]
    [InlineData("SELECT * FROM m, n", "Joins are not supported")]
    [InlineData("SELECT * FROM m LEFT JOIN n ON 1 = 1", "Joins")]
    [InlineData("SELECT * FROM m t, n", "Joins")]
    [InlineData("SELECT * FROM (SELECT * FROM m)", "Subqueries in FROM")]
    [InlineData("SELECT * FROM m UNION SELECT * FROM n", "UNION", "separately")]
    [InlineData("SELECT * FROM m; SELECT * FROM n", "one statement")]
    [InlineData("SELECT * FROM m ORDER BY a WHERE a = 1", "out of place", "order")]
    [InlineData("SELECT 1 FROM m", "Constants", "SELECT list")]
    [InlineData("SELECT a + b FROM m", "Expressions", "SELECT list")]
    [InlineData("SELECT UPPER(a) FROM m", "function UPPER", "SELECT list")]
    [InlineData("SELECT CAST(a AS INT) FROM m", "CAST")]
    [InlineData("SELECT CASE WHEN a THEN 1 END FROM m", "CASE")]
    [InlineData("SELECT *, a FROM m", "SELECT * cannot be combined")]
    [InlineData("SELECT a, * FROM m", "SELECT * cannot be combined")]
    [InlineData("SELECT t.* FROM m", "does not name the data mart")]
    [InlineData("SELECT (SELECT 1) FROM m", "Subqueries")]
    [InlineData("SELECT a", "FROM <data mart")]
    [InlineData("SELECT a FROM", "Expected a data mart id")]
    [InlineData("SELECT a FROM WHERE", "keyword WHERE")]
    [InlineData("SELECT a FROM m-", "cannot end with")]
    [InlineData("SELECT from FROM m", "keyword FROM", "quote it")]
    [InlineData("SELECT a FROM m WHERE a = 'open", "Unterminated string literal")]
    [InlineData("SELECT \"a FROM m", "Unterminated quoted identifier")]
    [InlineData("SELECT [a FROM m", "Unterminated bracketed identifier")]
    [InlineData("SELECT a FROM m /* x", "Unterminated /* comment")]
    [InlineData("SELECT \"\" FROM m", "empty quoted identifier")]
    [InlineData("SELECT a FROM m WHERE a = #", "Unexpected character '#'")]
    [InlineData("SELECT a FROM m WHERE a = 1 XOR b = 2", "XOR")]
    [InlineData("SELECT a FROM m ORDER BY a COLLATE x", "COLLATE")]
    [InlineData("SELECT a FROM m TABLESAMPLE SYSTEM (10)", "TABLESAMPLE")]
    [InlineData("(SELECT a FROM m)", "parenthesised query")]
    public void Refusals_name_the_construct_and_the_alternative(string sql, params string[] words)
    {
        Mentions(Refused(sql), words);
    }

    [Fact]
    public void Messages_quote_the_fragment_with_its_position()
    {
        var error = Refused("SELECT * FROM m WHERE a = 1 OR b = 2");
        Assert.EndsWith("(at character 23: a = 1 OR b = 2)", error.Message);
        Assert.Equal(OwoxErrorCodes.SqlUnsupportedOr, error.Code);

        var atEnd = Refused("SELECT a FROM m WHERE");
        Assert.EndsWith("(at the end of the command text)", atEnd.Message);

        var long_ = Refused("SELECT * FROM m WHERE a = 1 AND b = (SELECT max(x) FROM some_really_long_table_name WHERE y = 1 AND z = 2)");
        Assert.Contains("(at character 37: (SELECT max(x)", long_.Message);
        Assert.EndsWith("…)", long_.Message);
    }

    [Fact]
    public void Bind_time_messages_point_at_the_placeholder()
    {
        var error = Refused("SELECT * FROM m WHERE a = 1 AND b = @nope");
        Assert.EndsWith("(at character 37: @nope)", error.Message);
    }

    [Fact]
    public void Multiline_fragments_are_flattened()
    {
        var error = Refused("SELECT *\nFROM m\nWHERE a = 1\nOR\nb = 2");
        Assert.DoesNotContain("\n", error.Message.Split("(at ").Last());
    }
}
