using System;
using System.IO;

namespace Owox.Data.Packaging.Tests;

/// <summary>
/// A user's project outside the repository — none of its Directory.*.props, no central package versions — that
/// references the packed Owox.Data and Owox.Data.Emulator, starts the emulator in-process and reads rows: the
/// emulator's package must bring every dependency it needs (SQLitePCLRaw at the version it runs with).
/// </summary>
[Collection(SharedPackages.Name)]
public sealed class ConsumerProjectTests(PackedPackages packages)
{
    [Fact]
    public void A_project_outside_the_repository_starts_the_packed_emulator_and_reads_rows()
    {
        var project = packages.NewWorkspace("consumer-" + Guid.NewGuid().ToString("N"));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(project)!, "Directory.Build.props")));
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Owox.Data" Version="0.1.0" />
                <PackageReference Include="Owox.Data.Emulator" Version="0.1.0" />
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

        var (output, _) = DotnetProcess.Run("dotnet", ["run", "-nologo"], project, TimeSpan.FromMinutes(5), packages.Environment);

        Assert.Contains("rows: 12, first column: date", output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(packages.PackageCache, "owox.data.emulator", "0.1.0")), "restored from the pack folder");
    }
}
