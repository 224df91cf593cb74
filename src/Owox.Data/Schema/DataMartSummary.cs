namespace Owox.Data.Schema;

/// <summary>One entry of <c>GET /api/data-marts</c> (§5.2): a data mart the key may see, without its schema.</summary>
internal sealed record DataMartSummary(string Id, string? Title, string? Status, string? StorageType, string? Description);
