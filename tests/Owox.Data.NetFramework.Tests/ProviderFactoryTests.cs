using System.Data;
using System.Data.Common;
using System.IO;
using System.Linq;
using Xunit;

namespace Owox.Data.NetFramework.Tests;

/// <summary>The provider as App.config registers it: found by invariant name, loaded from beside the tests, strong-named.</summary>
[Collection(SharedEmulator.Name)]
public sealed class ProviderFactoryTests
{
    [Fact]
    public void App_config_registers_the_factory_by_its_assembly_qualified_name()
    {
        var row = DbProviderFactories.GetFactoryClasses().Rows.Cast<DataRow>()
            .Single(r => (string)r["InvariantName"] == Provider.InvariantName);
        Assert.Equal("Owox.Data.OwoxFactory, Owox.Data, Version=0.1.0.0, Culture=neutral, PublicKeyToken=069688d36c9bf468", row["AssemblyQualifiedName"]);
    }

    [Fact]
    public void The_factory_is_the_providers_singleton_from_the_test_folder()
    {
        var factory = Provider.Factory;
        Assert.Equal("Owox.Data.OwoxFactory", factory.GetType().FullName);
        Assert.Same(factory, Provider.Factory);
        var assembly = factory.GetType().Assembly.GetName();
        Assert.Equal("069688d36c9bf468", string.Concat(assembly.GetPublicKeyToken().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Path.GetDirectoryName(typeof(ProviderFactoryTests).Assembly.Location), Path.GetDirectoryName(factory.GetType().Assembly.Location));
    }

    [Fact]
    public void The_factory_makes_every_object_a_reporting_tool_asks_for()
    {
        var factory = Provider.Factory;
        Assert.Equal("OwoxConnection", factory.CreateConnection()!.GetType().Name);
        Assert.Equal("OwoxCommand", factory.CreateCommand()!.GetType().Name);
        Assert.Equal("OwoxParameter", factory.CreateParameter()!.GetType().Name);
        Assert.Equal("OwoxConnectionStringBuilder", factory.CreateConnectionStringBuilder()!.GetType().Name);
        Assert.Equal("OwoxDataAdapter", factory.CreateDataAdapter()!.GetType().Name);
        Assert.Null(factory.CreateCommandBuilder());
    }

    [Fact]
    public void The_test_assembly_does_not_reference_the_provider()
    {
        Assert.DoesNotContain(typeof(ProviderFactoryTests).Assembly.GetReferencedAssemblies(), a => a.Name == "Owox.Data");
    }
}
