namespace Owox.Data.Query;

/// <summary>One date-bucket rule (wire-protocol §3.3.4); the output column keeps the source column's name.</summary>
internal sealed record DateTruncRule(string Column, DateTruncUnit Unit, string? TimeZone = null);
