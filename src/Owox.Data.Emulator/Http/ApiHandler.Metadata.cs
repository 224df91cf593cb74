using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Owox.Data.Emulator.Model;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Http;

/// <summary>The metadata endpoints (wire-protocol §5).</summary>
internal sealed partial class ApiHandler
{
    public const int PageSize = 1000;

    private async Task HandleMetadataAsync(HttpContext context, RouteInfo route)
    {
        JsonNode body = route.Kind switch
        {
            RouteKind.ListDataMarts => ListDataMarts(context.Request.Query),
            RouteKind.GetDataMart => DataMartJson(FindMartOr404(route.EntityId!), full: true),
            RouteKind.BlendableSchema => BlendableSchema(FindMartOr404(route.EntityId!)),
            RouteKind.ListRuns => ListRuns(FindMartOr404(route.EntityId!), context.Request.Query),
            RouteKind.GetRun => GetRun(FindMartOr404(route.EntityId!), route.SubId!),
            RouteKind.ProjectRuns => ProjectRuns(context.Request.Query),
            RouteKind.ListReports => new JsonArray(_store.Reports.Where(r => r.DataMartId == FindMartOr404(route.EntityId!).Id)
                .OrderBy(r => r.Title, StringComparer.Ordinal).Select(r => (JsonNode?)ReportJson(r)).ToArray()),
            RouteKind.GetReport => ReportJson(_store.FindReport(route.EntityId!) ?? throw ApiError.NotFound($"Report with id {route.EntityId} not found")),
            _ => throw CannotRoute(context.Request.Method, context.Request.Path.Value ?? "/"),
        };
        await JsonResponses.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
    }

    private MartInfo FindMartOr404(string id) =>
        _store.FindMart(id) ?? throw ApiError.NotFound($"Data Mart with id {id} and projectId {ProjectId} not found");

