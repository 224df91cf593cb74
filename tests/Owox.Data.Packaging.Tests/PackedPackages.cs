using System;
using System.Collections.Generic;
using System.IO;

namespace Owox.Data.Packaging.Tests;

/// <summary>
/// Runs <c>dotnet pack -c Release</c> once for each shipping project into a temporary folder, as a release would;
/// the tests then open the packages, install the tool from the folder and restore a consumer project from it. Restores
/// from the folder go to a package cache of their own (with the machine's cache as a read-only fallback for everything
/// else), so they always see these packages and never leave them in the machine's cache. The folder is deleted
/// afterwards.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    /// <summary>The libraries (every target framework, XML docs, symbols).</summary>
    public static readonly string[] Projects = ["Owox.Data", "Owox.Data.DependencyInjection", "Owox.Data.OpenTelemetry", "Owox.Data.Parquet"];

    /// <summary>Every package a release publishes.</summary>
    public static readonly string[] AllProjects = [.. Projects, "Owox.Data.Emulator", "Owox.Data.Cli"];

    public PackedPackages()
    {
        RepositoryRoot = FindRepositoryRoot();
        Root = Directory.CreateTempSubdirectory("owox-pack-").FullName;
        Folder = Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName;
        try
        {
            foreach (var project in AllProjects)
            {
                DotnetProcess.Run("dotnet", ["pack", Path.Combine(RepositoryRoot, "src", project, project + ".csproj"), "-c", "Release", "-nologo", "-o", Folder],
                    RepositoryRoot, TimeSpan.FromMinutes(5));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string RepositoryRoot { get; }

    /// <summary>The pack folder (<c>dotnet pack -o</c>).</summary>
    public string Folder { get; }

    /// <summary>The temporary folder holding <see cref="Folder"/> and everything the tests create.</summary>
    public string Root { get; }

    /// <summary>A package cache for restores from <see cref="Folder"/>.</summary>
    public string PackageCache => Path.Combine(Root, "cache");

    /// <summary>The environment of a restore from <see cref="Folder"/>: its own package cache, no inherited MSBuild state.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackageCache,
        ["MSBuildSDKsPath"] = null,
        ["MSBuildExtensionsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["OWOX_API_KEY"] = null,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    public string Package(string id, string extension = "nupkg") => Path.Combine(Folder, $"{id}.0.1.0.{extension}");

    /// <summary>
    /// A new folder outside the repository with a NuGet.config whose sources are the pack folder and the registry the
    /// machine restores from, and whose fallback is the machine's package cache.
    /// </summary>
    public string NewWorkspace(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, name)).FullName;
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="pack" value="{Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        return directory;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Owox.Data.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"Owox.Data.sln was not found above {AppContext.BaseDirectory}.");
    }
}
