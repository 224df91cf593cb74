using System;
using System.Diagnostics;
using System.IO;

namespace Owox.Data.Packaging.Tests;

/// <summary>
/// Runs <c>dotnet pack -c Release</c> once for each shipping project into a temporary folder, as a release would;
/// the tests then open the packages. The folder is deleted afterwards.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public static readonly string[] Projects = ["Owox.Data", "Owox.Data.DependencyInjection"];

    public PackedPackages()
    {
        RepositoryRoot = FindRepositoryRoot();
        Folder = Directory.CreateTempSubdirectory("owox-pack-").FullName;
        foreach (var project in Projects)
            Pack(Path.Combine(RepositoryRoot, "src", project, project + ".csproj"));
    }

    public string RepositoryRoot { get; }

    public string Folder { get; }

    public string Package(string id, string extension = "nupkg") => Path.Combine(Folder, $"{id}.0.1.0.{extension}");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private void Pack(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "pack", project, "-c", "Release", "--no-restore", "-nologo", "-o", Folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet pack {project} took more than 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet pack {project} exited with {process.ExitCode}:\n{output.Result}\n{errors.Result}");
    }

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
