using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Benchmarks;

/// <summary>
/// The emulator, in the parent process, serving <see cref="Rows"/> rows of a <see cref="PayloadShape"/> from its
/// pre-rendered mode, typed by the shape's own schema: one block of at most <see cref="Payloads.BlockRows"/> rows
/// (<see cref="Payloads.Render"/>) streamed <see cref="Repeat"/> times. Every read path measured against one server
/// reads the very same bytes.
/// </summary>
internal sealed class BenchmarkServer : IAsyncDisposable
{
    private readonly OwoxEmulator _emulator;
    private readonly int _blockBytes;

    private BenchmarkServer(OwoxEmulator emulator, PayloadShape shape, long rows, int blockBytes, int repeat)
    {
        _emulator = emulator;
        Shape = shape;
        Rows = rows;
        _blockBytes = blockBytes;
        Repeat = repeat;
    }

    public PayloadShape Shape { get; }

    public long Rows { get; }

    /// <summary>The emulator's API key (its address is inside).</summary>
    public string ApiKey => _emulator.ApiKey;

    public int Repeat { get; }

    public long Bytes => (long)_blockBytes * Repeat;

    public string Describe() => Repeat == 1
        ? $"{Shape} payload, {Rows:N0} rows, {Bytes / 1_000_000.0:N1} MB ({Bytes / (double)Rows:N0} B/row)"
        : $"{Shape} payload, {Rows:N0} rows ({Repeat} x a {Rows / Repeat:N0}-row block), {Bytes / 1_000_000.0:N1} MB ({Bytes / (double)Rows:N0} B/row)";

    public static async Task<BenchmarkServer> StartAsync(PayloadShape shape, long rows)
    {
        var maxBlockRows = Payloads.BlockRows(shape);
        if (rows < 1 || (rows > maxBlockRows && rows % maxBlockRows != 0))
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"--rows must be between 1 and {maxBlockRows:N0}, or a multiple of {maxBlockRows:N0} (the emulator repeats a {maxBlockRows:N0}-row block of the {shape} payload).");
        var blockRows = (int)Math.Min(rows, maxBlockRows);
        var repeat = checked((int)(rows / blockRows));
        Console.Error.WriteLine($"Rendering {blockRows:N0} rows of the {shape} payload{(repeat > 1 ? $", served {repeat} times" : "")}...");
        var (definition, block) = Payloads.Render(shape, blockRows);
        var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 10,
            PreRenderedPayload = block,
            PreRenderedPayloadRepeat = repeat,
            PreRenderedDefinition = definition,
        });
        return new BenchmarkServer(emulator, shape, rows, block.Length, repeat);
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
        CheckValues(runs);
        return paths.Select(path => new PathResult(path, Bytes, runs[path])).ToList();
    }

    /// <summary>
    /// Every path that reads every value must have read the same values as the naive baseline (or, without it, as the
    /// first such path): the checksums of each run must agree.
    /// </summary>
    private static void CheckValues(Dictionary<ReadPath, List<Measurement>> runs)
    {
        var complete = runs.Where(r => r.Key is not (ReadPath.HttpDrain or ReadPath.OwoxTwoColumns)).ToList();
        if (complete.Count < 2)
            return;
        var reference = complete.FirstOrDefault(r => r.Key == ReadPath.Naive) is { Value: not null } naive ? naive : complete[0];
        var expected = reference.Value[0].Checksum;
        foreach (var (path, measured) in complete)
        {
            if (measured.Any(m => m.Checksum != expected))
                throw new InvalidOperationException($"{path.Describe()} read other values than {reference.Key.Describe()} (checksum {measured[0].Checksum} instead of {expected}).");
        }
        Console.Error.WriteLine($"  values: {string.Join(", ", complete.Select(r => r.Key.Describe()))} read the same values (checksum {expected}).");
    }

    public ValueTask DisposeAsync() => _emulator.DisposeAsync();
}
