using System.Text.Json.Nodes;

namespace Owox.Data.Emulator.Http;

/// <summary>The OpenAPI 3 document of what the emulator serves (<c>GET /api/openapi.json</c>).</summary>
internal static class OpenApiDocument
{
    public static JsonObject Build()
    {
        var keyHeader = new JsonObject { ["name"] = "X-OWOX-Api-Key-Id", ["in"] = "header", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } };
        JsonObject Get(string summary, string tag, params JsonNode[] parameters)
        {
            var ps = new JsonArray { keyHeader.DeepClone() };
            foreach (var p in parameters)
            {
                ps.Add(p);
            }

            return new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["summary"] = summary,
                    ["tags"] = new JsonArray(tag),
                    ["parameters"] = ps,
                    ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
                    ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
                },
            };
        }

        JsonObject Path(string name) => new() { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } };
        JsonObject Query(string name, string type = "string") => new() { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = type } };

        var stream = Get("Stream Data Mart rows as NDJSON", "HTTP Data", Path("dataMartId"), Query("columns"),
            new JsonObject { ["name"] = "column", ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } } },
            Query("filter"), Query("sort"), Query("aggregation"), Query("dateTrunc"), Query("limit", "integer"));
        ((JsonObject)stream["get"]!)["responses"] = new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "NDJSON rows", ["content"] = new JsonObject { ["application/x-ndjson"] = new JsonObject() } },
        };
        var report = Get("Stream a saved report's rows as NDJSON", "HTTP Data", Path("reportId"), Query("limit", "integer"));
        ((JsonObject)report["get"]!)["responses"] = new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "NDJSON rows", ["content"] = new JsonObject { ["application/x-ndjson"] = new JsonObject() } },
        };

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "OWOX Data Marts API", ["version"] = "1.0", ["description"] = "Owox.Data.Emulator — local emulation of the OWOX Data Marts HTTP API." },
            ["paths"] = new JsonObject
            {
                ["/api/auth/api-keys/exchange"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["summary"] = "Exchange an API key for an access token",
                        ["tags"] = new JsonArray("Auth"),
                        ["parameters"] = new JsonArray(new JsonObject { ["name"] = "X-OWOX-Api-Key-Id", ["in"] = "header", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } }),
                        ["requestBody"] = new JsonObject
                        {
                            ["required"] = true,
                            ["content"] = new JsonObject
                            {
                                ["application/json"] = new JsonObject
                                {
                                    ["schema"] = new JsonObject
                                    {
                                        ["type"] = "object",
                                        ["required"] = new JsonArray("apiKeySecret"),
                                        ["properties"] = new JsonObject { ["apiKeySecret"] = new JsonObject { ["type"] = "string" } },
                                    },
                                },
                            },
                        },
                        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "accessToken and optional accessTokenExpiresIn" } },
                    },
                },
                ["/api/auth/context"] = Get("Current authentication context", "Auth"),
                ["/api/data-marts"] = Get("List data marts (pages of 1000)", "Data Marts", Query("offset", "integer"), Query("ownerFilter")),
                ["/api/data-marts/{id}"] = Get("Get a data mart with its schema", "Data Marts", Path("id")),
                ["/api/data-marts/{id}/runs"] = Get("List runs of a data mart", "Data Marts", Path("id"), Query("limit", "integer"), Query("offset", "integer")),
                ["/api/data-marts/{id}/runs/{runId}"] = Get("Get one run", "Data Marts", Path("id"), Path("runId")),
                ["/api/data-marts/runs"] = Get("List runs project-wide", "Data Marts", Query("limit", "integer"), Query("offset", "integer")),
                ["/api/reports/data-mart/{dataMartId}"] = Get("List reports of a data mart", "Reports", Path("dataMartId")),
                ["/api/reports/{id}"] = Get("Get a report", "Reports", Path("id")),
                ["/api/external/http-data/data-marts/{dataMartId}.ndjson"] = stream,
                ["/api/external/http-data/reports/{reportId}.ndjson"] = report,
            },
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-OWOX-Authorization" },
                },
            },
        };
    }
}
