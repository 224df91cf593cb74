using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Owox.Data.Emulator.Http;
using Owox.Data.Emulator.Model;
using Owox.Data.Emulator.Rendering;

namespace Owox.Data.Emulator.Query;

/// <summary>
/// Steps 5 and 7 of wire-protocol §3.4 (column resolution, output-controls validation) and the translation of the controls into
/// parameterised SQLite SQL over the mart's canonical table.
/// </summary>
internal static class QueryPlanner
{
    public static QueryPlan Plan(MartInfo mart, HttpDataQuery query, DateOnly today)
    {
        var selected = ResolveSelection(mart, query);
        CheckUnknownColumns(mart, query, selected);
        ValidateControls(mart, query, selected);
        return Build(mart, query, selected, today);
    }

    private static List<string> ResolveSelection(MartInfo mart, HttpDataQuery query)
    {
        var streamable = mart.Columns.Where(c => c.Streamable).Select(c => c.Name).ToList();
        var selected = new List<string>();
        if (query.ColumnsSelector is not null || query.Columns.Count == 0)
        {
            selected.AddRange(streamable);
        }

        foreach (var name in query.Columns)
        {
            if (!selected.Contains(name))
            {
                selected.Add(name);
            }
        }

        if (selected.Count == 0)
        {
            throw ApiError.BadRequestBusiness("No columns available for the requested Data Mart");
        }

        return selected;
    }

    private static void CheckUnknownColumns(MartInfo mart, HttpDataQuery query, List<string> selected)
    {
        var referenced = new List<string>(selected);
        referenced.AddRange(query.Filters.Where(f => f.Placement != "pre-join").Select(f => f.Column));
        referenced.AddRange(query.Sorts.Select(s => s.Column));
        referenced.AddRange(query.Aggregations.Select(a => a.Column));
        referenced.AddRange(query.DateTruncs.Select(d => d.Column));
        var unknown = referenced.Where(n => !mart.ByName.TryGetValue(n, out var c) || !c.Streamable).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var message = (unknown.Count == 1 ? "Unknown column: " : "Unknown columns: ") + string.Join(", ", unknown);
        var columns = new JsonArray();
        foreach (var name in unknown)
        {
            columns.Add(name);
        }

        throw ApiError.BadRequestBusiness(message, new JsonObject { ["columns"] = columns });
    }

    private static (ValueKind Kind, string Type) EffectiveType(MartInfo mart, MartColumnInfo column, string function) => function switch
    {
        "COUNT" or "COUNT_DISTINCT" => (ValueKind.Integer, TypeCatalog.IntegerType(mart.Flavor)),
        "AVG" or "P25" or "P50" or "P75" or "P95" => (ValueKind.Float, TypeCatalog.FloatType(mart.Flavor)),
        "STRING_AGG" => (ValueKind.String, TypeCatalog.StringType(mart.Flavor)),
        _ => (column.Kind, column.Type),
    };

    private static readonly Dictionary<TypeCategory, string[]> AllowedOperators = new()
    {
        [TypeCategory.String] = ["eq", "neq", "contains", "not_contains", "starts_with", "ends_with", "in", "not_in", "is_empty", "is_not_empty", "is_null", "is_not_null", "regex", "not_regex"],
        [TypeCategory.Number] = ["eq", "neq", "gt", "lt", "gte", "lte", "between", "in", "not_in", "is_null", "is_not_null"],
        [TypeCategory.Date] = ["eq", "neq", "gt", "lt", "gte", "lte", "between", "in", "not_in", "relative_date", "is_null", "is_not_null"],
        [TypeCategory.Time] = ["eq", "neq", "gt", "lt", "gte", "lte", "between", "in", "not_in", "is_null", "is_not_null"],
        [TypeCategory.Boolean] = ["is_true", "is_false", "is_null", "is_not_null"],
        [TypeCategory.Other] = ["is_null", "is_not_null"],
    };

