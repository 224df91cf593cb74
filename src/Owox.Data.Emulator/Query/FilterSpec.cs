using System.Text.Json;

namespace Owox.Data.Emulator.Query;

/// <summary>One filter rule as decoded from the <c>filter</c> parameter (wire-protocol §3.3.1).</summary>
internal sealed record FilterSpec(string Column, string Operator, JsonElement? Value, string? Function, string? Placement);
