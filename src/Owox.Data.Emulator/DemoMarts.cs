using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using Owox.Data.Emulator.Rendering;

namespace Owox.Data.Emulator;

/// <summary>The fixed ids of the demo data marts every emulator serves, and the deterministic ad-performance generator.</summary>
public static class DemoMarts
{
    /// <summary>BigQuery-flavoured, published, <see cref="OwoxEmulatorOptions.DemoRows"/> rows of <see cref="AdPerformanceRow"/>.</summary>
    public const string AdPerformance = "a0d1e5f0-0000-4000-8000-000000000001";

    /// <summary>Published, zero rows, same schema as <see cref="AdPerformance"/>.</summary>
    public const string Empty = "a0d1e5f0-0000-4000-8000-000000000002";

    /// <summary>A DRAFT mart: streams answer 404 <c>Data Mart {id} not found</c>.</summary>
    public const string Draft = "a0d1e5f0-0000-4000-8000-000000000003";

    /// <summary>BigQuery flavour: one column per interesting BigQuery type (incl. REPEATED and a RECORD with leaves).</summary>
    public const string BigQuery = "a0d1e5f0-0000-4000-8000-000000000004";

    /// <summary>Athena flavour: every value a JSON string, NULL keys omitted.</summary>
    public const string Athena = "a0d1e5f0-0000-4000-8000-000000000005";

    /// <summary>Snowflake flavour.</summary>
    public const string Snowflake = "a0d1e5f0-0000-4000-8000-000000000006";

    /// <summary>Redshift flavour.</summary>
    public const string Redshift = "a0d1e5f0-0000-4000-8000-000000000007";

    /// <summary>Databricks flavour.</summary>
    public const string Databricks = "a0d1e5f0-0000-4000-8000-000000000008";

    /// <summary>Serves <see cref="OwoxEmulatorOptions.PreRenderedPayload"/> (<see cref="OwoxEmulatorOptions.PreRenderedPayloadRepeat"/> times) when set (ad-performance schema; otherwise it streams like <see cref="AdPerformance"/>).</summary>
    public const string Benchmark = "a0d1e5f0-0000-4000-8000-000000000009";

    /// <summary>A saved report on <see cref="AdPerformance"/>: columns date, campaign, cost; filter <c>is_active</c> true; sort date desc, campaign asc; limit 50.</summary>
    public const string ActiveCampaignsReport = "a0d1e5f0-0000-4000-9000-000000000001";

    /// <summary>A saved report on <see cref="AdPerformance"/>: country with SUM(cost), AVG(ctr) and Row Count, sorted by country.</summary>
    public const string CostByCountryReport = "a0d1e5f0-0000-4000-9000-000000000002";

    /// <summary>The column names of the ad-performance mart, in order.</summary>
    public static IReadOnlyList<string> AdPerformanceColumns { get; } =
        ["date", "campaign", "channel", "country", "impressions", "clicks", "conversions", "cost", "revenue", "ctr", "is_active", "created_at", "notes"];

    private static readonly string[] Campaigns =
    [
        "Summer Sale ☀️",
        "Brand \"Awareness\"",
        "Back\\slash C:\\ads\\promo",
        "Tab\tseparated\tname",
        "Ünïcödé Kampagne – Größe",
        "日本語キャンペーン",
        "Retargeting",
        "Emoji 🚀 launch",
        "Line\nbreak campaign",
        "Search | Generic, \"exact\"",
        "Кампанія весна",
        "<b>html</b> & 'quotes'",
    ];

    private static readonly string[] Channels = ["google", "facebook", "bing", "linkedin", "tiktok"];

    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "UA", "JP", "BR", "IN"];

    private static readonly DateOnly FirstDate = new(2024, 11, 1);

    /// <summary>The number of distinct dates the generator spreads rows over (2024-11-01 .. 2026-10-31).</summary>
    public const int DateSpanDays = 730;

    /// <summary>The deterministic generator behind <see cref="AdPerformance"/>: row <paramref name="index"/> (0-based).</summary>
    public static AdPerformanceRow AdPerformanceRow(int index)
    {
        var h1 = Mix((ulong)index);
        var h2 = Mix(h1);
        var h3 = Mix(h2);
        var date = FirstDate.AddDays((int)((long)index * 37 % DateSpanDays));
        var campaign = Campaigns[(int)(h1 % (ulong)Campaigns.Length)] + " #" + (index % 50).ToString(CultureInfo.InvariantCulture);
        var channel = index % 7 == 3 ? null : Channels[(int)(h2 % (ulong)Channels.Length)];
        var country = Countries[(int)(h3 % (ulong)Countries.Length)];
        var impressions = 1000 + (long)(h1 % 100_000);
        var clicks = impressions * (long)(h2 % 500) / 10_000;
        var conversions = clicks * (long)(h3 % 30) / 100;
        var cost = (long)(h2 % 1_000_000) / 100m;
        decimal? revenue = index % 11 == 5 ? null : Math.Round(cost * (0.5m + ((long)(h3 % 300) / 100m)), 2);
        var ctr = (double)clicks / impressions;
        var isActive = h1 % 3 != 0;
        var createdAt = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMilliseconds((double)(h3 % 86_400_000));
        var notes = index % 5 == 0 ? "note " + index.ToString(CultureInfo.InvariantCulture) + (index % 10 == 0 ? " — “smart quotes”" : "") : null;
        return new AdPerformanceRow(date, campaign, channel, country, impressions, clicks, conversions, cost, revenue, ctr, isActive, createdAt, notes);
    }

    /// <summary>
    /// Renders rows 0..<paramref name="rowCount"/>-1 of the ad-performance mart as the exact NDJSON the emulator streams
    /// for <c>GET .../data-marts/{AdPerformance}.ndjson</c> (all columns) — suitable for <see cref="OwoxEmulatorOptions.PreRenderedPayload"/>.
    /// </summary>
    public static byte[] RenderAdPerformancePayload(int rowCount)
    {
        if (rowCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount));
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, rowCount * 320));
        var writer = new NdjsonWriter(buffer);
        var keys = new byte[AdPerformanceColumns.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = NdjsonWriter.EncodeKey(AdPerformanceColumns[i]);
        }

        for (var i = 0; i < rowCount; i++)
        {
            var row = AdPerformanceRow(i);
            writer.BeginRow();
            writer.Key(keys[0]);
            writer.String(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.Key(keys[1]);
            writer.String(row.Campaign);
            writer.Key(keys[2]);
            if (row.Channel is null)
            {
                writer.NullValue();
            }
            else
            {
                writer.String(row.Channel);
            }

            writer.Key(keys[3]);
            writer.String(row.Country);
            writer.Key(keys[4]);
            writer.Long(row.Impressions);
            writer.Key(keys[5]);
            writer.Long(row.Clicks);
            writer.Key(keys[6]);
            writer.Long(row.Conversions);
            writer.Key(keys[7]);
            writer.String(JsNumber.Format(row.Cost));
            writer.Key(keys[8]);
            if (row.Revenue is { } revenue)
            {
                writer.String(JsNumber.Format(revenue));
            }
            else
            {
                writer.NullValue();
            }

            writer.Key(keys[9]);
            writer.Double(row.Ctr);
            writer.Key(keys[10]);
            writer.Bool(row.IsActive);
            writer.Key(keys[11]);
            writer.String(row.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.Key(keys[12]);
            if (row.Notes is null)
            {
                writer.NullValue();
            }
            else
            {
                writer.String(row.Notes);
            }

            writer.EndRow();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
