namespace Owox.Data.Emulator.Http;

/// <summary>A routed request: its kind, the fault target it counts as, and the ids in its path.</summary>
internal sealed record RouteInfo(RouteKind Kind, FaultTarget Target, string? EntityId, string? SubId = null);
