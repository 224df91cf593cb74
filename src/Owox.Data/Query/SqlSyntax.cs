using System.Collections.Generic;

namespace Owox.Data.Query;

// The syntax tree of the SQL subset, as the parser reads it. Nothing here is bound to parameter values or to
// a data mart's schema yet; SelectPlanner checks the structure, ParsedCommand.Bind adds the values.

/// <summary>
/// A value in the command text: a literal (string, long, decimal, double, bool or null — a typed
/// <c>DATE '…'</c>/<c>TIMESTAMP '…'</c> literal is its string), a placeholder to be bound to a parameter, or the
/// current date or time (<see cref="Moment"/>, evaluated when the command runs).
/// </summary>
internal sealed class SqlValue
{
    private SqlValue(SqlSpan span, object? literal, string? parameterName, int ordinal, bool isLiteral, SqlMoment? moment = null)
    {
        Span = span;
        Literal = literal;
        ParameterName = parameterName;
        Ordinal = ordinal;
        IsLiteral = isLiteral;
        Moment = moment;
    }

    public SqlSpan Span { get; }

    public bool IsLiteral { get; }

    /// <summary>The literal's value when <see cref="IsLiteral"/>.</summary>
    public object? Literal { get; }

    /// <summary>The placeholder's name without prefix, or null for a positional <c>?</c>.</summary>
    public string? ParameterName { get; }

    /// <summary>The 0-based index of a positional <c>?</c>, else -1.</summary>
    public int Ordinal { get; }

    public static SqlValue FromLiteral(SqlSpan span, object? value) => new(span, value, null, -1, isLiteral: true);

    public static SqlValue Named(SqlSpan span, string name) => new(span, null, name, -1, isLiteral: false);

    public static SqlValue Positional(SqlSpan span, int ordinal) => new(span, null, null, ordinal, isLiteral: false);

    public static SqlValue Now(SqlSpan span, SqlMoment moment) => new(span, null, null, -1, isLiteral: false, moment);

    /// <summary><c>CURRENT_DATE</c>, <c>NOW()</c> … with any interval added, when this value is one; else null.</summary>
    public SqlMoment? Moment { get; }

