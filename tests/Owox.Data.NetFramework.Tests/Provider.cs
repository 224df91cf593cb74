using System;
using System.Data.Common;

namespace Owox.Data.NetFramework.Tests;

/// <summary>
/// How the suite reaches the provider: only through <see cref="DbProviderFactories"/> and the invariant name that
/// App.config registers. The test assembly has no compile-time reference to Owox.Data.
/// </summary>
internal static class Provider
{
    public const string InvariantName = "Owox.Data";

    public const string AdPerformance = "a0d1e5f0-0000-4000-8000-000000000001";

    public const string Empty = "a0d1e5f0-0000-4000-8000-000000000002";

    public const int AdPerformanceRows = 1000;

    public static DbProviderFactory Factory => DbProviderFactories.GetFactory(InvariantName);

    /// <summary>A closed connection to the emulator, its string built with keywords through the factory's builder.</summary>
    public static DbConnection Connection(EmulatorProcess emulator, int commandTimeout = 30)
    {
        var builder = Factory.CreateConnectionStringBuilder()!;
        builder["Api Key"] = emulator.ApiKey;
        builder["Command Timeout"] = commandTimeout;
        var connection = Factory.CreateConnection()!;
        connection.ConnectionString = builder.ConnectionString;
        return connection;
    }

    /// <summary>An open connection (see <see cref="Connection"/>).</summary>
    public static DbConnection Open(EmulatorProcess emulator, int commandTimeout = 30)
    {
        var connection = Connection(emulator, commandTimeout);
        connection.Open();
        return connection;
    }

    /// <summary>The provider's error code (<c>OwoxException.Code</c>), read by reflection since the type is not referenced.</summary>
    public static string? Code(DbException exception) =>
        exception.GetType().GetProperty("Code")?.GetValue(exception) as string;

    /// <summary>A command over <paramref name="connection"/> with <paramref name="text"/>.</summary>
    public static DbCommand Command(DbConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        return command;
    }

    /// <summary>A parameter made by the factory.</summary>
    public static DbParameter Parameter(string name, object value)
    {
        var parameter = Factory.CreateParameter() ?? throw new InvalidOperationException("The factory made no parameter.");
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
