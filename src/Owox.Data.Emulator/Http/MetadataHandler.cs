using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Owox.Data.Emulator.Model;
using Owox.Data.Emulator.Query;
using Owox.Data.Emulator.Rendering;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// The metadata family (wire-protocol §5): data marts, schemas, runs, reports and their output schemas, and the other
/// reads the official client makes (storages, destinations, search, model canvas, project settings, plugins, Markdown).
/// </summary>
internal sealed class MetadataHandler(OwoxEmulator emulator, EmulatorStore store, RunStore runs)
{
    public const int PageSize = 1000;

    private const string HttpDataDestinationId = "http-data";

    public async Task HandleAsync(HttpContext context, RouteInfo route)
    {
        var query = context.Request.Query;
        JsonNode body = route.Kind switch
        {
            RouteKind.ListDataMarts => ListDataMarts(query),
            RouteKind.GetDataMart => DataMartJson(FindMartOr404(route.EntityId!), full: true),
            RouteKind.BlendableSchema => BlendableSchema(FindMartOr404(route.EntityId!)),
            RouteKind.ListRuns => ListRuns(FindMartOr404(route.EntityId!), query),
            RouteKind.GetRun => GetRun(FindMartOr404(route.EntityId!), route.SubId!),
            RouteKind.ProjectRuns => ProjectRuns(query),
            RouteKind.ListReports => new JsonArray(store.Reports.Where(r => r.DataMartId == FindMartOr404(route.EntityId!).Id)
                .OrderBy(r => r.Title, StringComparer.Ordinal).Select(r => (JsonNode?)ReportJson(r)).ToArray()),
            RouteKind.GetReport => ReportJson(FindReportOr404(route.EntityId!)),
            RouteKind.ReportOutputSchema => ReportOutputSchema(FindReportOr404(route.EntityId!)),
            RouteKind.InsightTemplates => new JsonArray(),
            RouteKind.DataStorages => new JsonArray(StorageFlavors().Select(f => (JsonNode?)StorageJson(f)).ToArray()),
            RouteKind.DataDestinations => new JsonArray(HttpDataDestination()),
            RouteKind.Search => Search(query),
            RouteKind.ModelCanvasDataMarts => new JsonArray(store.Marts.Select(m => (JsonNode?)CanvasNode(m)).ToArray()),
            RouteKind.ModelCanvasEdges => new JsonArray(),
            RouteKind.ProjectSettings => new JsonObject { ["projectId"] = EmulatedProject.ProjectId, ["projectTitle"] = EmulatedProject.ProjectTitle },
            RouteKind.ProjectSetupProgress => new JsonObject { ["steps"] = new JsonArray() },
            RouteKind.PluginPublications => new JsonArray(),
            RouteKind.MarkdownToHtml => new JsonObject { ["html"] = MarkdownHtml.Render(await ReadMarkdownAsync(context).ConfigureAwait(false)) },
            _ => throw ApiHandler.CannotRoute(context.Request.Method, context.Request.Path.Value ?? "/"),
        };
        await JsonResponses.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
    }

    private MartInfo FindMartOr404(string id) =>
        store.FindMart(id) ?? throw ApiError.NotFound($"Data Mart with id {id} and projectId {EmulatedProject.ProjectId} not found");

    private ReportInfo FindReportOr404(string id) =>
        store.FindReport(id) ?? throw ApiError.NotFound($"Report with id {id} not found");

    private static int QueryInt(IQueryCollection query, string name, int fallback, int max = int.MaxValue)
    {
        if (!query.TryGetValue(name, out var values) || !int.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            if (query.ContainsKey(name))
            {
                throw ApiError.Validation($"{name} must be a non-negative integer.");
            }

            return fallback;
        }

        return Math.Min(value, max);
    }

    /// <summary>
    /// <c>GET /api/data-marts</c>: pages of 1000; <c>ownerFilter</c> keeps marts with (<c>has_owners</c>) or without
    /// (<c>no_owners</c>) business or technical owners — emulated marts have none.
    /// </summary>
    private JsonObject ListDataMarts(IQueryCollection query)
    {
        var offset = QueryInt(query, "offset", 0);
        var all = store.Marts.ToList();
        if (query.TryGetValue("ownerFilter", out var ownerFilter))
        {
            all = ownerFilter.ToString() switch
            {
                "has_owners" => [],
                "no_owners" => all,
                _ => throw ApiError.Validation("ownerFilter must be one of the following values: has_owners, no_owners"),
            };
        }

        var page = all.Skip(offset).Take(PageSize).Select(m => (JsonNode?)DataMartJson(m, full: false)).ToArray();
        return new JsonObject
        {
            ["items"] = new JsonArray(page),
            ["total"] = all.Count,
            ["nextOffset"] = offset + PageSize < all.Count ? offset + PageSize : null,
        };
    }

