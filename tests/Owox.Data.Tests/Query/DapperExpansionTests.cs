using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Dapper;
using Owox.Data.Query;
using static Owox.Data.Tests.Query.Translate;

namespace Owox.Data.Tests.Query;

/// <summary>
/// Runs real Dapper against a connection that captures the command text and parameters Dapper produces,
/// then translates them: the list expansions tested here are Dapper's own, not a guess of them.
/// </summary>
public class DapperExpansionTests
{
    private static (string Text, List<OwoxParameter> Parameters) Capture(string sql, object parameters)
    {
        using var connection = new CapturingConnection();
        Assert.Throws<CapturedException>(() => connection.Query(sql, parameters));
        return (connection.LastText!, connection.LastParameters!);
    }

    private static DataMartQuery TranslateCaptured(string sql, object parameters)
    {
        var (text, captured) = Capture(sql, parameters);
        Assert.DoesNotContain(captured, p => p.Value is System.Collections.IEnumerable and not string);
        var parsed = CommandTextParser.Parse(text, CommandType.Text);
        return parsed.Bind(parsed.Source, captured, null, Translate.Now);
    }

    [Fact]
    public void In_list_expanded_by_dapper()
    {
        var query = TranslateCaptured("SELECT * FROM m WHERE region IN @ids AND clicks > @min", new { ids = new[] { "EU", "US", "APAC" }, min = 3 });
        AssertFilter("""[{"column":"region","operator":"in","value":["EU","US","APAC"]},{"column":"clicks","operator":"gt","value":3}]""", query);
    }

    [Fact]
    public void Parenthesised_in_list_expanded_by_dapper()
    {
        var query = TranslateCaptured("SELECT * FROM m WHERE clicks NOT IN (@ids)", new { ids = new List<long> { 1, 2 } });
        AssertFilter("""[{"column":"clicks","operator":"not_in","value":[1,2]}]""", query);
    }

    [Fact]
    public void Empty_in_list_expanded_by_dapper_returns_no_rows()
    {
        var (text, captured) = Capture("SELECT * FROM m WHERE region IN @ids", new { ids = Array.Empty<string>() });
        Assert.Contains("(SELECT @ids WHERE 1 = 0)", text, StringComparison.OrdinalIgnoreCase);
        Assert.True(CommandTextParser.Parse(text, CommandType.Text).Bind("m", captured, null, Translate.Now).ReturnsNoRows);
    }

    [Fact]
    public void Empty_not_in_list_expanded_by_dapper_drops_the_condition()
    {
        var query = TranslateCaptured("SELECT * FROM m WHERE region NOT IN @ids AND clicks = @n", new { ids = Array.Empty<string>(), n = 1 });
        AssertFilter("""[{"column":"clicks","operator":"eq","value":1}]""", query);
    }

    [Fact]
    public void Dapper_enums_dates_and_limits()
    {
        var query = TranslateCaptured("SELECT TOP @top region FROM m WHERE day >= @from AND kind = @kind",
            new { top = 5, from = new DateTime(2026, 5, 1), kind = DayOfWeek.Monday });
        AssertFilter("""[{"column":"day","operator":"gte","value":"2026-05-01"},{"column":"kind","operator":"eq","value":1}]""", query);
        Assert.Equal(5, query.Limit);
    }

    private sealed class CapturedException : Exception
    {
    }

    private sealed class CapturingConnection : DbConnection
    {
        private ConnectionState _state = ConnectionState.Closed;

        public string? LastText { get; set; }

        public List<OwoxParameter>? LastParameters { get; set; }

        [AllowNull]
        public override string ConnectionString { get; set; } = string.Empty;

        public override string Database => "capture";

        public override string DataSource => "capture";

        public override string ServerVersion => "1";

        public override ConnectionState State => _state;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Close() => _state = ConnectionState.Closed;

        public override void Open() => _state = ConnectionState.Open;

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();

        protected override DbCommand CreateDbCommand() => new CapturingCommand(this);
    }

    private sealed class CapturingCommand(CapturingConnection owner) : DbCommand
    {
        private readonly OwoxParameterCollection _parameters = new();

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery() => throw new NotSupportedException();

        public override object ExecuteScalar() => throw new NotSupportedException();

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new OwoxParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            owner.LastText = CommandText;
            owner.LastParameters = _parameters.Items.ToList();
            throw new CapturedException();
        }
    }
}
