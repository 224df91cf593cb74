using Xunit;

namespace Owox.Data.NetFramework.Tests;

/// <summary>Every test class shares one emulator process and runs one after the other (fault rules are global to it).</summary>
[CollectionDefinition(Name)]
public sealed class SharedEmulator : ICollectionFixture<EmulatorProcess>
{
    /// <summary>The collection's name, for <c>[Collection(SharedEmulator.Name)]</c>.</summary>
    public const string Name = "Emulator process";
}
