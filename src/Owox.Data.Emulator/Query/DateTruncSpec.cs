namespace Owox.Data.Emulator.Query;

/// <summary>One date-bucket rule (wire-protocol §3.3.4).</summary>
internal sealed record DateTruncSpec(string Column, string Unit, string? TimeZone);
