using System;

namespace Owox.Data.Emulator;

/// <summary>
/// One row of the <see cref="DemoMarts.AdPerformance"/> mart, as produced by <see cref="DemoMarts.AdPerformanceRow"/>.
/// Properties are in column order: <c>date, campaign, channel, country, impressions, clicks, conversions, cost, revenue,
/// ctr, is_active, created_at, notes</c>.
/// </summary>
/// <param name="Date"><c>date</c> (DATE).</param>
/// <param name="Campaign"><c>campaign</c> (STRING; unicode, quotes, backslashes, tabs, newlines).</param>
/// <param name="Channel"><c>channel</c> (STRING, sometimes null).</param>
/// <param name="Country"><c>country</c> (STRING).</param>
/// <param name="Impressions"><c>impressions</c> (INTEGER).</param>
/// <param name="Clicks"><c>clicks</c> (INTEGER).</param>
/// <param name="Conversions"><c>conversions</c> (INTEGER).</param>
/// <param name="Cost"><c>cost</c> (NUMERIC, two decimals; sent as a JSON string).</param>
/// <param name="Revenue"><c>revenue</c> (NUMERIC, sometimes null).</param>
/// <param name="Ctr"><c>ctr</c> (FLOAT).</param>
/// <param name="IsActive"><c>is_active</c> (BOOLEAN).</param>
/// <param name="CreatedAt"><c>created_at</c> (TIMESTAMP, UTC, millisecond precision).</param>
/// <param name="Notes"><c>notes</c> (STRING, often null).</param>
public sealed record AdPerformanceRow(
    DateOnly Date,
    string Campaign,
    string? Channel,
    string Country,
    long Impressions,
    long Clicks,
    long Conversions,
    decimal Cost,
    decimal? Revenue,
    double Ctr,
    bool IsActive,
    DateTime CreatedAt,
    string? Notes);
