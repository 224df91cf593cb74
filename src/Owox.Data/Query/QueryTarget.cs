namespace Owox.Data.Query;

/// <summary>What a command streams: a data mart (§3) or a saved report (§4).</summary>
internal enum QueryTarget
{
    DataMart,
    Report,
}
