using System;
using System.Data;
using System.Data.Common;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

public abstract class ParameterConformanceTests(EmulatorFixture fixture, bool isAsync) : SyncOrAsyncTest(fixture, isAsync)
{
    [Fact]
    public void The_collection_refuses_null_everywhere_with_ArgumentNullException()
    {
        var parameters = new OwoxCommand().Parameters;
        DbParameterCollection collection = parameters;
        parameters.Add(new OwoxParameter("a", 1));
        Assert.Throws<ArgumentNullException>(() => collection.Add(null!));
        Assert.Throws<ArgumentNullException>(() => parameters.Add((OwoxParameter)null!));
        Assert.Throws<ArgumentNullException>(() => collection.Insert(0, null!));
        Assert.Throws<ArgumentNullException>(() => parameters.Insert(0, (OwoxParameter)null!));
        Assert.Throws<ArgumentNullException>(() => collection.Remove(null!));
        Assert.Throws<ArgumentNullException>(() => parameters.Remove((OwoxParameter)null!));
        Assert.Throws<ArgumentNullException>(() => collection[0] = null!);
        Assert.Throws<ArgumentNullException>(() => collection["a"] = null!);
        Assert.Single(parameters);
    }

    [Fact]
    public async Task A_parameter_binds_by_name_without_its_prefix_and_DBNull_is_NULL()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand($"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" WHERE campaign = @c LIMIT 1", connection);
        var parameter = command.CreateParameter();
        parameter.ParameterName = "c";
        parameter.Value = DemoMarts.AdPerformanceRow(3).Campaign;
        command.Parameters.Add(parameter);
        Assert.Equal(DemoMarts.AdPerformanceRow(3).Campaign, await ExecuteScalarAsync(command));
        Assert.Equal(DbType.String, parameter.DbType);
    }

    public sealed class Sync(EmulatorFixture fixture) : ParameterConformanceTests(fixture, isAsync: false), IClassFixture<EmulatorFixture>;

    public sealed class Async(EmulatorFixture fixture) : ParameterConformanceTests(fixture, isAsync: true), IClassFixture<EmulatorFixture>;
}
