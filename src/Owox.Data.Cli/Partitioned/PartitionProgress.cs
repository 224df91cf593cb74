using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Owox.Data.Cli.Progress;

namespace Owox.Data.Cli.Partitioned;

/// <summary>
/// Progress of a partitioned export on stderr: a line when each partition starts, ends or fails, and every two seconds
/// an overall line (partitions done and running, rows, rows/s). Safe from the parallel partitions' threads.
/// </summary>
internal sealed class PartitionProgress : IDisposable
{
    private readonly object _lock = new();
    private readonly TextWriter _errors;
    private readonly Stopwatch _elapsed;
    private readonly int _total;
    private readonly Dictionary<OwoxPartition, OwoxDataReader> _running = [];
    private readonly Timer _timer;
    private long _rowsDone;
    private int _done;
    private int _failed;

    public PartitionProgress(TextWriter errors, Stopwatch elapsed, int total)
    {
        _errors = errors;
        _elapsed = elapsed;
        _total = total;
        _timer = new Timer(_ => Overall(), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
    }

    public long Rows
    {
        get
        {
            lock (_lock)
                return _rowsDone + _running.Values.Sum(r => r.RowsRead);
        }
    }

    public void Started(OwoxPartition partition, OwoxDataReader reader)
    {
        lock (_lock)
        {
            _running[partition] = reader;
            Line($"{partition.HiveName}: started (run id {reader.RunId ?? "none"})");
        }
    }

    public void Completed(OwoxPartition partition, ManifestEntry entry, TimeSpan took)
    {
        lock (_lock)
        {
            _running.Remove(partition);
            _done++;
            _rowsDone += entry.Rows;
            Line(string.Create(CultureInfo.InvariantCulture,
                $"{partition.HiveName}: {entry.Rows:N0} rows → {entry.File} in {took.TotalSeconds:0.00} s ({_done}/{_total} done)"));
        }
    }

    public void Failed(OwoxPartition partition, Exception error)
    {
        lock (_lock)
        {
            _running.Remove(partition);
            _failed++;
            Line($"{partition.HiveName}: failed, nothing written: {error.Message}");
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Overall()
    {
        lock (_lock)
        {
            var rows = _rowsDone + _running.Values.Sum(r => r.RowsRead);
            Line(string.Create(CultureInfo.InvariantCulture,
                $"{_done}/{_total} partitions done, {_running.Count} running{(_failed > 0 ? $", {_failed} failed" : string.Empty)}; {rows:N0} rows, {ExportProgress.RowsPerSecond(rows, _elapsed.Elapsed):N0} rows/s, {_elapsed.Elapsed:hh\\:mm\\:ss}"));
        }
    }

    private void Line(string text) => _errors.WriteLine("owox-data: " + text);
}
