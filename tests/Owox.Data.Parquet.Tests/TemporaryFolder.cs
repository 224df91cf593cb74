using System;
using System.IO;

namespace Owox.Data.Parquet.Tests;

/// <summary>A folder of its own for a test's files, deleted afterwards.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("owox-parquet-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
