namespace Owox.Data.Query;

/// <summary>What a command streams: a data mart (wire-protocol §3) or a saved report (wire-protocol §4).</summary>
internal enum QueryTarget
{
    DataMart,
    Report,
}
