using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Owox.Data.Query;

namespace Owox.Data.Schema;

/// <summary>
/// A saved report as <c>GET /api/reports/{id}</c> describes it (wire-protocol §4, §5.6): its data mart and the column list,
/// aggregations and date buckets it applies — enough to know the report's output columns and their types
/// before the first row, the same way the server names them (wire-protocol §3.9).
/// </summary>
internal sealed class ReportDefinition(string id, string dataMartId, IReadOnlyList<string>? columns, IReadOnlyList<AggregationRule> aggregations, IReadOnlyList<DateTruncRule> dateTruncs)
{
    public string Id { get; } = id;

    public string DataMartId { get; } = dataMartId;

    /// <summary>The saved column list; null means every native column of the data mart.</summary>
    public IReadOnlyList<string>? Columns { get; } = columns;

    public IReadOnlyList<AggregationRule> Aggregations { get; } = aggregations;

    public IReadOnlyList<DateTruncRule> DateTruncs { get; } = dateTruncs;

    public static ReportDefinition? Parse(JsonElement root, string id)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("dataMart", out var mart) || mart.ValueKind != JsonValueKind.Object
            || !mart.TryGetProperty("id", out var martId) || martId.ValueKind != JsonValueKind.String)
            return null;

        List<string>? columns = null;
        if (root.TryGetProperty("columnConfig", out var columnConfig) && columnConfig.ValueKind == JsonValueKind.Array)
        {
            columns = [];
            foreach (var column in columnConfig.EnumerateArray())
            {
                if (column.ValueKind == JsonValueKind.String)
                    columns.Add(column.GetString()!);
            }
        }

        var aggregations = new List<AggregationRule>();
        foreach (var rule in Rules(root, "aggregationConfig"))
        {
            if (Text(rule, "column") is { } column && Function(Text(rule, "function")) is AggregateFunction function)
                aggregations.Add(new AggregationRule(column, function));
        }

        var dateTruncs = new List<DateTruncRule>();
        foreach (var rule in Rules(root, "dateTruncConfig"))
        {
            if (Text(rule, "column") is { } column && Enum.TryParse<DateTruncUnit>(Text(rule, "unit"), ignoreCase: true, out var unit))
                dateTruncs.Add(new DateTruncRule(column, unit, Text(rule, "timeZone")));
        }

        return new ReportDefinition(id, martId.GetString()!, columns, aggregations, dateTruncs);
    }

    /// <summary>The report's output columns in the server's order: each selected column (one output per aggregate), then <c>Row Count</c> when aggregated.</summary>
    public DataMartQuery ToQuery(DataMartSchema schema)
    {
        var query = new DataMartQuery(QueryTarget.Report, Id);
        var projection = new List<OutputColumn>();
        var columns = Columns ?? schema.Columns.Select(c => c.Name).ToArray();
        foreach (var column in columns)
        {
            var aggregated = false;
            foreach (var rule in Aggregations)
            {
                if (rule.Column != column)
                    continue;
                aggregated = true;
                var key = QueryWireNames.AggregatedOutputKey(column, rule.Function);
                projection.Add(new OutputColumn(key, key, column, rule.Function));
            }
            if (!aggregated)
            {
                var bucket = FindDateTrunc(column);
                projection.Add(new OutputColumn(column, column, column, null, bucket));
            }
        }
        if (Aggregations.Count > 0)
            projection.Add(new OutputColumn(QueryWireNames.RowCountKey, QueryWireNames.RowCountKey, null));
        query.Projection = projection;
        return query;
    }

    private DateTruncUnit? FindDateTrunc(string column)
    {
        foreach (var rule in DateTruncs)
        {
            if (rule.Column == column)
                return rule.Unit;
        }
        return null;
    }

    private static IEnumerable<JsonElement> Rules(JsonElement root, string name)
    {
        if (root.TryGetProperty(name, out var config) && config.ValueKind == JsonValueKind.Array)
        {
            foreach (var rule in config.EnumerateArray())
            {
                if (rule.ValueKind == JsonValueKind.Object)
                    yield return rule;
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static AggregateFunction? Function(string? token)
    {
        for (var function = AggregateFunction.StringAgg; function <= AggregateFunction.P95; function++)
        {
            if (function.ToWire() == token)
                return function;
        }
        return null;
    }
}
