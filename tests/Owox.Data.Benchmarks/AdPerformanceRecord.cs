using System;

namespace Owox.Data.Benchmarks;

/// <summary>The POCO Dapper maps ad-performance rows into (property names match the column names, ignoring case and underscores).</summary>
internal sealed class AdPerformanceRecord
{
    public DateTime Date { get; set; }
    public string Campaign { get; set; } = string.Empty;
    public string? Channel { get; set; }
    public string Country { get; set; } = string.Empty;
    public long Impressions { get; set; }
    public long Clicks { get; set; }
    public long Conversions { get; set; }
    public decimal Cost { get; set; }
    public decimal? Revenue { get; set; }
    public double Ctr { get; set; }
    public bool Is_Active { get; set; }
    public DateTime Created_At { get; set; }
    public string? Notes { get; set; }
}
