using System.Data.Common;

namespace Owox.Data;

/// <summary>
/// Fills <see cref="System.Data.DataSet"/>s and <see cref="System.Data.DataTable"/>s from an <see cref="OwoxCommand"/>.
/// OWOX Data Marts is read-only, so there are no insert, update or delete commands to set.
/// </summary>
public sealed class OwoxDataAdapter : DbDataAdapter
{
    /// <summary>Creates an adapter with no select command.</summary>
    public OwoxDataAdapter()
    {
    }

    /// <summary>Creates an adapter that fills from <paramref name="selectCommand"/>.</summary>
    public OwoxDataAdapter(OwoxCommand selectCommand)
    {
        SelectCommand = selectCommand;
    }

    /// <summary>Creates an adapter for command text on a connection.</summary>
    public OwoxDataAdapter(string selectCommandText, OwoxConnection connection)
    {
        SelectCommand = new OwoxCommand(selectCommandText, connection);
    }
}
