namespace Owox.Data.Query;

/// <summary>Sort direction of a sort rule (wire-protocol §3.3.2).</summary>
internal enum SortDirection
{
    Ascending,
    Descending,
}
