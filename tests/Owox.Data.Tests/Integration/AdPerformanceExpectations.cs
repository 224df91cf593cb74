using System;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>The values a reader must produce for the demo mart, computed from the emulator's generator, not over HTTP.</summary>
internal static class AdPerformanceExpectations
{
    public static object[] Row(int index)
    {
        var r = DemoMarts.AdPerformanceRow(index);
        return
        [
            r.Date.ToDateTime(TimeOnly.MinValue),
            r.Campaign,
            (object?)r.Channel ?? DBNull.Value,
            r.Country,
            r.Impressions,
            r.Clicks,
            r.Conversions,
            r.Cost,
            (object?)r.Revenue ?? DBNull.Value,
            r.Ctr,
            r.IsActive,
            DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc),
            (object?)r.Notes ?? DBNull.Value,
        ];
    }

    public static readonly Type[] FieldTypes =
    [
        typeof(DateTime), typeof(string), typeof(string), typeof(string), typeof(long), typeof(long), typeof(long),
        typeof(decimal), typeof(decimal), typeof(double), typeof(bool), typeof(DateTime), typeof(string),
    ];
}