    private static void ValidateControls(MartInfo mart, HttpDataQuery query, List<string> selected)
    {
        if (query.Filters.Any(f => f.Placement == "pre-join"))
        {
            throw ApiError.OutputControls(
                new JsonArray { new JsonObject { ["code"] = "PRE_JOIN_FILTERS_REQUIRE_JOINED_DATA_MART" } },
                "Pre-join filters are only applicable to joined data marts");
        }

        var errors = new JsonArray();
        var aggregated = new HashSet<(string, string)>();
        foreach (var a in query.Aggregations)
        {
            var column = mart.ByName[a.Column];
            if (!selected.Contains(a.Column))
            {
                errors.Add(new JsonObject { ["code"] = "AGGREGATION_COLUMN_NOT_SELECTED", ["column"] = a.Column });
            }

            if (!aggregated.Add((a.Column, a.Function)))
            {
                errors.Add(new JsonObject { ["code"] = "DUPLICATE_AGGREGATION", ["column"] = a.Column, ["function"] = a.Function });
                continue;
            }

            var category = column.Category;
            var allowed = a.Function switch
            {
                "SUM" or "AVG" or "P25" or "P50" or "P75" or "P95" => category == TypeCategory.Number,
                "COUNT_DISTINCT" or "STRING_AGG" => category != TypeCategory.Other,
                _ => true,
            };
            if (!allowed)
            {
                errors.Add(new JsonObject { ["code"] = "AGGREGATION_FUNCTION_NOT_ALLOWED_FOR_TYPE", ["column"] = a.Column, ["function"] = a.Function, ["type"] = column.Type });
            }
            else if (column.AllowedAggregations is { } fieldAllowed && !fieldAllowed.Contains(a.Function))
            {
                errors.Add(new JsonObject { ["code"] = "AGGREGATION_FUNCTION_NOT_ALLOWED_FOR_FIELD", ["column"] = a.Column, ["function"] = a.Function });
            }
        }

        foreach (var f in query.Filters)
        {
            var column = mart.ByName[f.Column];
            var (_, type) = f.Function is null ? (column.Kind, column.Type) : EffectiveType(mart, column, f.Function);
            if (f.Function is not null && !aggregated.Contains((f.Column, f.Function)))
            {
                errors.Add(new JsonObject { ["code"] = "HAVING_FILTER_NOT_AGGREGATED", ["column"] = f.Column, ["function"] = f.Function });
                continue;
            }

            if (!AllowedOperators[TypeCatalog.Category(type)].Contains(f.Operator))
            {
                errors.Add(new JsonObject { ["code"] = "INVALID_OPERATOR_FOR_TYPE", ["column"] = f.Column, ["type"] = type, ["operator"] = f.Operator });
                continue;
            }

            if (f.Operator is "regex" or "not_regex")
            {
                var pattern = ScalarText(f.Value!.Value);
                if (RegexCache.Get(pattern) is null)
                {
                    errors.Add(new JsonObject { ["code"] = "INVALID_REGEX_PATTERN", ["column"] = f.Column, ["pattern"] = pattern });
                }
            }
        }

        foreach (var s in query.Sorts)
        {
            if (!selected.Contains(s.Column))
            {
                errors.Add(new JsonObject { ["code"] = "SORT_COLUMN_NOT_SELECTED", ["column"] = s.Column });
            }
        }

        foreach (var d in query.DateTruncs)
        {
            var column = mart.ByName[d.Column];
            if (!selected.Contains(d.Column))
            {
                errors.Add(new JsonObject { ["code"] = "DATE_TRUNC_COLUMN_NOT_SELECTED", ["column"] = d.Column });
            }

            if (column.Category != TypeCategory.Date)
            {
                errors.Add(new JsonObject { ["code"] = "DATE_TRUNC_REQUIRES_DATE_COLUMN", ["column"] = d.Column, ["type"] = column.Type });
                continue;
            }

            if (query.Aggregations.Any(a => a.Column == d.Column))
            {
                errors.Add(new JsonObject { ["code"] = "DATE_TRUNC_COLUMN_IS_AGGREGATED", ["column"] = d.Column });
            }

            if (d.TimeZone is not null)
            {
                if (column.Kind == ValueKind.Date)
                {
                    errors.Add(new JsonObject { ["code"] = "DATE_TRUNC_TIMEZONE_REQUIRES_TIMESTAMP", ["column"] = d.Column, ["type"] = column.Type });
                }
                else if (!TimeZoneInfo.TryFindSystemTimeZoneById(d.TimeZone, out _))
                {
                    errors.Add(new JsonObject { ["code"] = "DATE_TRUNC_INVALID_TIMEZONE", ["column"] = d.Column, ["timeZone"] = d.TimeZone });
                }
            }
        }

        var labels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var label in OutputLabels(query, selected))
        {
            if (!labels.Add(Cut127(label)))
            {
                errors.Add(new JsonObject { ["code"] = "OUTPUT_COLUMN_NAME_COLLISION", ["label"] = label });
            }
        }