    private static int QueryInt(IQueryCollection query, string name, int fallback, int max = int.MaxValue)
    {
        if (!query.TryGetValue(name, out var values) || !int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            if (query.ContainsKey(name))
            {
                throw new ApiError("Request validation failed")
                {
                    Status = 400,
                    Reason = "Bad Request",
                    Details = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["message"] = $"{name} must be a non-negative integer." }) },
                };
            }

            return fallback;
        }

        return Math.Min(value, max);
    }

    private JsonObject ListDataMarts(IQueryCollection query)
    {
        var offset = QueryInt(query, "offset", 0);
        var all = _store.Marts.ToList();
        var page = all.Skip(offset).Take(PageSize).Select(m => (JsonNode?)DataMartJson(m, full: false)).ToArray();
        return new JsonObject
        {
            ["items"] = new JsonArray(page),
            ["total"] = all.Count,
            ["nextOffset"] = offset + PageSize < all.Count ? offset + PageSize : null,
        };
    }

    private static JsonObject User() => new()
    {
        ["userId"] = UserId,
        ["fullName"] = "Emulator Admin",
        ["email"] = "admin@emulator.local",
        ["avatar"] = null,
    };

    private JsonObject DataMartJson(MartInfo mart, bool full)
    {
        var created = JsonResponses.Iso(mart.CreatedAt);
        var storage = new JsonObject { ["type"] = TypeCatalog.StorageType(mart.Flavor), ["title"] = TypeCatalog.ProviderName(mart.Flavor) + " (emulated)" };
        if (full)
        {
            storage["id"] = "storage-" + TypeCatalog.StorageType(mart.Flavor).ToLowerInvariant();
            storage["projectId"] = ProjectId;
            storage["credentials"] = new JsonObject();
            storage["config"] = new JsonObject();
            storage["createdAt"] = created;
            storage["modifiedAt"] = created;
        }

        var json = new JsonObject
        {
            ["id"] = mart.Id,
            ["title"] = mart.Definition.Title,
            ["status"] = mart.Published ? "PUBLISHED" : "DRAFT",
            ["storage"] = storage,
            ["description"] = mart.Definition.Description,
            ["definitionType"] = "TABLE",
        };
        if (full)
        {
            json["definition"] = new JsonObject { ["fullyQualifiedName"] = "emulator." + mart.TableName };
            json["schema"] = new JsonObject
            {
                ["type"] = TypeCatalog.SchemaType(mart.Flavor),
                ["fields"] = FieldsJson(mart.Definition.Columns, mart.Flavor),
            };
            if (mart.Flavor == StorageFlavor.Databricks)
            {
                ((JsonObject)json["schema"]!)["table"] = "emulator." + mart.TableName;
            }

            json["connectorState"] = null;
            json["blendedFieldsConfig"] = null;
        }
        else
        {
            json["connectorSourceName"] = null;
        }

        json["triggersCount"] = 0;
        json["reportsCount"] = _store.Reports.Count(r => r.DataMartId == mart.Id);
        json["createdByUser"] = User();
        json["businessOwnerUsers"] = new JsonArray();
        json["technicalOwnerUsers"] = new JsonArray();
        json["createdAt"] = created;
        json["modifiedAt"] = created;
        json["contexts"] = new JsonArray();
        json["availableForReporting"] = true;
        json["availableForMaintenance"] = true;
        json["dataLastUpdated"] = new JsonObject { ["dataLastUpdatedAt"] = created, ["computedAt"] = created, ["coverage"] = "complete" };
        return json;
    }

    /// <summary>wire-protocol §5.4: native fields (minus top-level hidden ones); emulated marts have no joined sources.</summary>
    private static JsonObject BlendableSchema(MartInfo mart) => new()
    {
        ["nativeFields"] = FieldsJson(mart.Definition.Columns.Where(c => !c.IsHiddenForReporting), mart.Flavor),
        ["nativeDescription"] = mart.Definition.Description,
        ["blendedFields"] = new JsonArray(),
        ["availableSources"] = new JsonArray(),
    };

    private static JsonArray FieldsJson(System.Collections.Generic.IEnumerable<DataMartColumn> fields, StorageFlavor flavor)
    {
        var array = new JsonArray();
        foreach (var f in fields)
        {
            var field = new JsonObject { ["name"] = f.Name, ["type"] = f.Type.ToUpperInvariant() };
            if (flavor == StorageFlavor.BigQuery)
            {
                field["mode"] = f.Mode ?? "NULLABLE";
            }

            if (f.Alias != null)
            {
                field["alias"] = f.Alias;
            }

            if (f.Description != null)
            {
                field["description"] = f.Description;
            }

            if (f.AggregationRole != null)
            {
                field["aggregationRole"] = f.AggregationRole;
            }

            if (f.AllowedAggregations != null)
            {
                field["allowedAggregations"] = new JsonArray(f.AllowedAggregations.Select(a => (JsonNode?)a).ToArray());
            }

            field["isPrimaryKey"] = f.IsPrimaryKey;
            field["isHiddenForReporting"] = f.IsHiddenForReporting;
            field["status"] = f.Status;
            if (f.Fields is { Count: > 0 })
            {
                field["fields"] = FieldsJson(f.Fields, flavor);
            }

            array.Add(field);
        }

        return array;
    }

    private JsonObject ListRuns(MartInfo mart, IQueryCollection query)
    {
        var limit = QueryInt(query, "limit", 100);
        var offset = QueryInt(query, "offset", 0);
        return new JsonObject { ["runs"] = new JsonArray(RunsOf(mart.Id).Skip(offset).Take(limit).Select(r => (JsonNode?)RunJson(r)).ToArray()) };
    }

    private JsonObject ProjectRuns(IQueryCollection query)
    {
        var limit = QueryInt(query, "limit", 100, 100);
        var offset = QueryInt(query, "offset", 0, 100_000);
        var runs = _store.Marts.SelectMany(m => RunsOf(m.Id)).OrderByDescending(r => r.CreatedAt).Skip(offset).Take(limit).Select(r =>
        {
            var json = RunJson(r);
            json["dataMart"] = new JsonObject { ["id"] = r.DataMartId, ["title"] = _store.FindMart(r.DataMartId)?.Definition.Title };
            return (JsonNode?)json;
        });
        return new JsonObject { ["runs"] = new JsonArray(runs.ToArray()) };
    }

    private JsonObject GetRun(MartInfo mart, string runId)
    {
        var run = FindRun(runId);
        if (run == null || run.DataMartId != mart.Id)
        {
            throw ApiError.NotFound("Run not found");
        }

        var json = RunJson(run);
        json["dataQuality"] = null;
        return json;
    }

    private static JsonObject RunJson(RunRecord run)
    {
        JsonObject httpData;
        string status;
        JsonArray errors;
        lock (run)
        {
            httpData = (JsonObject)run.HttpData.DeepClone();
            httpData["rowCount"] = run.RowCount;
            httpData["bytesWritten"] = run.BytesWritten;
            httpData["completed"] = run.Completed;
            status = run.Status;
            errors = new JsonArray(run.Errors.Select(e => (JsonNode?)e).ToArray());
        }

        return new JsonObject
        {
            ["id"] = run.Id,
            ["status"] = status,
            ["type"] = "HTTP_DATA",
            ["runType"] = "manual",
            ["dataMartId"] = run.DataMartId,
            ["definitionRun"] = null,
            ["reportId"] = run.ReportId,
            ["reportDefinition"] = null,
            ["logs"] = new JsonArray(),
            ["errors"] = errors,
            ["createdAt"] = JsonResponses.Iso(run.CreatedAt),
            ["startedAt"] = JsonResponses.Iso(run.CreatedAt),
            ["finishedAt"] = run.FinishedAt is { } f ? JsonResponses.Iso(f) : null,
            ["createdByUser"] = User(),
            ["additionalParams"] = new JsonObject { ["httpData"] = httpData },
            ["totals"] = null,
            ["qualitySummary"] = null,
        };
    }

    private JsonObject ReportJson(ReportInfo report)
    {
        var mart = _store.FindMart(report.DataMartId);
        static JsonNode? Config(JsonElement? element) => element is { } e ? JsonNode.Parse(e.GetRawText()) : null;
        return new JsonObject
        {
            ["id"] = report.Id,
            ["title"] = report.Title,
            ["dataMart"] = new JsonObject { ["id"] = report.DataMartId, ["title"] = mart?.Definition.Title },
            ["dataDestinationAccess"] = new JsonObject { ["id"] = "http-data", ["type"] = "HTTP_DATA", ["title"] = "HTTP Data" },
            ["destinationConfig"] = new JsonObject { ["type"] = "http-data-config" },
            ["columnConfig"] = report.ColumnConfig is { } columns ? new JsonArray(columns.Select(c => (JsonNode?)c).ToArray()) : null,
            ["filterConfig"] = Config(report.FilterConfig),
            ["sortConfig"] = Config(report.SortConfig),
            ["limitConfig"] = report.LimitConfig,
            ["aggregationConfig"] = Config(report.AggregationConfig),
            ["dateTruncConfig"] = Config(report.DateTruncConfig),
            ["createdAt"] = JsonResponses.Iso(mart?.CreatedAt ?? DateTimeOffset.UnixEpoch),
            ["modifiedAt"] = JsonResponses.Iso(mart?.CreatedAt ?? DateTimeOffset.UnixEpoch),
        };
    }
}
