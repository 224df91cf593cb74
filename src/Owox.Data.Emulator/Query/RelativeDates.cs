using System;
using System.Text.Json;

namespace Owox.Data.Emulator.Query;

/// <summary>The inclusive date window of a <c>relative_date</c> preset, relative to the emulator clock's date.</summary>
internal static class RelativeDates
{
    public static (DateOnly From, DateOnly To) Range(JsonElement preset, DateOnly today)
    {
        var kind = preset.GetProperty("kind").GetString();
        var n = preset.TryGetProperty("n", out var nElement) && nElement.ValueKind == JsonValueKind.Number ? nElement.GetInt32() : 1;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return kind switch
        {
            "today" => (today, today),
            "yesterday" => (today.AddDays(-1), today.AddDays(-1)),
            "this_week" => (monday, monday.AddDays(6)),
            "last_week" => (monday.AddDays(-7), monday.AddDays(-1)),
            "this_month" => (monthStart, monthStart.AddMonths(1).AddDays(-1)),
            "last_month" => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            "this_quarter" => (quarterStart, quarterStart.AddMonths(3).AddDays(-1)),
            "last_quarter" => (quarterStart.AddMonths(-3), quarterStart.AddDays(-1)),
            "this_year" => (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
            "last_n_days" => (today.AddDays(-(n - 1)), today),
            "next_n_days" => (today, today.AddDays(n - 1)),
            "last_n_months" => (today.AddMonths(-n), today),
            _ => throw new InvalidOperationException(kind),
        };
    }
}
