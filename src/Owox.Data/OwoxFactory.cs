using System.Data.Common;

namespace Owox.Data;

/// <summary>
/// Creates Owox.Data objects for tools that work through <see cref="DbProviderFactory"/>. Register it under the
/// invariant name <see cref="InvariantName"/>: <c>DbProviderFactories.RegisterFactory("Owox.Data", OwoxFactory.Instance)</c>.
/// </summary>
public sealed class OwoxFactory : DbProviderFactory
{
    /// <summary>The invariant name to register the factory under: <c>Owox.Data</c>.</summary>
    public const string InvariantName = "Owox.Data";

    /// <summary>The single instance (the field <c>DbProviderFactories</c> looks for).</summary>
    public static readonly OwoxFactory Instance = new();

    private OwoxFactory()
    {
    }

#if !NETSTANDARD2_0 && !NETFRAMEWORK
    /// <summary>Always false: OWOX is read-only, there is nothing to build commands for.</summary>
    public override bool CanCreateCommandBuilder => false;

    /// <summary>True.</summary>
    public override bool CanCreateDataAdapter => true;
#endif

    /// <summary>Creates an <see cref="OwoxConnection"/>.</summary>
    public override DbConnection CreateConnection() => new OwoxConnection();

    /// <summary>Creates an <see cref="OwoxCommand"/>.</summary>
    public override DbCommand CreateCommand() => new OwoxCommand();

    /// <summary>Creates an <see cref="OwoxConnectionStringBuilder"/>.</summary>
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new OwoxConnectionStringBuilder();

    /// <summary>Creates an <see cref="OwoxParameter"/>.</summary>
    public override DbParameter CreateParameter() => new OwoxParameter();

    /// <summary>Creates an <see cref="OwoxDataAdapter"/> (for <c>Fill</c>; OWOX is read-only, so <c>Update</c> has nothing to send).</summary>
    public override DbDataAdapter CreateDataAdapter() => new OwoxDataAdapter();

    /// <summary>Returns null: there are no INSERT/UPDATE/DELETE commands to build for a read-only source.</summary>
    public override DbCommandBuilder? CreateCommandBuilder() => null;
}
