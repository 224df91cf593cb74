using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Owox.Data.Packaging.Tests;

/// <summary>What a user downloading the packages gets: metadata, every target framework with XML docs, strong names, symbols.</summary>
[Collection(SharedPackages.Name)]
public sealed class PackageTests(PackedPackages packages)
{
    private static readonly string[] LibraryFrameworks = ["netstandard2.0", "net8.0", "net10.0"];

    /// <summary>Owox.Data.Parquet has the frameworks of Parquet.Net 6.1, which has no netstandard2.0 build.</summary>
    private static readonly string[] ParquetFrameworks = ["net8.0", "net10.0"];

    public static TheoryData<string> Ids => new(PackedPackages.Projects);

    public static TheoryData<string> AllIds => new(PackedPackages.AllProjects);

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Package_metadata_is_complete(string id)
    {
        using var package = ZipFile.OpenRead(packages.Package(id));
        var metadata = Nuspec(package).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;

        Assert.Equal(id, Value("id"));
        Assert.Equal("0.1.0", Value("version"));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Elements().Single(e => e.Name.LocalName == "license").Attribute("type")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("owox", Value("tags").Split(' '));
        Assert.Equal("README.md", Value("readme"));
        Assert.NotNull(package.GetEntry("README.md"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Matches(new Regex("^[0-9a-f]{40}$"), repository.Attribute("commit")?.Value ?? string.Empty);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value, StringComparison.Ordinal);
        Assert.StartsWith("https://", Value("projectUrl"), StringComparison.Ordinal);
        Assert.Contains("CHANGELOG.md", Value("releaseNotes"), StringComparison.Ordinal);
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.StartsWith("# " + id, readme.ReadLine(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_emulator_declares_everything_it_needs()
    {
        using var package = ZipFile.OpenRead(packages.Package("Owox.Data.Emulator"));
        var nuspec = Nuspec(package);
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        // The repository pins SQLitePCLRaw centrally; a consumer without those pins gets them from the package.
        Assert.Equal("2.1.13", dependencies["SQLitePCLRaw.core"]);
        Assert.Equal("2.1.13", dependencies["SQLitePCLRaw.bundle_e_sqlite3"]);
        Assert.True(dependencies.ContainsKey("Microsoft.Data.Sqlite"));
        Assert.Contains(nuspec.Descendants(), e => e.Name.LocalName == "frameworkReference" && e.Attribute("name")?.Value == "Microsoft.AspNetCore.App");
        Assert.NotNull(package.GetEntry("lib/net10.0/Owox.Data.Emulator.dll"));
        Assert.NotNull(package.GetEntry("lib/net10.0/Owox.Data.Emulator.xml"));
    }

    [Fact]
    public void The_cli_is_a_dotnet_tool_named_owox_data()
    {
        using var package = ZipFile.OpenRead(packages.Package("Owox.Data.Cli"));
        Assert.Contains(Nuspec(package).Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");
        var settings = package.Entries.Single(e => e.Name == "DotnetToolSettings.xml");
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants().Single(e => e.Name.LocalName == "Command");
        Assert.Equal("owox-data", command.Attribute("Name")?.Value);
        Assert.Equal("owox-data.dll", command.Attribute("EntryPoint")?.Value);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Libraries_ship_every_target_framework_with_XML_docs_and_symbols(string id)
    {
        using var package = ZipFile.OpenRead(packages.Package(id));
        using var symbols = ZipFile.OpenRead(packages.Package(id, "snupkg"));
        var frameworks = id == "Owox.Data.Parquet" ? ParquetFrameworks : LibraryFrameworks;
        foreach (var framework in frameworks)
        {
            Assert.NotNull(package.GetEntry($"lib/{framework}/{id}.dll"));
            Assert.NotNull(package.GetEntry($"lib/{framework}/{id}.xml"));
            Assert.NotNull(symbols.GetEntry($"lib/{framework}/{id}.pdb"));
        }
        Assert.DoesNotContain(package.Entries, e => e.FullName.Contains("Tests", StringComparison.Ordinal) || e.FullName.Contains("Samples", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Assemblies_are_strong_named_with_the_repository_key(string id)
    {
        using var package = ZipFile.OpenRead(packages.Package(id));
        var directory = Directory.CreateTempSubdirectory("owox-lib-").FullName;
        try
        {
            foreach (var entry in package.Entries.Where(e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) && e.Name == id + ".dll"))
            {
                var path = Path.Combine(directory, entry.FullName.Replace('/', '_'));
                entry.ExtractToFile(path);
                var token = AssemblyName.GetAssemblyName(path).GetPublicKeyToken();
                Assert.Equal("069688d36c9bf468", Convert.ToHexString(token!).ToLowerInvariant());
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Dependencies_are_only_what_each_framework_lacks()
    {
        using var provider = ZipFile.OpenRead(packages.Package("Owox.Data"));
        var groups = Nuspec(provider).Descendants().Where(e => e.Name.LocalName == "group")
            .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements().Select(d => d.Attribute("id")!.Value).ToArray());
        Assert.Contains("System.Text.Json", groups[".NETStandard2.0"]);
        Assert.DoesNotContain("System.Text.Json", groups["net10.0"]);
        Assert.Contains("System.IO.Pipelines", groups["net8.0"]);
        Assert.DoesNotContain("System.IO.Pipelines", groups["net10.0"]);
        Assert.DoesNotContain(groups.Values.SelectMany(ids => ids), d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || d == "PolySharp");

        using var injection = ZipFile.OpenRead(packages.Package("Owox.Data.DependencyInjection"));
        var owox = Nuspec(injection).Descendants().Where(e => e.Name.LocalName == "dependency" && e.Attribute("id")?.Value == "Owox.Data").ToList();
        Assert.Equal(LibraryFrameworks.Length, owox.Count);
        Assert.All(owox, d => Assert.Equal("0.1.0", d.Attribute("version")?.Value));

        using var parquet = ZipFile.OpenRead(packages.Package("Owox.Data.Parquet"));
        var parquetGroups = Nuspec(parquet).Descendants().Where(e => e.Name.LocalName == "group")
            .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements().ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value));
        Assert.Equal(["net10.0", "net8.0"], parquetGroups.Keys.Order(StringComparer.Ordinal));
        Assert.All(parquetGroups.Values, dependencies =>
        {
            Assert.Equal("0.1.0", dependencies["Owox.Data"]);
            Assert.Equal("6.1.0", dependencies["Parquet.Net"]);
            Assert.DoesNotContain(dependencies.Keys, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) || d.StartsWith("DuckDB", StringComparison.Ordinal));
        });
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
