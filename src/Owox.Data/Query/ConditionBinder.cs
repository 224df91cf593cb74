using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Owox.Data.Query;

/// <summary>
/// Binds the values of planned WHERE/HAVING conditions (literals and parameters) and turns each into a
/// <see cref="FilterRule"/>, typed by the column's storage type from the catalog: LIKE patterns become
/// starts_with/ends_with/contains, comparisons with booleans become is_true/is_false, IN lists are checked
/// for homogeneity and the 500-value cap, relative-date counts for 1..3650. The current date or time is evaluated at
/// <c>utcNow</c>: an equality or range on a DATE column that a relative-date preset means exactly (<c>= CURRENT_DATE</c>,
/// <c>BETWEEN CURRENT_DATE - 6 AND CURRENT_DATE</c>) is sent as that preset, anything else as a literal.
/// </summary>
internal sealed class ConditionBinder
{
    /// <summary>The server's cap on the values of one <c>in</c>/<c>not_in</c> rule.</summary>
    public const int MaxInListValues = 500;

    private readonly string _text;
    private readonly IReadOnlyList<OwoxParameter> _parameters;
    private readonly IColumnCatalog? _catalog;
    private readonly DateTime _utcNow;

    public ConditionBinder(string text, IReadOnlyList<OwoxParameter> parameters, IColumnCatalog? catalog, DateTime utcNow)
    {
        _text = text;
        _parameters = parameters;
        _catalog = catalog;
        _utcNow = utcNow;
    }

    /// <summary>Set once a bound condition can match no row (an empty IN list from a parameter, NOT LIKE '%').</summary>
    public bool NeverMatches { get; private set; }

    private OwoxException Error(SqlSpan span, string code, string message) => SqlErrors.At(_text, span, code, message);

