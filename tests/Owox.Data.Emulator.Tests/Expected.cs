using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace Owox.Data.Emulator.Tests;

/// <summary>Independent expectations for ad-performance rows (computed from the generator, not from SQL).</summary>
public static class Expected
{
    public static AdPerformanceRow Row(int i) => DemoMarts.AdPerformanceRow(i);

    public static AdPerformanceRow[] All(int count) => Enumerable.Range(0, count).Select(DemoMarts.AdPerformanceRow).ToArray();

    /// <summary>Asserts that a streamed (BigQuery-flavoured) JSON member holds a generator value.</summary>
    public static void Value(AdPerformanceRow row, string column, JsonElement actual)
    {
        switch (column)
        {
            case "date": Assert.Equal(row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), actual.GetString()); break;
            case "campaign": Assert.Equal(row.Campaign, actual.GetString()); break;
            case "channel": Nullable(row.Channel, actual); break;
            case "country": Assert.Equal(row.Country, actual.GetString()); break;
            case "impressions": Assert.Equal(row.Impressions, actual.GetInt64()); break;
            case "clicks": Assert.Equal(row.Clicks, actual.GetInt64()); break;
            case "conversions": Assert.Equal(row.Conversions, actual.GetInt64()); break;
            case "cost":
                Assert.Equal(JsonValueKind.String, actual.ValueKind);
                Assert.Equal(row.Cost, decimal.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                break;
            case "revenue":
                if (row.Revenue is null)
                {
                    Assert.Equal(JsonValueKind.Null, actual.ValueKind);
                }
                else
                {
                    Assert.Equal(row.Revenue, decimal.Parse(actual.GetString()!, CultureInfo.InvariantCulture));
                }

                break;
            case "ctr": Assert.Equal(row.Ctr, actual.GetDouble()); break;
            case "is_active": Assert.Equal(row.IsActive, actual.GetBoolean()); break;
            case "created_at": Assert.Equal(row.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), actual.GetString()); break;
            case "notes": Nullable(row.Notes, actual); break;
            default: throw new ArgumentException(column);
        }
    }

    private static void Nullable(string? expected, JsonElement actual)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(expected, actual.GetString());
        }
    }
}
