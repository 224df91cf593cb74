using System.Text.Json;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Query;

/// <summary>Turns a saved report's stored controls into the same query model the data-mart endpoint uses.</summary>
internal static class ReportQuery
{
    public static HttpDataQuery Build(ReportInfo report)
    {
        var query = new HttpDataQuery();
        if (report.ColumnConfig is not null)
        {
            query.Columns.AddRange(report.ColumnConfig);
        }

        Add(query, "filter", report.FilterConfig);
        Add(query, "sort", report.SortConfig);
        Add(query, "aggregation", report.AggregationConfig);
        Add(query, "dateTrunc", report.DateTruncConfig);
        query.Limit = report.LimitConfig;
        return query;
    }

    private static void Add(HttpDataQuery query, string name, JsonElement? config)
    {
        if (config is not { ValueKind: JsonValueKind.Array } json)
        {
            return;
        }

        var error = QueryParser.ParseStored(name, json, query);
        if (error is not null)
        {
            throw new Http.ApiError($"Cannot build report SQL: {error}") { Status = 400, Business = true };
        }

        query.RawControls[name] = json;
    }
}
