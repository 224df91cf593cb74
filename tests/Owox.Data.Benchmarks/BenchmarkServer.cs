using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Benchmarks;

/// <summary>
/// The emulator, in the parent process, serving <see cref="Rows"/> ad-performance rows from its pre-rendered mode:
/// one block of at most <see cref="MaxBlockRows"/> rows (<see cref="DemoMarts.RenderAdPerformancePayload"/>) streamed
/// <see cref="Repeat"/> times. Every read path measured against one server reads the very same bytes.
/// </summary>
internal sealed class BenchmarkServer : IAsyncDisposable
{
    /// <summary>The largest block rendered (~284 MB, well beyond any CPU cache); more rows repeat it.</summary>
    public const int MaxBlockRows = 1_000_000;

    private readonly OwoxEmulator _emulator;
    private readonly int _blockBytes;

    private BenchmarkServer(OwoxEmulator emulator, long rows, int blockBytes, int repeat)
    {
        _emulator = emulator;
        Rows = rows;
        _blockBytes = blockBytes;
        Repeat = repeat;
    }

    public long Rows { get; }

    /// <summary>The emulator's API key (its address is inside).</summary>
    public string ApiKey => _emulator.ApiKey;

    public int Repeat { get; }

    public long Bytes => (long)_blockBytes * Repeat;

    public string Describe() => Repeat == 1
        ? $"{Rows:N0} rows, {Bytes / 1_000_000.0:N1} MB ({Bytes / (double)Rows:N0} B/row)"
        : $"{Rows:N0} rows ({Repeat} x a {Rows / Repeat:N0}-row block), {Bytes / 1_000_000.0:N1} MB ({Bytes / (double)Rows:N0} B/row)";

    public static async Task<BenchmarkServer> StartAsync(long rows)
    {
        if (rows < 1 || (rows > MaxBlockRows && rows % MaxBlockRows != 0))
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"--rows must be between 1 and {MaxBlockRows:N0}, or a multiple of {MaxBlockRows:N0} (the emulator repeats a {MaxBlockRows:N0}-row block).");
        var blockRows = (int)Math.Min(rows, MaxBlockRows);
        var repeat = checked((int)(rows / blockRows));
        Console.Error.WriteLine($"Rendering {blockRows:N0} ad-performance rows{(repeat > 1 ? $", served {repeat} times" : "")}...");
        var block = DemoMarts.RenderAdPerformancePayload(blockRows);
        var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, PreRenderedPayloadRepeat = repeat });
        return new BenchmarkServer(emulator, rows, block.Length, repeat);
    }

    /// <summary>
    /// Measures <paramref name="paths"/> in <paramref name="rounds"/> rounds of one fresh child process per path,
    /// checking every run's row count. A process per run rather than repeated passes in one process: the peak working
    /// set cannot be reset between passes, and a later pass would inherit the heap, pools and GC budget an earlier one
    /// grew. Rounds rather than one path after another: a burst of load from elsewhere on the machine then costs every
    /// path one run rather than one path all of its runs.
    /// </summary>
    public async Task<IReadOnlyList<PathResult>> MeasureAsync(IReadOnlyList<ReadPath> paths, int rounds)
    {
        var runs = paths.ToDictionary(path => path, _ => new List<Measurement>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var path in paths)
            {
                var run = await ChildProcess.MeasureAsync(new MeasureRequest(path, _emulator.ApiKey, _blockBytes, Repeat));
                if (run.Rows != Rows)
                    throw new InvalidOperationException($"{path.Describe()} read {run.Rows:N0} rows instead of {Rows:N0}.");
                runs[path].Add(run);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Rows:N0} rows, run {round}/{rounds}, {path.Describe()}: {run.RowsPerSecond:N0} rows/s, peak {run.PeakWorkingSetBytes / 1048576.0:N0} MiB"));
            }
        }
        return paths.Select(path => new PathResult(path, Bytes, runs[path])).ToList();
    }

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
