namespace Owox.Data.Query;

/// <summary>The date-bucket units of the HTTP Data API (wire-protocol §3.3.4).</summary>
internal enum DateTruncUnit
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
