using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Running;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>throughput [--shape S|all] [--rows N]</c>: the side-by-side throughput run (<see cref="ThroughputRunner"/>);
/// <c>scaling [--shape S] [--rows N,N,...]</c>: memory and throughput across result sizes (<see cref="ScalingRunner"/>);
/// <c>export [--rows N] [--rate R] [--parallel 1,2,4,8]</c>: parallel partitions on a server-bound mart and the export
/// writers (<see cref="ExportRunner"/>); <c>measure-child</c>: internal, one measurement in a child process (<see cref="ChildProcess"/>).
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
            case "export":
                return await ExportRunner.RunAsync(args[1..]);
            case ChildProcess.Command:
                return await ReadPaths.RunChildAsync();
            case ExportRunner.ChildCommand:
                return await ExportRunner.RunChildAsync();
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