    private IEnumerable<StorageFlavor> StorageFlavors() => store.Marts.Select(m => m.Flavor).Distinct().OrderBy(TypeCatalog.StorageType, StringComparer.Ordinal);

    private static string StorageId(StorageFlavor flavor) => "storage-" + TypeCatalog.StorageType(flavor).ToLowerInvariant();

    private static string StorageTitle(StorageFlavor flavor) => TypeCatalog.ProviderName(flavor) + " (emulated)";

    /// <summary>The full storage object of <c>GET /api/data-marts/{id}</c> and <c>GET /api/data-storages</c> (wire-protocol §5.3).</summary>
    private JsonObject StorageJson(StorageFlavor flavor)
    {
        var created = JsonResponses.Iso(store.Marts.Where(m => m.Flavor == flavor).Select(m => m.CreatedAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min());
        return new JsonObject
        {
            ["id"] = StorageId(flavor),
            ["title"] = StorageTitle(flavor),
            ["type"] = TypeCatalog.StorageType(flavor),
            ["projectId"] = EmulatedProject.ProjectId,
            ["credentials"] = new JsonObject(),
            ["config"] = new JsonObject(),
            ["createdAt"] = created,
            ["modifiedAt"] = created,
        };
    }

    /// <summary>The one destination reports use: HTTP Data.</summary>
    private JsonObject HttpDataDestination()
    {
        var created = JsonResponses.Iso(store.Marts.Select(m => m.CreatedAt).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min());
        return new JsonObject
        {
            ["id"] = HttpDataDestinationId,
            ["title"] = "HTTP Data",
            ["type"] = "HTTP_DATA",
            ["projectId"] = EmulatedProject.ProjectId,
            ["credentials"] = new JsonObject(),
            ["createdAt"] = created,
            ["modifiedAt"] = created,
        };
    }

    private JsonObject DataMartJson(MartInfo mart, bool full)
    {
        var created = JsonResponses.Iso(mart.CreatedAt);
        var storage = new JsonObject { ["type"] = TypeCatalog.StorageType(mart.Flavor), ["title"] = StorageTitle(mart.Flavor) };
        if (full)
        {
            storage["id"] = StorageId(mart.Flavor);
            storage["projectId"] = EmulatedProject.ProjectId;
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

        json["triggersCount"] = 0;
        json["reportsCount"] = store.Reports.Count(r => r.DataMartId == mart.Id);
        json["createdByUser"] = EmulatedProject.User();
        json["businessOwnerUsers"] = new JsonArray();
        json["technicalOwnerUsers"] = new JsonArray();
        json["createdAt"] = created;
        json["modifiedAt"] = created;
        json["contexts"] = new JsonArray();
        json["availableForReporting"] = true;
        json["availableForMaintenance"] = true;
        json["dataLastUpdated"] = new JsonObject { ["dataLastUpdatedAt"] = created, ["computedAt"] = created, ["coverage"] = "complete" };
        if (full && emulator.Options.Server == EmulatedServer.SelfHosted035)
        {
            json["warnings"] = new JsonArray();
        }

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

    private static JsonArray FieldsJson(IEnumerable<DataMartColumn> fields, StorageFlavor flavor)
    {
        var array = new JsonArray();
        foreach (var f in fields)
        {
            var field = new JsonObject { ["name"] = f.Name, ["type"] = f.Type.ToUpperInvariant() };
            if (flavor == StorageFlavor.BigQuery)
            {
                field["mode"] = f.Mode ?? "NULLABLE";
            }

            if (f.Alias is not null)
            {
                field["alias"] = f.Alias;
            }

            if (f.Description is not null)
            {
                field["description"] = f.Description;
            }

            if (f.AggregationRole is not null)
            {
                field["aggregationRole"] = f.AggregationRole;
            }

            if (f.AllowedAggregations is not null)
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

    /// <summary>A node of the model canvas: the mart's identity and storage, without its schema.</summary>
    private static JsonObject CanvasNode(MartInfo mart) => new()
    {
        ["id"] = mart.Id,
        ["title"] = mart.Definition.Title,
        ["status"] = mart.Published ? "PUBLISHED" : "DRAFT",
        ["storage"] = new JsonObject { ["type"] = TypeCatalog.StorageType(mart.Flavor), ["title"] = StorageTitle(mart.Flavor) },
    };

    /// <summary><c>GET /api/search?q=</c>: marts, then reports, whose title contains <c>q</c> ignoring case.</summary>
    private JsonObject Search(IQueryCollection query)
    {
        var text = query.TryGetValue("q", out var q) ? q.ToString() : "";
        bool Matches(string title) => title.Contains(text, StringComparison.OrdinalIgnoreCase);
        var marts = store.Marts.Where(m => Matches(m.Definition.Title))
            .Select(m => (JsonNode?)new JsonObject { ["type"] = "DATA_MART", ["id"] = m.Id, ["title"] = m.Definition.Title });
        var reports = store.Reports.Where(r => Matches(r.Title)).OrderBy(r => r.Title, StringComparer.Ordinal)
            .Select(r => (JsonNode?)new JsonObject { ["type"] = "REPORT", ["id"] = r.Id, ["title"] = r.Title });
        return new JsonObject { ["items"] = new JsonArray(marts.Concat(reports).ToArray()) };
    }

    private JsonObject ListRuns(MartInfo mart, IQueryCollection query)
    {
        var limit = QueryInt(query, "limit", 100);
        var offset = QueryInt(query, "offset", 0);
        return new JsonObject { ["runs"] = new JsonArray(runs.RunsOf(mart.Id).Skip(offset).Take(limit).Select(r => (JsonNode?)RunJson(r)).ToArray()) };
    }

    private JsonObject ProjectRuns(IQueryCollection query)
    {
        var limit = QueryInt(query, "limit", 100, 100);
        var offset = QueryInt(query, "offset", 0, 100_000);
        var page = store.Marts.SelectMany(m => runs.RunsOf(m.Id)).OrderByDescending(r => r.CreatedAt).Skip(offset).Take(limit).Select(r =>
        {
            var json = RunJson(r);
            json["dataMart"] = new JsonObject { ["id"] = r.DataMartId, ["title"] = store.FindMart(r.DataMartId)?.Definition.Title };
            return (JsonNode?)json;
        });
        return new JsonObject { ["runs"] = new JsonArray(page.ToArray()) };
    }

    private JsonObject GetRun(MartInfo mart, string runId)
    {
        var run = runs.Find(runId);
        if (run is null || run.DataMartId != mart.Id)
        {
            throw ApiError.NotFound("Run not found");
        }

        var json = RunJson(run);
        json["dataQuality"] = null;
        return json;
    }

    /// <summary>One run (wire-protocol §5.5); the insight and AI members are present and null, as the official client requires.</summary>
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
            ["insightId"] = null,
            ["insightDefinition"] = null,
            ["insightTemplateId"] = null,
            ["insightTemplateDefinition"] = null,
            ["aiSourceDefinition"] = null,
            ["logs"] = new JsonArray(),
            ["errors"] = errors,
            ["createdAt"] = JsonResponses.Iso(run.CreatedAt),
            ["startedAt"] = JsonResponses.Iso(run.CreatedAt),
            ["finishedAt"] = run.FinishedAt is { } f ? JsonResponses.Iso(f) : null,
            ["createdByUser"] = EmulatedProject.User(),
            ["additionalParams"] = new JsonObject { ["httpData"] = httpData },
            ["totals"] = null,
            ["qualitySummary"] = null,
        };
    }

    private JsonObject ReportJson(ReportInfo report)
    {
        var mart = store.FindMart(report.DataMartId);
        static JsonNode? Config(JsonElement? element) => element is { } e ? JsonNode.Parse(e.GetRawText()) : null;
        return new JsonObject
        {
            ["id"] = report.Id,
            ["title"] = report.Title,
            ["dataMart"] = new JsonObject { ["id"] = report.DataMartId, ["title"] = mart?.Definition.Title },
            ["dataDestinationAccess"] = new JsonObject { ["id"] = HttpDataDestinationId, ["type"] = "HTTP_DATA", ["title"] = "HTTP Data" },
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

    /// <summary>
    /// <c>GET /api/reports/{id}/output-schema</c>: the report's output columns as its stream names them, with their
    /// (effective) types, and the field's alias and description where an output is a plain column.
    /// </summary>
    private JsonObject ReportOutputSchema(ReportInfo report)
    {
        var mart = FindMartOr404(report.DataMartId);
        var plan = QueryPlanner.Plan(mart, ReportQuery.Build(report), emulator.Clock.Today);
        var columns = new JsonArray();
        foreach (var output in plan.Outputs)
        {
            var column = new JsonObject { ["name"] = output.Key, ["type"] = output.Type };
            if (output.Title is not null)
            {
                column["title"] = output.Title;
            }

            if (mart.ByName.TryGetValue(output.Key, out var field) && field.Description is not null)
            {
                column["description"] = field.Description;
            }

            columns.Add(column);
        }

        return new JsonObject { ["columns"] = columns };
    }

    /// <summary>The <c>markdown</c> member of a <c>{"markdown": "…"}</c> body; anything else is a validation 400.</summary>
    private static async Task<string> ReadMarkdownAsync(HttpContext context)
    {
        const string Required = "markdown must be a string.";
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            var body = doc.RootElement;
            return body.ValueKind == JsonValueKind.Object && body.TryGetProperty("markdown", out var markdown) && markdown.ValueKind == JsonValueKind.String
                ? markdown.GetString()!
                : throw ApiError.Validation(Required);
        }
        catch (JsonException)
        {
            throw ApiError.Validation(Required);
        }
    }
}
