using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Owox.Data.Emulator.Query;

/// <summary>
/// Step 2 of wire-protocol §3.4: the query-string shape validation of the HTTP Data endpoint. Produces the decoded controls or
/// the business-shape 400 message (issues joined with <c>"; "</c>, each <c>"{param}: {text}"</c>).
/// </summary>
internal static partial class QueryParser
{
    public const int MaxEncodedLength = 8192;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex TimeZonePattern();

    public static HttpDataQuery Parse(IQueryCollection query, out string? error)
    {
        var issues = new List<string>();
        var result = new HttpDataQuery();

        if (query.TryGetValue("columns", out var columns))
        {
            if (columns.Count > 1)
            {
                issues.Add("columns: Parameter \"columns\" cannot be repeated");
            }
            else if (columns[0] is "*" or "**")
            {
                result.ColumnsSelector = columns[0];
            }
            else
            {
                issues.Add("columns: \"columns\" must be \"*\" or \"**\"");
            }
        }

        if (query.TryGetValue("column", out var column))
        {
            for (var i = 0; i < column.Count; i++)
            {
                var name = column[i] ?? "";
                if (name.Length == 0)
                {
                    issues.Add($"column.{i}: column value must not be empty");
                }
                else if (!result.Columns.Contains(name))
                {
                    result.Columns.Add(name);
                }
            }
        }

        ParseControl(query, "filter", issues, result, ParseFilters);
        ParseControl(query, "sort", issues, result, ParseSorts);
        ParseControl(query, "aggregation", issues, result, ParseAggregations);
        ParseControl(query, "dateTrunc", issues, result, ParseDateTruncs);

        if (query.TryGetValue("limit", out var limit))
        {
            result.Limit = ParseLimit(limit, issues);
        }

        foreach (var rejected in new[] { "pageToken", "offset" })
        {
            if (query.ContainsKey(rejected))
            {
                issues.Add($"{rejected}: Parameter \"{rejected}\" is not supported by HTTP Data API");
            }
        }

        if (issues.Count == 0)
        {
            if (result.ColumnsSelector == "**" && column.Count > 0)
            {
                issues.Add("columns: \"**\" cannot be combined with exact column values");
            }

            var hasAggregation = result.Aggregations.Count > 0;
            var hasDateTrunc = result.DateTruncs.Count > 0;
            if ((hasAggregation || hasDateTrunc) && (result.ColumnsSelector is not null || result.Columns.Count == 0))
            {
                var path = hasAggregation ? "aggregation" : "dateTrunc";
                issues.Add($"{path}: \"aggregation\" and \"dateTrunc\" require an explicit \"column\" projection and cannot combine with \"*\"/\"**\" or an empty column selection (which would group by every column)");
            }
        }

        error = issues.Count == 0 ? null : string.Join("; ", issues);
        return result;
    }

    /// <summary>Parses the report endpoint's query: only <c>limit</c> is accepted.</summary>
    public static long? ParseReportQuery(IQueryCollection query, out string? error)
    {
        var unknown = query.Keys.Where(k => k != "limit").ToList();
        if (unknown.Count > 0)
        {
            error = "Unrecognized key(s) in object: " + string.Join(", ", unknown.Select(k => "'" + k + "'"));
            return null;
        }

        var issues = new List<string>();
        long? limit = null;
        if (query.TryGetValue("limit", out var values))
        {
            limit = ParseLimit(values, issues);
        }

        error = issues.Count == 0 ? null : string.Join("; ", issues);
        return limit;
    }

    private static long? ParseLimit(StringValues values, List<string> issues)
    {
        if (values.Count != 1)
        {
            issues.Add("limit: limit must be an integer");
            return null;
        }

        var text = (values[0] ?? "").Trim();
        double number;
        if (text.Length == 0)
        {
            number = 0;
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) || text.Contains(',', StringComparison.Ordinal))
        {
            issues.Add("limit: limit must be an integer");
            return null;
        }

        var before = issues.Count;
        if (Math.Floor(number) != number || double.IsInfinity(number))
        {
            issues.Add("limit: limit must be an integer");
        }

        if (number < 1)
        {
            issues.Add("limit: limit must be ≥ 1");
        }

