using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>A command after parsing: what it targets, and how to bind it into a <see cref="DataMartQuery"/>.</summary>
internal sealed class ParsedCommand(QueryTarget target, string source)
{
    public QueryTarget Target { get; } = target;

    public string Source { get; } = source;

    public bool IsSql { get; }

    public DataMartQuery Bind(string dataMartId, IReadOnlyList<OwoxParameter> parameters, IColumnCatalog? catalog) =>
        new(Target, dataMartId);
}
