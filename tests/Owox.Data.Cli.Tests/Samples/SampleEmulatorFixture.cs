using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Cli.Tests.Samples;

/// <summary>One in-process emulator per sample test class, with a small demo mart (200 rows, one per date, over 24 months).</summary>
public sealed class SampleEmulatorFixture : EmulatorFixture
{
    public new const int DemoRows = 200;

    public static readonly DateOnly FirstDate = new(2024, 11, 1);

    private readonly List<string> _folders = [];

    public SampleEmulatorFixture()
        : base(DemoRows)
    {
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere: leave it to the OS's temp clean-up.
            }
        }
    }

    /// <summary>A path for a test's output file in a fresh temporary folder (deleted with the fixture).</summary>
    public string TempFile(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "owox-samples-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        lock (_folders)
            _folders.Add(folder);
        return Path.Combine(folder, name);
    }
}
