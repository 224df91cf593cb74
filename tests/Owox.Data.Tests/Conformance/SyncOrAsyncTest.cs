using System.Data.Common;
using System.Threading.Tasks;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

/// <summary>
/// A conformance fixture runs once synchronously and once asynchronously (Npgsql's SyncOrAsyncTestBase is the model):
/// each test calls the members below, which take the sync or the async path of ADO.NET.
/// </summary>
public abstract class SyncOrAsyncTest(EmulatorFixture fixture, bool isAsync)
{
    protected EmulatorFixture Fixture { get; } = fixture;

    protected bool IsAsync { get; } = isAsync;

    protected async Task OpenAsync(DbConnection connection)
    {
        if (IsAsync)
            await connection.OpenAsync();
        else
            connection.Open();
    }

    protected async Task<OwoxConnection> OpenNewAsync(string? extra = null)
    {
        var connection = new OwoxConnection($"Api Key={Fixture.ApiKey};{extra}");
        await OpenAsync(connection);
        return connection;
    }

    protected async Task<DbDataReader> ExecuteReaderAsync(DbCommand command) =>
        IsAsync ? await command.ExecuteReaderAsync() : command.ExecuteReader();

    protected async Task<bool> ReadAsync(DbDataReader reader) =>
        IsAsync ? await reader.ReadAsync() : reader.Read();

    protected async Task<object?> ExecuteScalarAsync(DbCommand command) =>
        IsAsync ? await command.ExecuteScalarAsync() : command.ExecuteScalar();
}
