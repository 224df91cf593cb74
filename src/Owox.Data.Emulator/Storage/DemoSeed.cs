using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Owox.Data.Emulator.Storage;

/// <summary>Creates the demo marts and reports (idempotent: an existing database keeps them, the ad-performance rows follow DemoRows).</summary>
internal static class DemoSeed
{
    public static void Ensure(EmulatorStore store, int demoRows, DateTimeOffset now, DataMartDefinition? benchmark)
    {
        var seedTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        if (store.FindMart(DemoMarts.AdPerformance) is null || store.RowCount(DemoMarts.AdPerformance) != demoRows)
        {
            store.CreateMart(AdPerformanceDefinition(DemoMarts.AdPerformance, "Ad performance", true), AdRows(demoRows), seedTime);
            store.CreateMart(AdPerformanceDefinition(DemoMarts.Benchmark, "Benchmark (pre-rendered payload)", true), [], seedTime, sharedTableOf: DemoMarts.AdPerformance);
        }

        if (benchmark is not null)
        {
            store.CreateMart(new DataMartDefinition
            {
                Id = DemoMarts.Benchmark,
                Title = benchmark.Title,
                Description = benchmark.Description,
                Storage = benchmark.Storage,
                Published = true,
                Columns = benchmark.Columns,
            }, [], seedTime);
        }

        if (store.FindMart(DemoMarts.Empty) is null)
        {
            store.CreateMart(AdPerformanceDefinition(DemoMarts.Empty, "Empty ad performance", true), [], seedTime);
        }

        if (store.FindMart(DemoMarts.Draft) is null)
        {
            store.CreateMart(AdPerformanceDefinition(DemoMarts.Draft, "Draft ad performance", false), AdRows(3), seedTime);
        }

        Flavour(store, DemoMarts.BigQuery, StorageFlavor.BigQuery, BigQueryColumns(), BigQueryRows(), seedTime);
        Flavour(store, DemoMarts.Athena, StorageFlavor.Athena, AthenaColumns(), AthenaRows(), seedTime);
        Flavour(store, DemoMarts.Snowflake, StorageFlavor.Snowflake, SnowflakeColumns(), SnowflakeRows(), seedTime);
        Flavour(store, DemoMarts.Redshift, StorageFlavor.Redshift, RedshiftColumns(), RedshiftRows(), seedTime);
        Flavour(store, DemoMarts.Databricks, StorageFlavor.Databricks, DatabricksColumns(), DatabricksRows(), seedTime);

        if (store.FindReport(DemoMarts.ActiveCampaignsReport) is null)
        {
            store.SaveReport(new ReportInfo
            {
                Id = DemoMarts.ActiveCampaignsReport,
                Title = "Active campaigns",
                DataMartId = DemoMarts.AdPerformance,
                ColumnConfig = ["date", "campaign", "cost"],
                FilterConfig = Json("""[{"column":"is_active","operator":"is_true"}]"""),
                SortConfig = Json("""[{"column":"date","direction":"desc"},{"column":"campaign","direction":"asc"}]"""),
                LimitConfig = 50,
            });
        }

        if (store.FindReport(DemoMarts.CostByCountryReport) is null)
        {
            store.SaveReport(new ReportInfo
            {
                Id = DemoMarts.CostByCountryReport,
                Title = "Cost by country",
                DataMartId = DemoMarts.AdPerformance,
                ColumnConfig = ["country", "cost", "ctr"],
                AggregationConfig = Json("""[{"column":"cost","function":"SUM"},{"column":"ctr","function":"AVG"}]"""),
                SortConfig = Json("""[{"column":"country","direction":"asc"}]"""),
            });
        }
    }

    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    private static void Flavour(EmulatorStore store, string id, StorageFlavor flavor, List<DataMartColumn> columns, IEnumerable<object?[]> rows, DateTimeOffset at)
    {
        if (store.FindMart(id) is not null)
        {
            return;
        }

        store.CreateMart(new DataMartDefinition { Id = id, Title = flavor + " types", Storage = flavor, Columns = columns }, rows, at);
    }

