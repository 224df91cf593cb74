namespace Owox.Data.Emulator.Query;

/// <summary>One sort rule (wire-protocol §3.3.2).</summary>
internal sealed record SortSpec(string Column, bool Descending);