    /// <summary>The normalised value of a literal or placeholder (see <see cref="BoundValues"/>).</summary>
    public object? Resolve(SqlValue value)
    {
        if (value.IsLiteral)
            return value.Literal;
        if (value.Moment is { } moment)
            return ResolveMoment(value, moment);
        OwoxParameter? parameter = null;
        if (value.ParameterName is { } name)
        {
            foreach (var candidate in _parameters)
            {
                if (string.Equals(candidate.NormalizedName, name, StringComparison.OrdinalIgnoreCase))
                {
                    parameter = candidate;
                    break;
                }
            }
            if (parameter is null)
            {
                throw Error(value.Span, OwoxErrorCodes.SqlParameter,
                    $"No parameter named @{name} was supplied; add it to the command's Parameters (command.Parameters.AddWithValue(\"@{name}\", value)) or pass it in the Dapper parameter object");
            }
        }
        else
        {
            if (value.Ordinal >= _parameters.Count)
            {
                throw Error(value.Span, OwoxErrorCodes.SqlParameter,
                    $"The command text has a ? placeholder #{value.Ordinal + 1} but only {_parameters.Count} parameter(s) were supplied; positional parameters are bound in order — add one per ?");
            }
            parameter = _parameters[value.Ordinal];
        }
        return BoundValues.FromParameter(parameter, problem => Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"The value of {value.Describe()} {problem}"));
    }

    private object ResolveMoment(SqlValue value, SqlMoment moment)
    {
        DateTime at;
        try
        {
            at = moment.At(_utcNow);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"The date {_text.Substring(value.Span.Start, value.Span.Length)} falls outside the calendar (years 1–9999)");
        }
        return moment.HasTime ? new DateTimeValue(DateTime.SpecifyKind(at, DateTimeKind.Utc), IsInstant: true) : new DateValue(at);
    }

    /// <summary>The LIMIT/TOP row count: an integer from 0 (no rows) to <see cref="int.MaxValue"/>.</summary>
    public int BindLimit(SqlValue value) => BindCount(value, "row count", "LIMIT");

    /// <summary>The OFFSET: an integer from 0 to <see cref="int.MaxValue"/>.</summary>
    public int BindOffset(SqlValue value) => BindCount(value, "OFFSET", "OFFSET");

    private int BindCount(SqlValue value, string what, string clause)
    {
        var resolved = Resolve(value);
        long? count = resolved switch
        {
            long l => l,
            decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue => (long)m,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
            _ => null,
        };
        if (count is null)
            throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"The {what} must be a whole number, but {value.Describe()} is {BoundValues.Show(resolved)}");
        if (count < 0)
            throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"The {what} must not be negative, but {value.Describe()} is {count}");
        if (count > int.MaxValue)
            throw Error(value.Span, OwoxErrorCodes.SqlUnsupportedPaging, $"The {what} {count} is too large; the largest supported {clause} is {int.MaxValue}");
        return (int)count.Value;
    }

    /// <summary>The filter rule of <paramref name="planned"/>, or null when the condition is always true (NOT IN an empty list).</summary>
    public FilterRule? Bind(PlannedCondition planned)
    {
        var rule = RelativeDateOf(planned) ?? BindRule(planned);
        if (rule is not null && rule.Function is null)
            CheckOperatorLegality(planned.Condition, rule);
        return rule;
    }

    /// <summary>
    /// Refuses, before sending, what the server would refuse with INVALID_OPERATOR_FOR_TYPE (wire-protocol §3.3.1) when the
    /// catalog knows the column's type: e.g. LIKE on a number, &lt; on a string, a range on a boolean.
    /// </summary>
    private void CheckOperatorLegality(SqlCondition condition, FilterRule rule)
    {
        var category = ColumnTypeCategories.Of(_catalog, rule.Column);
        if (category == ColumnTypeCategory.Unknown || IsAllowed(category, rule.Operator))
            return;
        var allowed = category switch
        {
            ColumnTypeCategory.String => "=, <>, IN, NOT IN, LIKE, NOT LIKE '%x%', regex, IS [NOT] EMPTY, IS [NOT] NULL",
            ColumnTypeCategory.Number => "=, <>, <, <=, >, >=, BETWEEN, IN, NOT IN, IS [NOT] NULL",
            ColumnTypeCategory.Date or ColumnTypeCategory.Timestamp => "=, <>, <, <=, >, >=, BETWEEN, IN, NOT IN, relative-date presets, IS [NOT] NULL",
            ColumnTypeCategory.Time => "=, <>, <, <=, >, >=, BETWEEN, IN, NOT IN, IS [NOT] NULL",
            ColumnTypeCategory.Boolean => "col, NOT col, = TRUE/FALSE, IS [NOT] NULL",
            _ => "IS NULL and IS NOT NULL",
        };
        throw Error(condition.Span, OwoxErrorCodes.SqlOperatorNotAllowed,
            $"The API does not allow the '{rule.Operator.ToWire()}' test on {rule.Column} (a column of type {_catalog!.StorageTypeOf(rule.Column)}); on {BoundValues.CategoryName(category)} columns it allows only {allowed}");
    }

    private static bool IsAllowed(ColumnTypeCategory category, FilterOperator op)
    {
        if (op is FilterOperator.IsNull or FilterOperator.IsNotNull)
            return true;
        return category switch
        {
            ColumnTypeCategory.String => op is FilterOperator.Eq or FilterOperator.Neq or FilterOperator.Contains or FilterOperator.NotContains
                or FilterOperator.StartsWith or FilterOperator.EndsWith or FilterOperator.In or FilterOperator.NotIn
                or FilterOperator.IsEmpty or FilterOperator.IsNotEmpty or FilterOperator.Regex or FilterOperator.NotRegex,
            ColumnTypeCategory.Number => op is FilterOperator.Eq or FilterOperator.Neq or FilterOperator.Gt or FilterOperator.Lt
                or FilterOperator.Gte or FilterOperator.Lte or FilterOperator.Between or FilterOperator.In or FilterOperator.NotIn,
            ColumnTypeCategory.Date or ColumnTypeCategory.Timestamp => op is FilterOperator.Eq or FilterOperator.Neq or FilterOperator.Gt
                or FilterOperator.Lt or FilterOperator.Gte or FilterOperator.Lte or FilterOperator.Between or FilterOperator.In
                or FilterOperator.NotIn or FilterOperator.RelativeDate,
            ColumnTypeCategory.Time => op is FilterOperator.Eq or FilterOperator.Neq or FilterOperator.Gt or FilterOperator.Lt
                or FilterOperator.Gte or FilterOperator.Lte or FilterOperator.Between or FilterOperator.In or FilterOperator.NotIn,
            ColumnTypeCategory.Boolean => op is FilterOperator.IsTrue or FilterOperator.IsFalse,
            _ => false,
        };
    }

    /// <summary>
    /// The relative-date preset that means exactly what a condition on a DATE column with the current date says:
    /// <c>= CURRENT_DATE</c> (today), <c>= CURRENT_DATE - 1</c> (yesterday), <c>BETWEEN CURRENT_DATE - (n - 1) AND
    /// CURRENT_DATE</c> (last_n_days n), <c>BETWEEN CURRENT_DATE AND CURRENT_DATE + (n - 1)</c> (next_n_days n); else null.
    /// </summary>
    private FilterRule? RelativeDateOf(PlannedCondition planned)
    {
        var condition = planned.Condition;
        if (planned.Function is not null || ColumnTypeCategories.Of(_catalog, planned.Column) != ColumnTypeCategory.Date)
            return null;
        var low = condition.Value?.Moment?.DayOffset;
        if (condition.Kind == SqlConditionKind.Compare && condition.Operator == FilterOperator.Eq && low is 0 or -1)
            return new FilterRule(planned.Column, FilterOperator.RelativeDate, FilterValue.RelativeDate(low == 0 ? "today" : "yesterday", null), null);
        if (condition.Kind != SqlConditionKind.Between || low is null || condition.UpperValue?.Moment?.DayOffset is not long high)
            return null;
        var days = high - low.Value + 1;
        if (days is < RelativeDatePresets.MinCount or > RelativeDatePresets.MaxCount)
            return null;
        if (high == 0)
            return new FilterRule(planned.Column, FilterOperator.RelativeDate, FilterValue.RelativeDate("last_n_days", (int)days), null);
        if (low == 0)
            return new FilterRule(planned.Column, FilterOperator.RelativeDate, FilterValue.RelativeDate("next_n_days", (int)days), null);
        return null;
    }

    private FilterRule? BindRule(PlannedCondition planned)
    {
        var condition = planned.Condition;
        var column = planned.Column;
        var function = planned.Function;
        var category = EffectiveCategory(column, function);
        var subject = function is AggregateFunction f ? f.ToWire() + "(" + column + ")" : column;
        switch (condition.Kind)
        {
            case SqlConditionKind.Unary:
                if (condition.Operator is FilterOperator.IsTrue or FilterOperator.IsFalse
                    && category is not (ColumnTypeCategory.Boolean or ColumnTypeCategory.Unknown))
                {
                    throw Error(condition.Span, OwoxErrorCodes.SqlOperatorNotAllowed,
                        $"{subject} is a {BoundValues.CategoryName(category)} column, not a boolean; a bare column, NOT col and IS TRUE/FALSE only test BOOLEAN columns — write a comparison (col = value)");
                }
                return new FilterRule(column, condition.Operator, null, function);
            case SqlConditionKind.Compare:
                return BindCompare(condition, column, function, category, subject);
            case SqlConditionKind.Between:
                return BindBetween(condition, column, function, category, subject);
            case SqlConditionKind.In:
                return BindIn(condition, column, function, category, subject);
            case SqlConditionKind.Like:
                return BindLike(condition, column, function, subject);
            default:
                return BindRelativeDate(condition, column, function);
        }
    }

    private ColumnTypeCategory EffectiveCategory(string column, AggregateFunction? function) => function switch
    {
        AggregateFunction.Count or AggregateFunction.CountDistinct or AggregateFunction.Avg
            or AggregateFunction.P25 or AggregateFunction.P50 or AggregateFunction.P75 or AggregateFunction.P95 => ColumnTypeCategory.Number,
        AggregateFunction.StringAgg => ColumnTypeCategory.String,
        _ => ColumnTypeCategories.Of(_catalog, column),
    };

    private Func<string, OwoxException> ValueError(SqlValue value) =>
        problem => Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"The value of {value.Describe()} {problem}");

    private object RequireScalar(SqlValue value, string construct)
    {
        var resolved = Resolve(value);
        if (resolved is null)
        {
            throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, construct == "="
                ? $"The value of {value.Describe()} is NULL, and = NULL is never true in SQL; write IS NULL (or IS NOT NULL) instead"
                : $"The value of {value.Describe()} is NULL, which {construct} cannot compare with; write IS NULL / IS NOT NULL, or pass a value");
        }
        if (resolved is List<object?>)
            throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"The value of {value.Describe()} is a list; a list is only allowed as an IN list (col IN @ids)");
        return resolved;
    }

    private FilterRule BindCompare(SqlCondition condition, string column, AggregateFunction? function, ColumnTypeCategory category, string subject)
    {
        var value = condition.Value!;
        var op = condition.Operator;
        var symbol = op switch
        {
            FilterOperator.Eq => "=",
            FilterOperator.Neq => "<>",
            FilterOperator.Regex => "~",
            FilterOperator.NotRegex => "!~",
            _ => "comparison",
        };
        var resolved = RequireScalar(value, op is FilterOperator.Eq or FilterOperator.Neq ? "=" : symbol);
        if (op is FilterOperator.Regex or FilterOperator.NotRegex)
        {
            if (resolved is not string pattern)
                throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"A regular expression must be a string, but {value.Describe()} is {BoundValues.Show(resolved)}");
            if (pattern.Length == 0)
                throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, "An empty regular expression matches everything; remove the condition");
            return new FilterRule(column, op, FilterValue.String(pattern), function);
        }

        var truth = AsBoolean(resolved, category);
        if (truth is bool b && category is ColumnTypeCategory.Boolean or ColumnTypeCategory.Unknown)
        {
            if (op is FilterOperator.Eq or FilterOperator.Neq)
                return new FilterRule(column, b == (op == FilterOperator.Eq) ? FilterOperator.IsTrue : FilterOperator.IsFalse, null, function);
            throw Error(condition.Span, OwoxErrorCodes.SqlOperatorNotAllowed, $"Booleans cannot be ordered (<, >); write {subject} = TRUE or {subject} = FALSE");
        }
        if (category == ColumnTypeCategory.Boolean)
            throw Error(value.Span, OwoxErrorCodes.SqlOperatorNotAllowed, $"{subject} is a BOOLEAN column; compare it with TRUE or FALSE (or a bool parameter), not {BoundValues.Show(resolved)}");
        return new FilterRule(column, op, BoundValues.ToFilterValue(resolved, category, subject, ValueError(value)), function);
    }

    /// <summary>The truth value for a boolean comparison: a bool, or for BOOLEAN columns also 1/0 and 'true'/'false'.</summary>
    private static bool? AsBoolean(object value, ColumnTypeCategory category)
    {
        if (value is bool b)
            return b;
        if (category != ColumnTypeCategory.Boolean)
            return null;
        return value switch
        {
            long l when l is 0 or 1 => l == 1,
            string s when string.Equals(s, "true", StringComparison.OrdinalIgnoreCase) => true,
            string s when string.Equals(s, "false", StringComparison.OrdinalIgnoreCase) => false,
            _ => null,
        };
    }

    private FilterRule BindBetween(SqlCondition condition, string column, AggregateFunction? function, ColumnTypeCategory category, string subject)
    {
        var low = condition.Value!;
        var high = condition.UpperValue!;
        var lowValue = RequireScalar(low, "BETWEEN");
        var highValue = RequireScalar(high, "BETWEEN");
        if (lowValue is bool || highValue is bool)
            throw Error(condition.Span, OwoxErrorCodes.SqlInvalidValue, "BETWEEN cannot take booleans; write col = TRUE / col = FALSE");
        var from = BoundValues.ToFilterValue(lowValue, category, subject, ValueError(low));
        var to = BoundValues.ToFilterValue(highValue, category, subject, ValueError(high));
        if ((from.Scalar is string) != (to.Scalar is string))
        {
            throw Error(condition.Span, OwoxErrorCodes.SqlInvalidValue,
                $"The BETWEEN bounds must both be numbers or both be strings/dates (the API requires the same type), but they are {BoundValues.Show(from.Scalar)} and {BoundValues.Show(to.Scalar)}");
        }
        return new FilterRule(column, FilterOperator.Between, FilterValue.Range(from, to), function);
    }

    private FilterRule? BindIn(SqlCondition condition, string column, AggregateFunction? function, ColumnTypeCategory category, string subject)
    {
        var items = new List<FilterValue>();
        var negated = condition.Operator == FilterOperator.NotIn;
        var construct = negated ? "NOT IN" : "IN";
        foreach (var value in condition.Values)
        {
            var resolved = Resolve(value);
            if (resolved is List<object?> list)
            {
                foreach (var element in list)
                    items.Add(InItem(element, value, category, subject, construct));
            }
            else
            {
                items.Add(InItem(resolved, value, category, subject, construct));
            }
        }
        if (items.Count == 0)
        {
            // NOT IN (nothing) holds for every row, NULLs included; IN (nothing) for none.
            NeverMatches |= !negated;
            return null;
        }
        if (items.Count > MaxInListValues)
        {
            throw Error(condition.Span, OwoxErrorCodes.SqlInvalidValue,
                $"The {construct} list has {items.Count} values, but the OWOX HTTP Data API accepts at most {MaxInListValues} per list; split the values across several queries (at most {MaxInListValues} each) and combine the rows, or filter on a range (BETWEEN) instead");
        }
        var strings = 0;
        foreach (var item in items)
        {
            if (item.Scalar is string)
                strings++;
        }
        if (strings != 0 && strings != items.Count)
        {
            throw Error(condition.Span, OwoxErrorCodes.SqlInvalidValue,
                $"The {construct} list mixes numbers and strings, which the API refuses; write all values the same way (all quoted or all numbers) — {subject} then compares with that type");
        }
        return new FilterRule(column, negated ? FilterOperator.NotIn : FilterOperator.In, FilterValue.List(items), function);
    }

    private FilterValue InItem(object? element, SqlValue origin, ColumnTypeCategory category, string subject, string construct)
    {
        if (element is null)
        {
            throw Error(origin.Span, OwoxErrorCodes.SqlInvalidValue,
                $"{origin.Describe()} puts NULL into the {construct} list; NULL never matches in an IN list (and makes NOT IN match nothing) — remove it, and test NULLs with IS NULL in a separate query (the API has no OR)");
        }
        if (element is bool)
            throw Error(origin.Span, OwoxErrorCodes.SqlInvalidValue, $"Booleans are not allowed in an {construct} list (the API refuses them); write {subject} = TRUE or {subject} = FALSE");
        return BoundValues.ToFilterValue(element, category, subject, ValueError(origin));
    }

    private FilterRule? BindLike(SqlCondition condition, string column, AggregateFunction? function, string subject)
    {
        var value = condition.Value!;
        var resolved = RequireScalar(value, "LIKE");
        if (resolved is not string pattern)
            throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue, $"A LIKE pattern must be a string, but {value.Describe()} is {BoundValues.Show(resolved)}");
        var parts = SplitLikePattern(pattern, condition.Escape, value);
        var not = condition.Negated;
        var keyword = not ? "NOT LIKE" : "LIKE";
        var literals = parts.FindAll(p => p is not null);
        var leading = parts.Count > 0 && parts[0] is null;
        var trailing = parts.Count > 0 && parts[parts.Count - 1] is null;
        if (literals.Count == 0)
        {
            if (parts.Count == 0)
            {
                return new FilterRule(column, not ? FilterOperator.Neq : FilterOperator.Eq, FilterValue.String(string.Empty), function);
            }
            if (!not)
                return new FilterRule(column, FilterOperator.IsNotNull, null, function);
            NeverMatches = true; // every non-NULL value is LIKE '%', and NULL is never LIKE anything
            return null;
        }
        if (literals.Count == 1)
        {
            var text = literals[0]!;
            FilterOperator? op = (leading, trailing, not) switch
            {
                (false, false, false) => FilterOperator.Eq,
                (false, false, true) => FilterOperator.Neq,
                (false, true, false) => FilterOperator.StartsWith,
                (true, false, false) => FilterOperator.EndsWith,
                (true, true, false) => FilterOperator.Contains,
                (true, true, true) => FilterOperator.NotContains,
                _ => null,
            };
            if (op is FilterOperator found)
                return new FilterRule(column, found, FilterValue.String(text), function);
            var kind = leading ? "ends-with" : "starts-with";
            throw Error(condition.Span, OwoxErrorCodes.SqlUnsupportedPattern,
                $"{keyword} with a {kind} pattern cannot be expressed (the API has not_contains but no negated {kind}); write {subject} !~ '{RegexFor(parts)}' (NOT REGEXP_LIKE) instead");
        }
        throw Error(condition.Span, OwoxErrorCodes.SqlUnsupportedPattern,
            $"{keyword} '{pattern}' has a % inside the pattern, which the API cannot express (it matches prefixes, suffixes and substrings literally); write {(not ? "NOT " : string.Empty)}REGEXP_LIKE({subject}, '{RegexFor(parts)}') instead");
    }

    /// <summary>Splits a LIKE pattern into literal parts and % wildcards (null); '_' is refused, ESCAPE is honoured.</summary>
    private List<string?> SplitLikePattern(string pattern, char? escape, SqlValue origin)
    {
        var parts = new List<string?>();
        var literal = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape is char e && c == e)
            {
                if (i + 1 >= pattern.Length)
                    throw Error(origin.Span, OwoxErrorCodes.SqlInvalidValue, $"The LIKE pattern ends with its escape character '{e}'; escape a character after it or remove it");
                literal.Append(pattern[++i]);
            }
            else if (c == '%')
            {
                if (literal.Length > 0)
                {
                    parts.Add(literal.ToString());
                    literal.Clear();
                }
                if (parts.Count == 0 || parts[parts.Count - 1] is not null)
                    parts.Add(null);
            }
            else if (c == '_')
            {
                throw Error(origin.Span, OwoxErrorCodes.SqlUnsupportedPattern,
                    "'_' in a LIKE pattern matches any single character, which the API cannot express (it matches literally); to match a literal underscore escape it (LIKE 'utm\\_%' ESCAPE '\\'), or use REGEXP_LIKE(col, '^utm.') for any character");
            }
            else
            {
                literal.Append(c);
            }
        }
        if (literal.Length > 0)
            parts.Add(literal.ToString());
        return parts;
    }

    private static string RegexFor(List<string?> parts)
    {
        var builder = new StringBuilder();
        if (parts.Count == 0 || parts[0] is not null)
            builder.Append('^');
        foreach (var part in parts)
        {
            if (part is null)
            {
                builder.Append(".*");
                continue;
            }
            foreach (var c in part)
            {
                if (c is '\\' or '^' or '$' or '.' or '|' or '?' or '*' or '+' or '(' or ')' or '[' or ']' or '{' or '}')
                    builder.Append('\\');
                builder.Append(c);
            }
        }
        if (parts.Count == 0 || parts[parts.Count - 1] is not null)
            builder.Append('$');
        var regex = builder.ToString();
        if (regex.StartsWith(".*", StringComparison.Ordinal))
            regex = regex.Substring(2);
        if (regex.EndsWith(".*", StringComparison.Ordinal))
            regex = regex.Substring(0, regex.Length - 2);
        return regex.Replace("'", "''");
    }

    private FilterRule BindRelativeDate(SqlCondition condition, string column, AggregateFunction? function)
    {
        var category = ColumnTypeCategories.Of(_catalog, column);
        if (function is null && category is not (ColumnTypeCategory.Date or ColumnTypeCategory.Timestamp or ColumnTypeCategory.Unknown))
            throw Error(condition.Span, OwoxErrorCodes.SqlOperatorNotAllowed, $"Relative-date presets only apply to DATE/TIMESTAMP columns, and {column} is a {BoundValues.CategoryName(category)} column");
        int? count = null;
        if (condition.Value is { } value)
        {
            var resolved = Resolve(value);
            long? n = resolved switch
            {
                long l => l,
                decimal m when m == decimal.Truncate(m) && m >= long.MinValue && m <= long.MaxValue => (long)m,
                _ => null,
            };
            if (n is null || n < RelativeDatePresets.MinCount || n > RelativeDatePresets.MaxCount)
            {
                throw Error(value.Span, OwoxErrorCodes.SqlInvalidValue,
                    $"The count of a relative-date preset must be a whole number from {RelativeDatePresets.MinCount} to {RelativeDatePresets.MaxCount}, but {value.Describe()} is {BoundValues.Show(resolved)}");
            }
            count = (int)n.Value;
        }
        return new FilterRule(column, FilterOperator.RelativeDate, FilterValue.RelativeDate(condition.Preset!, count), function);
    }
}