        if (errors.Count > 0)
        {
            throw ApiError.OutputControls(errors);
        }
    }

    private static IEnumerable<string> OutputLabels(HttpDataQuery query, List<string> selected)
    {
        foreach (var name in selected)
        {
            var functions = query.Aggregations.Where(a => a.Column == name).Select(a => a.Function).Distinct().ToList();
            if (functions.Count == 0)
            {
                yield return name;
            }
            else
            {
                foreach (var f in functions)
                {
                    yield return WireNames.AggregatedKey(name, f);
                }
            }
        }

        if (query.Aggregations.Count > 0)
        {
            yield return WireNames.RowCount;
        }
    }

    private static string Cut127(string label)
    {
        var bytes = Encoding.UTF8.GetBytes(label);
        return bytes.Length <= 127 ? label : Encoding.UTF8.GetString(bytes, 0, 127);
    }

    private static string Q(MartColumnInfo column) => "\"" + column.SqlName + "\"";

    private static QueryPlan Build(MartInfo mart, HttpDataQuery query, List<string> selected, DateOnly today)
    {
        var plan = new QueryPlan();
        plan.Columns.AddRange(selected);
        var parameters = plan.Parameters;
        string Param(object value)
        {
            var name = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameters[name] = value;
            return name;
        }

        var aggregating = query.Aggregations.Count > 0;
        var grouping = aggregating || query.DateTruncs.Count > 0;
        var projections = new List<string>();
        var outputs = new List<OutputColumn>();
        var groupBy = new List<string>();
        var exprByColumn = new Dictionary<string, string>(StringComparer.Ordinal);
        var aggExpr = new Dictionary<(string, string), string>();
        foreach (var name in selected)
        {
            var column = mart.ByName[name];
            var functions = query.Aggregations.Where(a => a.Column == name).Select(a => a.Function).Distinct().ToList();
            if (functions.Count > 0)
            {
                foreach (var function in functions)
                {
                    var expr = AggregateSql(function, column);
                    aggExpr[(name, function)] = expr;
                    exprByColumn.TryAdd(name, expr);
                    var (kind, type) = EffectiveType(mart, column, function);
                    outputs.Add(new OutputColumn(WireNames.AggregatedKey(name, function), projections.Count, kind, type, column.Alias));
                    projections.Add(expr);
                }

                continue;
            }

            var trunc = query.DateTruncs.FirstOrDefault(d => d.Column == name);
            string valueExpr;
            ValueKind outKind = column.Kind;
            var outType = column.Type;
            if (trunc is not null)
            {
                (valueExpr, outKind, outType) = TruncSql(mart.Flavor, column, trunc, Param);
            }
            else
            {
                valueExpr = Q(column);
            }

            exprByColumn[name] = valueExpr;
            if (grouping)
            {
                groupBy.Add(valueExpr);
            }

            outputs.Add(new OutputColumn(name, projections.Count, outKind, outType, column.Alias));
            projections.Add(valueExpr);
        }

        if (aggregating)
        {
            outputs.Add(new OutputColumn(WireNames.RowCount, projections.Count, ValueKind.Integer, TypeCatalog.IntegerType(mart.Flavor), null));
            projections.Add("COUNT(*)");
        }

        var where = new List<string>();
        var having = new List<string>();
        foreach (var f in query.Filters)
        {
            var column = mart.ByName[f.Column];
            if (f.Function is not null)
            {
                var (kind, type) = EffectiveType(mart, column, f.Function);
                having.Add(FilterSql(aggExpr[(f.Column, f.Function)], kind, TypeCatalog.Category(type), f, today, Param));
            }
            else
            {
                where.Add(FilterSql(Q(column), column.Kind, column.Category, f, today, Param));
            }
        }

        var orderBy = query.Sorts.Select(s => exprByColumn[s.Column] + (s.Descending ? " DESC" : " ASC")).ToList();

        var sql = new StringBuilder("SELECT ");
        sql.Append(string.Join(", ", projections));
        sql.Append(" FROM \"").Append(mart.TableName).Append('"');
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        }

        if (grouping && groupBy.Count > 0)
        {
            sql.Append(" GROUP BY ").Append(string.Join(", ", groupBy));
        }

        if (having.Count > 0)
        {
            sql.Append(" HAVING ").Append(string.Join(" AND ", having));
        }

        if (orderBy.Count > 0)
        {
            sql.Append(" ORDER BY ").Append(string.Join(", ", orderBy));
        }
        else if (!grouping)
        {
            sql.Append(" ORDER BY rowid");
        }

        if (query.Limit is { } limit)
        {
            sql.Append(" LIMIT ").Append(Param(limit));
        }

        var ordered = outputs.Where(o => IsArrayIndex(o.Key)).OrderBy(o => long.Parse(o.Key, CultureInfo.InvariantCulture))
            .Concat(outputs.Where(o => !IsArrayIndex(o.Key)));
        plan.Outputs.AddRange(ordered);
        plan.Sql = sql.ToString();
        return plan;
    }

    /// <summary>JavaScript orders integer-like keys (array indices) first.</summary>
    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && key.Length <= 10 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0')
        && long.Parse(key, CultureInfo.InvariantCulture) < 4294967295L;

    private static string AggregateSql(string function, MartColumnInfo column)
    {
        var c = Q(column);
        var text = column.Kind == ValueKind.Boolean ? $"CASE {c} WHEN 1 THEN 'true' WHEN 0 THEN 'false' END" : $"CAST({c} AS TEXT)";
        return function switch
        {
            "SUM" => $"SUM({c})",
            "AVG" => $"AVG({c})",
            "MIN" => $"MIN({c})",
            "MAX" => $"MAX({c})",
            "COUNT" => $"COUNT({c})",
            "COUNT_DISTINCT" => $"COUNT(DISTINCT {c})",
            "ANY_VALUE" => $"MIN({c})",
            "STRING_AGG" => $"group_concat({text}, ', ')",
            "P25" => $"owox_percentile({c}, 0.25)",
            "P50" => $"owox_percentile({c}, 0.5)",
            "P75" => $"owox_percentile({c}, 0.75)",
            "P95" => $"owox_percentile({c}, 0.95)",
            _ => throw new InvalidOperationException(function),
        };
    }

    private static (string Expr, ValueKind Kind, string Type) TruncSql(StorageFlavor flavor, MartColumnInfo column, DateTruncSpec trunc, Func<object, string> param)
    {
        var source = Q(column);
        if (trunc.TimeZone is not null)
        {
            source = $"owox_to_zone({source}, {param(trunc.TimeZone)})";
        }

        var d = $"substr({source}, 1, 10)";
        var weekShift = flavor == StorageFlavor.BigQuery ? 0 : 6; // BigQuery weeks start on Sunday, the others on Monday
        var truncated = trunc.Unit switch
        {
            "DAY" => d,
            "WEEK" => $"date({d}, '-' || ((CAST(strftime('%w', {d}) AS INTEGER) + {weekShift}) % 7) || ' days')",
            "MONTH" => $"(substr({d}, 1, 8) || '01')",
            "QUARTER" => $"(substr({d}, 1, 5) || printf('%02d', ((CAST(substr({d}, 6, 2) AS INTEGER) - 1) / 3) * 3 + 1) || '-01')",
            _ => $"(substr({d}, 1, 5) || '01-01')",
        };

        var asTimestamp = flavor switch
        {
            StorageFlavor.BigQuery => false,
            StorageFlavor.Redshift or StorageFlavor.Databricks => true,
            _ => column.Kind != ValueKind.Date,
        };
        if (!asTimestamp)
        {
            return ($"CASE WHEN {Q(column)} IS NULL THEN NULL ELSE {truncated} END", ValueKind.Date, "DATE");
        }

        var type = flavor is StorageFlavor.Redshift or StorageFlavor.Databricks ? "TIMESTAMP" : column.Type;
        return ($"CASE WHEN {Q(column)} IS NULL THEN NULL ELSE ({truncated} || ' 00:00:00.000000') END", ValueKind.Timestamp, type);
    }

    private static string ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => JsNumber.Normalize(value.GetRawText()),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static object Bind(JsonElement value, ValueKind kind, TypeCategory category)
    {
        switch (category)
        {
            case TypeCategory.Number:
                if (value.ValueKind == JsonValueKind.Number)
                {
                    return value.TryGetInt64(out var l) ? l : value.GetDouble();
                }

                if (value.ValueKind == JsonValueKind.String
                    && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }

                return ScalarText(value);
            case TypeCategory.Date:
            case TypeCategory.Time:
                return value.ValueKind == JsonValueKind.String
                    ? Canonical.NormalizeDateText(value.GetString()!, kind)
                    : value.ValueKind == JsonValueKind.Number ? value.GetDouble() : ScalarText(value);
            default:
                return ScalarText(value);
        }
    }

    private static string FilterSql(string c, ValueKind kind, TypeCategory category, FilterSpec f, DateOnly today, Func<object, string> param)
    {
        string P(JsonElement v) => param(Bind(v, kind, category));
        string PText(JsonElement v) => param(ScalarText(v));
        var value = f.Value ?? default;
        switch (f.Operator)
        {
            case "eq": return $"{c} = {P(value)}";
            case "neq": return $"({c} IS NULL OR {c} <> {P(value)})";
            case "gt": return $"{c} > {P(value)}";
            case "lt": return $"{c} < {P(value)}";
            case "gte": return $"{c} >= {P(value)}";
            case "lte": return $"{c} <= {P(value)}";
            case "contains": return $"instr({c}, {PText(value)}) > 0";
            case "not_contains": return $"({c} IS NULL OR instr({c}, {PText(value)}) = 0)";
            case "starts_with":
                {
                    var p = PText(value);
                    return $"substr({c}, 1, length({p})) = {p}";
                }

            case "ends_with":
                {
                    var p = PText(value);
                    return $"(length({c}) >= length({p}) AND substr({c}, length({c}) - length({p}) + 1) = {p})";
                }

            case "regex": return $"owox_regexp({PText(value)}, {c})";
            case "not_regex": return $"({c} IS NULL OR NOT owox_regexp({PText(value)}, {c}))";
            case "in": return $"{c} IN ({string.Join(", ", value.EnumerateArray().Select(P))})";
            case "not_in": return $"({c} IS NULL OR {c} NOT IN ({string.Join(", ", value.EnumerateArray().Select(P))}))";
            case "between": return $"{c} BETWEEN {P(value.GetProperty("from"))} AND {P(value.GetProperty("to"))}";
            case "relative_date":
                {
                    var (from, to) = RelativeDates.Range(value, today);
                    var d = kind == ValueKind.Date ? c : $"substr({c}, 1, 10)";
                    return $"{d} BETWEEN {param(Canonical.Date(from))} AND {param(Canonical.Date(to))}";
                }

            case "is_empty": return $"({c} IS NULL OR {c} = '')";
            case "is_not_empty": return $"({c} IS NOT NULL AND {c} <> '')";
            case "is_null": return $"{c} IS NULL";
            case "is_not_null": return $"{c} IS NOT NULL";
            case "is_true": return $"{c} = 1";
            case "is_false": return $"{c} = 0";
            default: throw new InvalidOperationException(f.Operator);
        }
    }
}
