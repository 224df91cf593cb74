namespace Owox.Data.Cli;

/// <summary>What <c>owox-data emulator</c> was asked to run.</summary>
/// <param name="Port">The port (0: any free one).</param>
/// <param name="Host">The address to listen on.</param>
/// <param name="DatabasePath">The SQLite file; null for a temporary one.</param>
/// <param name="DemoRows">Rows of the demo data mart.</param>
/// <param name="TokenLifetime">Seconds an access token lives; null for the emulator's default.</param>
/// <param name="HourLimit">An hourly request limit, or null.</param>
/// <param name="DayLimit">A daily request limit, or null.</param>
/// <param name="StreamRowsPerSecond">The most rows per second each stream sends, or null.</param>
/// <param name="StreamBytesPerSecond">The most bytes per second each stream sends, or null.</param>
internal sealed record EmulatorArguments(
    int Port, string Host, string? DatabasePath, int DemoRows, int? TokenLifetime, int? HourLimit, int? DayLimit, double? StreamRowsPerSecond, long? StreamBytesPerSecond);