        return issues.Count == before ? (long)Math.Min(number, long.MaxValue) : null;
    }

    private static void ParseControl(IQueryCollection query, string name, List<string> issues, HttpDataQuery result, Func<JsonElement, HttpDataQuery, string?> parse)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return;
        }

        if (values.Count > 1)
        {
            issues.Add($"{name}: Expected string, received array");
            return;
        }

        var encoded = values[0] ?? "";
        if (encoded.Length > MaxEncodedLength)
        {
            issues.Add($"{name}: String must contain at most {MaxEncodedLength} character(s)");
            return;
        }

        if (!TryDecodeJson(encoded, out var json))
        {
            issues.Add($"{name}: Invalid {name}: value is not valid JSON");
            return;
        }

        if (json.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            issues.Add($"{name}: Invalid {name}: {ZodText.Expected("array", json.ValueKind)}");
            return;
        }

        var error = parse(json, result);
        if (error is not null)
        {
            issues.Add($"{name}: Invalid {name}: {error}");
            return;
        }

        result.RawControls[name] = json;
    }

    /// <summary>Lenient base64/base64url decoding (as Node's <c>Buffer.from(s, "base64")</c>), then UTF-8 JSON.</summary>
    public static bool TryDecodeJson(string encoded, out JsonElement json)
    {
        json = default;
        var sb = new StringBuilder(encoded.Length + 3);
        foreach (var c in encoded)
        {
            switch (c)
            {
                case '-': sb.Append('+'); break;
                case '_': sb.Append('/'); break;
                case '=': break;
                case >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/': sb.Append(c); break;
                default: break;
            }
        }

        if (sb.Length % 4 == 1)
        {
            sb.Length--;
        }

        while (sb.Length % 4 != 0)
        {
            sb.Append('=');
        }

        try
        {
            var bytes = Convert.FromBase64String(sb.ToString());
            using var doc = JsonDocument.Parse(bytes);
            json = doc.RootElement.Clone();
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses a stored (report) control array with the same rules; returns the error text or null.</summary>
    public static string? ParseStored(string name, JsonElement array, HttpDataQuery query) => name switch
    {
        "filter" => ParseFilters(array, query),
        "sort" => ParseSorts(array, query),
        "aggregation" => ParseAggregations(array, query),
        _ => ParseDateTruncs(array, query),
    };

    private static string? RequireColumn(JsonElement rule, out string column)
    {
        column = "";
        if (!rule.TryGetProperty("column", out var c))
        {
            return ZodText.Required;
        }

        if (c.ValueKind != JsonValueKind.String)
        {
            return ZodText.Expected("string", c.ValueKind);
        }

        column = c.GetString()!;
        return column.Length == 0 ? "String must contain at least 1 character(s)" : null;
    }

    private static string? RequireEnum(JsonElement rule, string member, string[] options, out string value)
    {
        value = "";
        if (!rule.TryGetProperty(member, out var v))
        {
            return ZodText.Required;
        }

        if (v.ValueKind != JsonValueKind.String || !options.Contains(v.GetString()))
        {
            return ZodText.InvalidEnum(options, v);
        }

        value = v.GetString()!;
        return null;
    }

    private static string? ParseFilters(JsonElement array, HttpDataQuery result)
    {
        foreach (var rule in array.EnumerateArray())
        {
            if (rule.ValueKind != JsonValueKind.Object)
            {
                return ZodText.Expected("object", rule.ValueKind);
            }

            if (!rule.TryGetProperty("operator", out var opElement) || opElement.ValueKind != JsonValueKind.String
                || !WireNames.Operators.Contains(opElement.GetString()))
            {
                return "Invalid discriminator value. Expected " + ZodText.Options(WireNames.Operators);
            }

            var op = opElement.GetString()!;
            var error = RequireColumn(rule, out var column);
            if (error is not null)
            {
                return error;
            }

            rule.TryGetProperty("value", out var value);
            var hasValue = value.ValueKind != JsonValueKind.Undefined;
            error = op switch
            {
                "in" or "not_in" => CheckInValues(hasValue, value),
                "between" => CheckBetween(hasValue, value),
                "relative_date" => CheckRelativeDate(hasValue, value),
                "is_empty" or "is_not_empty" or "is_null" or "is_not_null" or "is_true" or "is_false" => null,
                _ => IsScalar(value) ? null : ZodText.InvalidInput,
            };
            if (error is not null)
            {
                return error;
            }

            string? function = null;
            if (rule.TryGetProperty("function", out var f) && f.ValueKind != JsonValueKind.Null)
            {
                if (f.ValueKind != JsonValueKind.String || !WireNames.Functions.Contains(f.GetString()))
                {
                    return ZodText.InvalidEnum(WireNames.Functions, f);
                }

                function = f.GetString();
            }

            string? placement = null;
            if (rule.TryGetProperty("placement", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                if (p.ValueKind != JsonValueKind.String || !WireNames.Placements.Contains(p.GetString()))
                {
                    return ZodText.InvalidEnum(WireNames.Placements, p);
                }

                placement = p.GetString();
            }

            result.Filters.Add(new FilterSpec(column, op, hasValue && !IsNoValueOperator(op) ? value.Clone() : null, function, placement));
        }

        return null;
    }

    private static bool IsNoValueOperator(string op) => op is "is_empty" or "is_not_empty" or "is_null" or "is_not_null" or "is_true" or "is_false";

    private static bool IsScalar(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string? CheckInValues(bool hasValue, JsonElement value)
    {
        if (!hasValue)
        {
            return ZodText.Required;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return ZodText.Expected("array", value.ValueKind);
        }

        var count = value.GetArrayLength();
        if (count < 1)
        {
            return "Array must contain at least 1 element(s)";
        }

        if (count > 500)
        {
            return "Array must contain at most 500 element(s)";
        }

        var kinds = new HashSet<JsonValueKind>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return "in/not_in values must be strings or numbers — for boolean conditions use is_true/is_false";
            }

            if (item.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return ZodText.InvalidInput;
            }

            kinds.Add(item.ValueKind);
        }

        return kinds.Count > 1 ? "in/not_in values must all be the same type (all strings or all numbers)" : null;
    }

    private static string? CheckBetween(bool hasValue, JsonElement value)
    {
        if (!hasValue)
        {
            return ZodText.Required;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return ZodText.Expected("object", value.ValueKind);
        }

        if (!value.TryGetProperty("from", out var from) || !value.TryGetProperty("to", out var to)
            || from.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
            || to.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return ZodText.InvalidInput;
        }

        return from.ValueKind != to.ValueKind ? "'between' bounds must be the same type (both strings or both numbers)" : null;
    }

    private static string? CheckRelativeDate(bool hasValue, JsonElement value)
    {
        if (!hasValue)
        {
            return ZodText.Required;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return ZodText.Expected("object", value.ValueKind);
        }

        if (!value.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || !WireNames.RelativeKinds.Contains(kind.GetString()))
        {
            return "Invalid discriminator value. Expected " + ZodText.Options(WireNames.RelativeKinds);
        }

        if (kind.GetString() is not ("last_n_days" or "last_n_months" or "next_n_days"))
        {
            return null;
        }

        if (!value.TryGetProperty("n", out var n))
        {
            return ZodText.Required;
        }

        if (n.ValueKind != JsonValueKind.Number)
        {
            return ZodText.Expected("number", n.ValueKind);
        }

        var d = n.GetDouble();
        if (Math.Floor(d) != d)
        {
            return "Expected integer, received float";
        }

        if (d < 1)
        {
            return "Number must be greater than or equal to 1";
        }

        return d > 3650 ? "Number must be less than or equal to 3650" : null;
    }

    private static string? ParseSorts(JsonElement array, HttpDataQuery result)
    {
        foreach (var rule in array.EnumerateArray())
        {
            if (rule.ValueKind != JsonValueKind.Object)
            {
                return ZodText.Expected("object", rule.ValueKind);
            }

            string direction = "";
            var error = RequireColumn(rule, out var column) ?? RequireEnum(rule, "direction", WireNames.Directions, out direction);
            if (error is not null)
            {
                return error;
            }

            result.Sorts.Add(new SortSpec(column, direction == "desc"));
        }

        return null;
    }

    private static string? ParseAggregations(JsonElement array, HttpDataQuery result)
    {
        foreach (var rule in array.EnumerateArray())
        {
            if (rule.ValueKind != JsonValueKind.Object)
            {
                return ZodText.Expected("object", rule.ValueKind);
            }

            string function = "";
            var error = RequireColumn(rule, out var column) ?? RequireEnum(rule, "function", WireNames.Functions, out function);
            if (error is not null)
            {
                return error;
            }

            result.Aggregations.Add(new AggregationSpec(column, function));
        }

        return null;
    }

    private static string? ParseDateTruncs(JsonElement array, HttpDataQuery result)
    {
        foreach (var rule in array.EnumerateArray())
        {
            if (rule.ValueKind != JsonValueKind.Object)
            {
                return ZodText.Expected("object", rule.ValueKind);
            }

            string unit = "";
            var error = RequireColumn(rule, out var column) ?? RequireEnum(rule, "unit", WireNames.Units, out unit);
            if (error is not null)
            {
                return error;
            }

            string? timeZone = null;
            if (rule.TryGetProperty("timeZone", out var tz) && tz.ValueKind != JsonValueKind.Null)
            {
                if (tz.ValueKind != JsonValueKind.String)
                {
                    return ZodText.Expected("string", tz.ValueKind);
                }

                timeZone = tz.GetString()!;
                if (!TimeZonePattern().IsMatch(timeZone))
                {
                    return "Invalid IANA time zone";
                }
            }

            result.DateTruncs.Add(new DateTruncSpec(column, unit, timeZone));
        }

        return null;
    }
}
