namespace Owox.Data.Packaging.Tests;

/// <summary>The packaging tests share one <see cref="PackedPackages"/>: the projects are packed once per run.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPackages : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
