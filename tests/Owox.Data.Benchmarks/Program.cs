using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>throughput [--shape S|all] [--rows N]</c>: the side-by-side throughput run (<see cref="ThroughputRunner"/>);
/// <c>scaling [--shape S] [--rows N,N,...]</c>: memory and throughput across result sizes (<see cref="ScalingRunner"/>);
/// <c>measure-child</c>: internal, one measurement in a child process (<see cref="ChildProcess"/>).
/// Anything else goes to BenchmarkDotNet.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : null)
        {
            case "throughput":
                return await ThroughputRunner.RunAsync(args[1..]);
            case "scaling":
                return await ScalingRunner.RunAsync(args[1..]);
            case ChildProcess.Command:
                return await ReadPaths.RunChildAsync();
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
