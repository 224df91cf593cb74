using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Owox.Data.Packaging.Tests;

/// <summary>
/// A user's project outside the repository — none of its Directory.*.props, no central package versions — that
/// references Owox.Data and Owox.Data.Emulator (the packages, or the projects of a clone), starts the emulator
/// in-process and reads rows: the emulator must bring every dependency it needs (SQLitePCLRaw at the version it was
/// built with).
/// </summary>
[Collection(SharedPackages.Name)]
public sealed class ConsumerProjectTests(PackedPackages packages)
{
    [Fact]
    public void A_project_outside_the_repository_starts_the_packed_emulator_and_reads_rows()
    {
        var project = BuildAndRunConsumer("""
            <PackageReference Include="Owox.Data" Version="0.1.0" />
            <PackageReference Include="Owox.Data.Emulator" Version="0.1.0" />
            """);
        Assert.True(Directory.Exists(Path.Combine(packages.PackageCache, "owox.data.emulator", "0.1.0")), $"{project}: restored from the pack folder");
    }

    /// <summary>
    /// The same through project references to a copy of the repository's sources (a user who builds the emulator from a
    /// clone): the emulator project's own package references must name the SQLite versions, since the repository's
    /// central pins do not apply to the consumer's restore. The copy keeps the build away from this working tree.
    /// </summary>
    [Fact]
    public void A_project_outside_the_repository_that_references_the_emulator_project_gets_its_sqlite_versions()
    {
        var clone = Path.Combine(packages.Root, "clone-" + Guid.NewGuid().ToString("N"));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "Owox.Data.snk", ".editorconfig", "global.json", "README.md" })
        {
            Directory.CreateDirectory(clone);
            File.Copy(Path.Combine(packages.RepositoryRoot, file), Path.Combine(clone, file));
        }
        foreach (var project in new[] { "Owox.Data", "Owox.Data.Emulator" })
            CopySources(Path.Combine(packages.RepositoryRoot, "src", project), Path.Combine(clone, "src", project));
        BuildAndRunConsumer($"""
            <ProjectReference Include="{Path.Combine(clone, "src", "Owox.Data", "Owox.Data.csproj")}" />
            <ProjectReference Include="{Path.Combine(clone, "src", "Owox.Data.Emulator", "Owox.Data.Emulator.csproj")}" />
            """);
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            CopySources(directory, Path.Combine(to, Path.GetFileName(directory)));
    }

    /// <summary>Creates, builds and runs a consumer with <paramref name="references"/> in a new workspace; returns its folder.</summary>
    private string BuildAndRunConsumer(string references)
    {
        var project = packages.NewWorkspace("consumer-" + Guid.NewGuid().ToString("N"));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "Directory.Build.props")));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Owox.Data;
            using Owox.Data.Emulator;

            await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 12 });
            await using var connection = new OwoxConnection(emulator.ApiKey);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = DemoMarts.AdPerformance;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
                rows++;
            Console.WriteLine($"rows: {rows}, first column: {reader.GetName(0)}");
            """);

        var (build, _) = DotnetProcess.Run("dotnet", ["build", "-nologo", "-o", "out"], project, TimeSpan.FromMinutes(5), packages.Environment);
        // A dependency left to chance shows up as NU1603/NU1605 (another version than the one asked for); on a registry
        // that has the older version it is the run-time FileNotFoundException for the version the emulator was built with.
        Assert.DoesNotContain("warning NU", build, StringComparison.Ordinal);
        var output = Path.Combine(project, "out");
        foreach (var reference in References(Path.Combine(output, "Owox.Data.Emulator.dll")).Where(r => r.Name!.StartsWith("SQLitePCLRaw", StringComparison.Ordinal)))
            Assert.Equal(reference.Version, AssemblyName.GetAssemblyName(Path.Combine(output, reference.Name + ".dll")).Version);

        var (run, _) = DotnetProcess.Run("dotnet", [Path.Combine(output, "Consumer.dll")], project, TimeSpan.FromMinutes(2), packages.Environment);
        Assert.Contains("rows: 12, first column: date", run, StringComparison.Ordinal);
        return project;
    }

    /// <summary>The assemblies <paramref name="path"/> was compiled against, with the versions it will ask the runtime for.</summary>
    private static AssemblyName[] References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle).GetAssemblyName())];
    }
}
