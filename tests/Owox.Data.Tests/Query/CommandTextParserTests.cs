using System.Data;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

public class CommandTextParserTests
{
    [Theory]
    [InlineData("0b0e2f6c-7d1a-4c3e-9f00-1234567890ab", "0b0e2f6c-7d1a-4c3e-9f00-1234567890ab")]
    [InlineData("  legacy_mart.v2 ;", "legacy_mart.v2")]
    [InlineData("\"my mart\"", "my mart")]
    [InlineData("[a]]b]", "a]b")]
    [InlineData("select-1", "select-1")]
    [InlineData("selection", "selection")]
    public void Bare_id_streams_every_column(string text, string id)
    {
        var parsed = CommandTextParser.Parse(text, CommandType.Text);
        Assert.Equal(QueryTarget.DataMart, parsed.Target);
        Assert.False(parsed.IsSql);
        Assert.Equal(id, parsed.Source);
        var query = parsed.Bind(parsed.Source, [], null, Translate.Now);
        Assert.Equal("api/external/http-data/data-marts/" + System.Uri.EscapeDataString(id) + ".ndjson", QueryStringEncoder.Encode(query));
        Assert.Null(query.Projection);
    }

    [Fact]
    public void TableDirect_text_is_the_id_as_written()
    {
        var parsed = CommandTextParser.Parse(" SELECT-looking id ", CommandType.TableDirect);
        Assert.Equal("SELECT-looking id", parsed.Source);
        Assert.False(parsed.IsSql);
        Assert.True(parsed.SelectsAllColumns);
    }

    [Fact]
    public void Report_streams_the_report_endpoint()
    {
        var parsed = CommandTextParser.Parse("report:5f1c9a2e-0000-4000-8000-00000000abcd", CommandType.Text);
        Assert.Equal(QueryTarget.Report, parsed.Target);
        Assert.Equal("5f1c9a2e-0000-4000-8000-00000000abcd", parsed.Source);
        var query = parsed.Bind(parsed.Source, [], null, Translate.Now);
        Assert.Equal("api/external/http-data/reports/5f1c9a2e-0000-4000-8000-00000000abcd.ndjson", QueryStringEncoder.Encode(query));
    }

    [Fact]
    public void Report_accepts_a_limit_literal_or_parameter()
    {
        var parsed = CommandTextParser.Parse("REPORT: r1 limit 10;", CommandType.Text);
        Assert.Equal("r1", parsed.Source);
        Assert.Equal("api/external/http-data/reports/r1.ndjson?limit=10", QueryStringEncoder.Encode(parsed.Bind("r1", [], null, Translate.Now)));

        var withParameter = CommandTextParser.Parse("report:r1 LIMIT @n", CommandType.Text);
        Assert.Equal(25, withParameter.Bind("r1", [P("n", 25)], null, Translate.Now).Limit);
    }

    [Theory]
    [InlineData("report:r1 WHERE a = 1")]
    [InlineData("report:r1 ORDER BY a")]
    [InlineData("report:r1 LIMIT 5 OFFSET 2")]
    public void Report_refuses_anything_but_limit(string text)
    {
        var error = Assert.Throws<OwoxException>(() => CommandTextParser.Parse(text, CommandType.Text));
        Mentions(error, "only LIMIT", "report");
    }

    [Fact]
    public void Report_without_id_is_refused()
    {
        var error = Assert.Throws<OwoxException>(() => CommandTextParser.Parse("report:", CommandType.Text));
        Mentions(error, "report id");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_refused(string text)
    {
        var error = Assert.Throws<OwoxException>(() => CommandTextParser.Parse(text, CommandType.Text));
        Mentions(error, "empty", "SELECT");
    }

    [Fact]
    public void StoredProcedure_names_a_data_mart_or_a_report_as_dapper_infers_it()
    {
        var mart = CommandTextParser.Parse("\"sales\"", CommandType.StoredProcedure);
        Assert.Equal((QueryTarget.DataMart, "sales", false), (mart.Target, mart.Source, mart.IsSql));
        var report = CommandTextParser.Parse("report:r1", CommandType.StoredProcedure);
        Assert.Equal((QueryTarget.Report, "r1"), (report.Target, report.Source));
        var error = Assert.Throws<OwoxException>(() => CommandTextParser.Parse("SELECT * FROM m", CommandType.StoredProcedure));
        Mentions(error, "StoredProcedure", "CommandType.Text");
        Assert.Equal(OwoxErrorCodes.SqlUnsupportedStatement, error.Code);
    }

    [Theory]
    [InlineData("INSERT INTO m VALUES (1)", "INSERT", "read-only")]
    [InlineData("update m set a = 1", "UPDATE", "read-only")]
    [InlineData("DELETE FROM m", "DELETE", "read-only")]
    [InlineData("WITH x AS (SELECT * FROM m) SELECT * FROM x", "WITH", "single SELECT")]
    [InlineData("hello world", "neither", "SELECT")]
    public void Other_statements_are_refused(string text, string word1, string word2)
    {
        var error = Assert.Throws<OwoxException>(() => CommandTextParser.Parse(text, CommandType.Text));
        Mentions(error, word1, word2);
    }

    [Fact]
    public void Sql_source_is_the_from_target_unquoted()
    {
        var byId = CommandTextParser.Parse("SELECT * FROM 7f1c9a2e-1b2c-4d5e-8f90-0a1b2c3d4e5f", CommandType.Text);
        Assert.True(byId.IsSql);
        Assert.Equal("7f1c9a2e-1b2c-4d5e-8f90-0a1b2c3d4e5f", byId.Source);

        var byTitle = CommandTextParser.Parse("select * from \"Sales, by day\"", CommandType.Text);
        Assert.Equal("Sales, by day", byTitle.Source);

        var bracketed = CommandTextParser.Parse("select * from [Sales [EU]]]", CommandType.Text);
        Assert.Equal("Sales [EU]", bracketed.Source);

        var backticks = CommandTextParser.Parse("select * from `Sales`", CommandType.Text);
        Assert.Equal("Sales", backticks.Source);

        Assert.Equal(QueryTarget.DataMart, byId.Target);
    }

    [Fact]
    public void Parsed_command_binds_again_with_other_values()
    {
        var parsed = CommandTextParser.Parse("SELECT region FROM m WHERE clicks > @min", CommandType.Text);
        AssertFilter("""[{"column":"clicks","operator":"gt","value":1}]""", parsed.Bind("m", [P("@min", 1)], null, Translate.Now));
        AssertFilter("""[{"column":"clicks","operator":"gt","value":2}]""", parsed.Bind("m", [P("@min", 2)], null, Translate.Now));
    }

    [Fact]
    public void Bind_uses_the_resolved_id()
    {
        var parsed = CommandTextParser.Parse("SELECT * FROM \"My Mart\"", CommandType.Text);
        var query = parsed.Bind("abc-123", [], null, Translate.Now);
        Assert.Equal("abc-123", query.Id);
        Assert.Equal("api/external/http-data/data-marts/abc-123.ndjson", QueryStringEncoder.Encode(query));
    }
}