    public static DataMartDefinition AdPerformanceDefinition(string id, string title, bool published) => new()
    {
        Id = id,
        Title = title,
        Description = "Deterministic advertising performance data (see DemoMarts.AdPerformanceRow).",
        Storage = StorageFlavor.BigQuery,
        Published = published,
        Columns =
        [
            new("date", "DATE") { Mode = "REQUIRED", Alias = "Date", IsPrimaryKey = true, AggregationRole = "dimension", AllowedAggregations = ["MIN", "MAX", "COUNT", "COUNT_DISTINCT", "ANY_VALUE"] },
            new("campaign", "STRING") { Mode = "REQUIRED", Alias = "Campaign", IsPrimaryKey = true },
            new("channel", "STRING") { Mode = "NULLABLE", Alias = "Channel" },
            new("country", "STRING") { Mode = "REQUIRED", Alias = "Country" },
            new("impressions", "INTEGER") { Mode = "REQUIRED", Alias = "Impressions" },
            new("clicks", "INTEGER") { Mode = "REQUIRED", Alias = "Clicks" },
            new("conversions", "INTEGER") { Mode = "REQUIRED", Alias = "Conversions" },
            new("cost", "NUMERIC") { Mode = "REQUIRED", Alias = "Cost", Description = "Spend in USD", AggregationRole = "metric" },
            new("revenue", "NUMERIC") { Mode = "NULLABLE", Alias = "Revenue" },
            new("ctr", "FLOAT") { Mode = "REQUIRED", Alias = "CTR", Description = "clicks / impressions" },
            new("is_active", "BOOLEAN") { Mode = "REQUIRED", Alias = "Active" },
            new("created_at", "TIMESTAMP") { Mode = "REQUIRED", Alias = "Created at" },
            new("notes", "STRING") { Mode = "NULLABLE", Alias = "Notes" },
        ],
    };

