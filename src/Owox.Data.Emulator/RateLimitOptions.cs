namespace Owox.Data.Emulator;

/// <summary>Per-API-key request limits (the model of wire-protocol §9); windows follow <see cref="OwoxEmulator.Clock"/>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests allowed per key per clock hour (default 1000).</summary>
    public int HourLimit { get; set; } = 1000;

    /// <summary>Requests allowed per key per UTC day (default 15000).</summary>
    public int DayLimit { get; set; } = 15000;
}
