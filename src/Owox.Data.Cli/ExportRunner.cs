using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli.Partitioned;
using Owox.Data.Emulator;
using Owox.Data.Parquet;

namespace Owox.Data.Cli;

/// <summary>
/// <c>owox-data export</c>: cuts the query into date partitions (<see cref="OwoxPartitionPlan"/>), reads them in parallel
/// on one data source (<see cref="OwoxPartitionRunner"/>) and writes each to its own Parquet, CSV or NDJSON file in a
/// Hive layout, recording it in the folder's manifest once its file is in place. A rerun skips the partitions whose
/// entry and file still agree and exports the rest; a failed partition leaves no file and no entry, and the run ends
/// with exit code 1 after the others.
/// </summary>
internal static class ExportRunner
{
    /// <summary>Runs <paramref name="arguments"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(ExportArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(arguments.Output))))
            throw new UsageException($"the folder that would hold --output {arguments.Output} does not exist.");
        if (File.Exists(arguments.Output))
            throw new UsageException($"--output {arguments.Output} is a file; export writes a folder of partitions.");
        var parameters = arguments.Parameters.Select(ParameterArgument.Parse).ToArray();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var session = await CliSession.OpenAsync(arguments.Key, console, demoMart: arguments.Query is null, cancellationToken, settings => settings.VerifyRowCount = arguments.Verify);
            var query = arguments.Query ?? (session.Emulated ? DemoMarts.AdPerformance : throw new UsageException("give a data-mart id or a SELECT to export."));
            OwoxPartitionPlan plan;
            try
            {
                plan = await OwoxPartitionPlan.CreateAsync(session.Connection, query, arguments.Column, arguments.Granularity, arguments.From, arguments.To, parameters, cancellationToken);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal));
            }

            Directory.CreateDirectory(arguments.Output);
            var granularity = arguments.Granularity.ToString().ToLowerInvariant();
            var manifest = ExportManifest.Open(arguments.Output, new ExportManifest.Header(query, arguments.Column, granularity, arguments.Format));
            var pending = new List<OwoxPartition>();
            foreach (var partition in plan.Partitions)
            {
                if (manifest.Find(partition.Key) is { } entry)
                {
                    if (entry.From == PartitionFile.Day(partition.From) && entry.To == PartitionFile.Day(partition.To) && await PartitionFile.IsIntactAsync(arguments.Output, entry, cancellationToken))
                        continue;
                    PartitionFile.Delete(arguments.Output, entry);
                    manifest.Forget(partition.Key);
                }
                pending.Add(partition);
            }
            var skipped = plan.Partitions.Count - pending.Count;
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"owox-data: {plan.Partitions.Count} partitions of {arguments.Column} by {granularity}; {skipped} already complete, {pending.Count} to export, {arguments.Parallel} at a time."));

            using var progress = new PartitionProgress(console.Error, stopwatch, pending.Count);
            var results = await OwoxPartitionRunner.RunAsync(session.DataSource, pending, arguments.Parallel, async (partition, reader, token) =>
            {
                var watch = Stopwatch.StartNew();
                progress.Started(partition, reader);
                var entry = await PartitionFile.WriteAsync(arguments.Output, partition, arguments.Format, reader, token);
                manifest.Complete(entry);
                progress.Completed(partition, entry, watch.Elapsed);
            }, cancellationToken);

            var failed = results.Where(r => !r.Succeeded).ToList();
            foreach (var failure in failed)
                progress.Failed(failure.Partition, failure.Error!);
            var rows = progress.Rows;
            var outcome = failed.Count == 0 ? "." : $"; {failed.Count} failed ({string.Join(", ", failed.Select(f => f.Partition.HiveName))}): run the same command again to export only those.";
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"owox-data: {results.Count - failed.Count} of {pending.Count} partitions exported ({rows:N0} rows, {skipped} skipped) → {arguments.Output} in {stopwatch.Elapsed.TotalSeconds:0.00} s{outcome}"));
            return failed.Count == 0 ? OwoxDataCli.Done : OwoxDataCli.Failed;
        }
        catch (OwoxException e)
        {
            await console.Error.WriteLineAsync($"owox-data: {e.Message}");
            return OwoxDataCli.Failed;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("owox-data: cancelled; partitions not recorded in the manifest were not written. Run the same command again to finish.");
            return OwoxDataCli.Cancelled;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OwoxParquetException)
        {
            await console.Error.WriteLineAsync($"owox-data: cannot write {arguments.Output}: {e.Message}");
            return OwoxDataCli.Failed;
        }
    }
}