    private static IEnumerable<object?[]> AdRows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var r = DemoMarts.AdPerformanceRow(i);
            yield return
            [
                r.Date, r.Campaign, r.Channel, r.Country, r.Impressions, r.Clicks, r.Conversions, r.Cost, r.Revenue, r.Ctr, r.IsActive, r.CreatedAt, r.Notes,
            ];
        }
    }

    private static List<DataMartColumn> BigQueryColumns() =>
    [
        new("id", "INTEGER") { Mode = "REQUIRED", IsPrimaryKey = true },
        new("name", "STRING") { Mode = "NULLABLE" },
        new("amount", "NUMERIC") { Mode = "NULLABLE" },
        new("big", "BIGNUMERIC") { Mode = "NULLABLE" },
        new("ratio", "FLOAT") { Mode = "NULLABLE" },
        new("flag", "BOOLEAN") { Mode = "NULLABLE" },
        new("day", "DATE") { Mode = "NULLABLE" },
        new("dt", "DATETIME") { Mode = "NULLABLE" },
        new("t", "TIME") { Mode = "NULLABLE" },
        new("ts", "TIMESTAMP") { Mode = "NULLABLE" },
        new("payload", "BYTES") { Mode = "NULLABLE" },
        new("doc", "JSON") { Mode = "NULLABLE" },
        new("geo", "GEOGRAPHY") { Mode = "NULLABLE" },
        new("tags", "STRING") { Mode = "REPEATED" },
        new("rec", "RECORD")
        {
            Mode = "NULLABLE",
            Fields = [new("x", "INTEGER") { Mode = "NULLABLE" }, new("y", "DATE") { Mode = "NULLABLE" }, new("z", "NUMERIC") { Mode = "NULLABLE" }],
        },
        new("huge", "INTEGER") { Mode = "NULLABLE" },
        new("secret", "STRING") { Mode = "NULLABLE", IsHiddenForReporting = true },
        new("gone", "STRING") { Mode = "NULLABLE", Status = "DISCONNECTED" },
    ];

    // Column order: id name amount big ratio flag day dt t ts payload doc geo tags rec rec.x rec.y rec.z huge secret gone
    private static IEnumerable<object?[]> BigQueryRows() =>
    [
        [1L, "hi", 123.45m, 1.5e21, 3.14, true, "2026-05-01", "2026-05-01 12:34:56.123456", "23:59:59.999999", "2025-05-01T12:34:56.123Z",
            new byte[] { 0x61, 0x62, 0x63 }, """{"a":1}""", "POINT(1 2)", """["x","y"]""", """{"x":7,"y":{"value":"2026-02-02"},"z":"1.5"}""", 7L, "2026-02-02", 1.5m,
            9007199254740993L, "hidden", "old"],
        [2L, "ünï \"q\"\t\\", 0.0000001m, null, -2.5, false, "2024-02-29", "2026-05-01 12:34:56", "12:00:00", "2025-05-01T12:34:56.1234Z",
            Array.Empty<byte>(), """[1,{"b":null}]""", null, "[]", """{"x":null,"y":null,"z":"-0.5"}""", null, null, -0.5m, -42L, null, null],
        [3L, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ];

    private static List<DataMartColumn> AthenaColumns() =>
    [
        new("id", "BIGINT") { IsPrimaryKey = true },
        new("name", "VARCHAR"),
        new("amount", "DECIMAL"),
        new("ratio", "DOUBLE"),
        new("flag", "BOOLEAN"),
        new("day", "DATE"),
        new("ts", "TIMESTAMP"),
        new("tstz", "TIMESTAMP WITH TIME ZONE"),
        new("t", "TIME"),
        new("bin", "VARBINARY"),
        new("arr", "ARRAY"),
        new("doc", "JSON"),
        new("small", "INTEGER"),
    ];

    private static IEnumerable<object?[]> AthenaRows() =>
    [
        [9007199254740993L, "hi", 123.45m, 3.14, true, "2026-05-01", "2024-01-01 00:00:00", "2024-01-01 00:00:00", "12:34:56", new byte[] { 0x61, 0x62, 0x63 }, "[1, 2]", """{"a":1}""", 42L],
        [2L, "", 0.5m, -1.0, false, "2024-02-29", "2024-01-01 23:59:59.999", "2024-06-01 10:00:00.5", "00:00:01.5", null, null, null, null],
        [3L, null, null, null, null, null, null, null, null, null, null, null, null],
    ];

    private static List<DataMartColumn> SnowflakeColumns() =>
    [
        new("ID", "NUMERIC") { IsPrimaryKey = true },
        new("AMOUNT", "NUMERIC"),
        new("RATIO", "FLOAT"),
        new("NAME", "STRING"),
        new("FLAG", "BOOLEAN"),
        new("DAY", "DATE"),
        new("TS", "TIMESTAMP"),
        new("T", "TIME"),
        new("BIN", "BYTES"),
        new("V", "VARIANT"),
        new("GEO", "GEOGRAPHY"),
        new("N", "INTEGER"),
    ];

    private static IEnumerable<object?[]> SnowflakeRows() =>
    [
        [42L, 12.5m, 0.25, "hi", true, "2024-05-01", "2024-05-01 12:34:56.123", "12:34:56", new byte[] { 0x61, 0x62, 0x63 }, """{"a":1,"b":[1,2]}""", """{"type":"Point","coordinates":[1,2]}""", 7L],
        [43L, 0.1m, 1e-7, "ünï", false, "2024-02-29", "2024-05-01 00:00:00", "00:00:00", null, "[1,\"x\"]", null, 9007199254740993L],
        [44L, null, null, null, null, null, null, null, null, null, null, null],
    ];

    private static List<DataMartColumn> RedshiftColumns() =>
    [
        new("id", "INTEGER") { IsPrimaryKey = true },
        new("big", "BIGINT"),
        new("amount", "DECIMAL"),
        new("ratio", "DOUBLE PRECISION"),
        new("name", "VARCHAR"),
        new("code", "CHAR"),
        new("flag", "BOOLEAN"),
        new("day", "DATE"),
        new("ts", "TIMESTAMP"),
        new("tstz", "TIMESTAMPTZ"),
        new("t", "TIME"),
        new("doc", "SUPER"),
        new("raw", "BYTEA"),
    ];

    private static IEnumerable<object?[]> RedshiftRows() =>
    [
        [1L, 9007199254740993L, 123.45m, 3.14, "hi", "A", true, "2026-05-01", "2026-05-01 12:34:56", "2026-05-01 12:34:56", "12:34:56", """{"a":1}""", new byte[] { 1, 2 }],
        [2L, -5L, 0.5m, 0.1, "ünï", "B", false, "2024-02-29", "2026-05-01 12:34:56.5", "2026-05-01 00:00:00.25", "00:00:01.5", "[1,2]", null],
        [3L, null, null, null, null, null, null, null, null, null, null, null, null],
    ];

    private static List<DataMartColumn> DatabricksColumns() =>
    [
        new("id", "INT") { IsPrimaryKey = true },
        new("big", "BIGINT"),
        new("amount", "DECIMAL"),
        new("ratio", "DOUBLE"),
        new("name", "STRING"),
        new("flag", "BOOLEAN"),
        new("day", "DATE"),
        new("ts", "TIMESTAMP"),
        new("ntz", "TIMESTAMP_NTZ"),
        new("bin", "BINARY"),
        new("arr", "ARRAY"),
        new("st", "STRUCT"),
        new("m", "MAP"),
    ];

    private static IEnumerable<object?[]> DatabricksRows() =>
    [
        [1L, 9007199254740993L, 12.5m, 3.14, "hi", true, "2026-05-01", "2026-05-01 12:34:56.123456", "2026-05-01 12:34:56", new byte[] { 0x61, 0x62, 0x63 }, "[1,2]", """{"a":1}""", """{"k":"v"}"""],
        [2L, -5L, 0.1m, 1e21, "ünï", false, "2024-02-29", "2024-02-29 00:00:00", "2024-02-29 23:59:59.999", null, "[]", null, null],
        [3L, null, null, null, null, null, null, null, null, null, null, null, null],
    ];
}
