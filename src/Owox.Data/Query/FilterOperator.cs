namespace Owox.Data.Query;

/// <summary>The filter operators of the HTTP Data API (wire-protocol §3.3.1); <see cref="QueryWireNames"/> gives the wire token.</summary>
internal enum FilterOperator
{
    Eq,
    Neq,
    Gt,
    Lt,
    Gte,
    Lte,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
    Regex,
    NotRegex,
    In,
    NotIn,
    Between,
    RelativeDate,
    IsEmpty,
    IsNotEmpty,
    IsNull,
    IsNotNull,
    IsTrue,
    IsFalse,
}
