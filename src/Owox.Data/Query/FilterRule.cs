namespace Owox.Data.Query;

/// <summary>One filter rule (wire-protocol §3.3.1). With <see cref="Function"/> set it is a HAVING condition on that aggregate.</summary>
internal sealed record FilterRule(string Column, FilterOperator Operator, FilterValue? Value = null, AggregateFunction? Function = null);