    /// <summary>How an error message names this value: <c>parameter @x</c>, <c>parameter ?#2</c> or <c>the literal</c>.</summary>
    public string Describe() => IsLiteral
        ? "the literal"
        : Moment is not null ? "the current date or time"
        : ParameterName is not null ? "parameter @" + ParameterName : "positional parameter ?#" + (Ordinal + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One side of a condition: a column, an aggregate (HAVING only) or a value.</summary>
internal abstract class SqlOperand(SqlSpan span)
{
    public SqlSpan Span { get; } = span;
}

/// <summary>
/// A column reference; <see cref="Name"/> is the unquoted name (dotted parts joined by <c>.</c>), and
/// <see cref="Qualifier"/> the first part when there were several (<c>t.campaign</c>, <c>"mart id".campaign</c>), until
/// <see cref="SqlQualifiers"/> drops it (it names the FROM source or its alias) or puts it back into the name.
/// </summary>
internal sealed class SqlColumnOperand(SqlSpan span, string name, string? qualifier) : SqlOperand(span)
{
    public string Name { get; set; } = name;

    public string? Qualifier { get; set; } = qualifier;
}

/// <summary>A value operand.</summary>
internal sealed class SqlValueOperand(SqlValue value) : SqlOperand(value.Span)
{
    public SqlValue Value { get; } = value;
}

/// <summary>An aggregate call such as <c>SUM(revenue)</c> or <c>COUNT(*)</c> (<see cref="Column"/> null).</summary>
internal sealed class SqlAggregateOperand(SqlSpan span, AggregateFunction function, SqlColumnOperand? column, string naturalNameFormat) : SqlOperand(span)
{
    public AggregateFunction Function { get; } = function;

    /// <summary>The aggregated column, or null for <c>COUNT(*)</c>.</summary>
    public string? Column => ColumnName?.Name;

    /// <summary>The aggregated column as written (with its qualifier until the planner resolves it).</summary>
    public SqlColumnOperand? ColumnName { get; } = column;

    /// <summary>The call as a SQL user would name it, e.g. <c>SUM(revenue)</c>, <c>COUNT(DISTINCT user_id)</c> (the column without its qualifier).</summary>
    public string NaturalName => naturalNameFormat.Replace("{0}", Column);

    public bool IsRowCount => Column is null;
}

/// <summary>The kinds of item a SELECT list holds.</summary>
internal enum SqlSelectItemKind
{
    Column,
    Aggregate,
    DateTrunc,

    /// <summary>A literal, a parameter or the current date/time: only valid in a SELECT without FROM.</summary>
    Constant,
}

/// <summary>One item of the SELECT list with its optional alias.</summary>
internal sealed class SqlSelectItem
{
    public SqlSelectItem(SqlSpan span, SqlSelectItemKind kind, SqlColumnOperand? column, SqlAggregateOperand? aggregate, DateTruncUnit unit, string? timeZone)
    {
        Span = span;
        Kind = kind;
        ColumnName = column;
        Aggregate = aggregate;
        Unit = unit;
        TimeZone = timeZone;
    }

    public SqlSpan Span { get; set; }

    public SqlSelectItemKind Kind { get; }

    /// <summary>The source column (null for <c>COUNT(*)</c> and constants).</summary>
    public string? Column => ColumnName?.Name;

    /// <summary>The source column as written, or null.</summary>
    public SqlColumnOperand? ColumnName { get; }

    /// <summary>A <see cref="SqlSelectItemKind.Constant"/> item's value.</summary>
    public SqlValue? Value { get; init; }

    public SqlAggregateOperand? Aggregate { get; }

    public DateTruncUnit Unit { get; }

    public string? TimeZone { get; }

    public string? Alias { get; set; }
}

/// <summary>The shape of a WHERE/HAVING condition.</summary>
internal enum SqlConditionKind
{
    /// <summary><c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, …, <c>~</c>, <c>!~</c>, REGEXP_LIKE: <see cref="SqlCondition.Operator"/> and one value.</summary>
    Compare,
    Between,
    /// <summary><c>IN (…)</c> / <c>NOT IN (…)</c> or <c>IN @list</c>: <see cref="SqlCondition.Values"/>.</summary>
    In,
    /// <summary><c>[NOT] LIKE pattern [ESCAPE 'c']</c>.</summary>
    Like,
    /// <summary>A test with no value: IS [NOT] NULL, IS [NOT] EMPTY, bare boolean column, NOT column, = TRUE/FALSE.</summary>
    Unary,
    /// <summary><c>col IN LAST_N_DAYS(7)</c> and the other relative-date presets.</summary>
    RelativeDate,
    /// <summary>Two or more alternatives joined by OR: <see cref="SqlCondition.Branches"/>, each a conjunction.</summary>
    Or,
}

/// <summary>One conjunct of WHERE or HAVING.</summary>
internal sealed class SqlCondition
{
    public SqlCondition(SqlSpan span, SqlConditionKind kind, SqlOperand subject)
    {
        Span = span;
        Kind = kind;
        Subject = subject;
    }

    public SqlSpan Span { get; set; }

    public SqlConditionKind Kind { get; }

    /// <summary>
    /// The column or aggregate the condition tests; as parsed, a Compare's left side (which may be a value: the planner
    /// turns <c>value op column</c> around and folds <c>value op value</c>), and a Unary's value for <c>WHERE TRUE</c>.
    /// </summary>
    public SqlOperand Subject { get; }

    /// <summary>Compare as parsed: the right side (a column or a value), until the planner puts the column first.</summary>
    public SqlOperand? Right { get; init; }

    /// <summary>Compare: the operator as written (<c>=</c> → Eq …); Unary: the value-less operator; In: In/NotIn.</summary>
    public FilterOperator Operator { get; set; }

    /// <summary>Or: the alternatives, each a list of conditions joined by AND.</summary>
    public List<List<SqlCondition>> Branches { get; } = [];

    /// <summary>Like: NOT LIKE.</summary>
    public bool Negated { get; set; }

    /// <summary>Compare/Like: the value; RelativeDate: the count of the <c>_N_</c> presets (null otherwise).</summary>
    public SqlValue? Value { get; set; }

    /// <summary>Between: the upper bound (the lower one is <see cref="Value"/>).</summary>
    public SqlValue? UpperValue { get; set; }

    /// <summary>In: the listed values (a single placeholder may hold a list).</summary>
    public List<SqlValue> Values { get; } = [];

    /// <summary>Like: the ESCAPE character, if any.</summary>
    public char? Escape { get; set; }

    /// <summary>RelativeDate: the API's preset kind, e.g. <c>last_n_days</c>.</summary>
    public string? Preset { get; set; }
}

/// <summary>A reference in GROUP BY or ORDER BY: an ordinal, a name (column or alias), an aggregate or a DATE_TRUNC.</summary>
internal sealed class SqlReference(SqlSpan span)
{
    public SqlSpan Span { get; } = span;

    public int? Ordinal { get; init; }

    /// <summary>A column or alias name, or null.</summary>
    public string? Name => Column?.Name;

    /// <summary>The named column or alias as written (with its qualifier until the planner resolves it).</summary>
    public SqlColumnOperand? Column { get; init; }

    public SqlAggregateOperand? Aggregate { get; init; }

    public SqlSelectItem? DateTrunc { get; init; }

    public bool Descending { get; set; }
}

/// <summary>A parsed SELECT statement of the subset.</summary>
internal sealed class SqlSelect
{
    public bool Distinct { get; set; }

    public bool Star { get; set; }

    public SqlSpan StarSpan { get; set; }

    /// <summary>The qualifier of <c>t.*</c>, or null for a plain <c>*</c>.</summary>
    public string? StarQualifier { get; set; }

    public List<SqlSelectItem> Items { get; } = [];

    /// <summary>False for a SELECT of constants without FROM (<c>SELECT 1</c>).</summary>
    public bool HasFrom { get; set; }

    public string Source { get; set; } = string.Empty;

    public SqlSpan SourceSpan { get; set; }

    /// <summary>The table alias of <c>FROM x AS t</c> / <c>FROM x t</c>, or null.</summary>
    public string? Alias { get; set; }

    public List<SqlCondition> Where { get; } = [];

    public List<SqlReference>? GroupBy { get; set; }

    public SqlSpan GroupBySpan { get; set; }

    public List<SqlCondition> Having { get; } = [];

    public SqlSpan HavingSpan { get; set; }

    public List<SqlReference> OrderBy { get; } = [];

    /// <summary>The row cap from LIMIT, TOP or FETCH FIRST.</summary>
    public SqlValue? Limit { get; set; }

    /// <summary>The rows to skip, from OFFSET or MySQL's <c>LIMIT offset, count</c>.</summary>
    public SqlValue? Offset { get; set; }
}
