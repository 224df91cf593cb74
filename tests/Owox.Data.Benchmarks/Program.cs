using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>throughput [--rows N]</c>: the side-by-side throughput run (HTTP drain, in-memory parse limit, naive baseline,
/// Owox.Data all columns / 2 columns / GetValue / Dapper) with the ratios. Anything else goes to BenchmarkDotNet.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "throughput")
            return await ThroughputRunner.RunAsync(args.AsSpan(1).ToArray());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
