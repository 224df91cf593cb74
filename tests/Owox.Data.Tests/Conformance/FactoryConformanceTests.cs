using System.Data;
using System.Data.Common;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

public abstract class FactoryConformanceTests(EmulatorFixture fixture, bool isAsync) : SyncOrAsyncTest(fixture, isAsync)
{
    [Fact]
    public async Task Everything_a_tool_builds_from_the_factory_works_together()
    {
        DbProviderFactory factory = OwoxFactory.Instance;
        using var connection = factory.CreateConnection()!;
        connection.ConnectionString = $"Api Key={Fixture.ApiKey}";
        await OpenAsync(connection);
        using var command = factory.CreateCommand()!;
        command.Connection = connection;
        command.CommandText = $"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" WHERE campaign = @c LIMIT 1";
        var parameter = factory.CreateParameter()!;
        parameter.ParameterName = "@c";
        parameter.Value = DemoMarts.AdPerformanceRow(1).Campaign;
        command.Parameters.Add(parameter);
        Assert.Equal(DemoMarts.AdPerformanceRow(1).Campaign, await ExecuteScalarAsync(command));
        using var adapter = factory.CreateDataAdapter()!;
        adapter.SelectCommand = command;
        var table = new DataTable();
        Assert.Equal(1, adapter.Fill(table));
        Assert.True(factory.CanCreateDataAdapter);
        Assert.False(factory.CanCreateDataSourceEnumerator);
    }

    public sealed class Sync(EmulatorFixture fixture) : FactoryConformanceTests(fixture, isAsync: false), IClassFixture<EmulatorFixture>;

    public sealed class Async(EmulatorFixture fixture) : FactoryConformanceTests(fixture, isAsync: true), IClassFixture<EmulatorFixture>;
}
