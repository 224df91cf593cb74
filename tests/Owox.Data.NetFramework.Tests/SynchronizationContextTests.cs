using System;
using System.Collections.Concurrent;
using System.Data;
using System.Globalization;
using System.Threading;
using Xunit;

namespace Owox.Data.NetFramework.Tests;

/// <summary>
/// Sync calls from a thread with a single-threaded <see cref="SynchronizationContext"/> (what WinForms, WPF and
/// classic ASP.NET install): work posted to it only runs when the thread pumps, which it cannot while it is blocked
/// in the call — so a sync-over-async path that resumes on the captured context deadlocks.
/// </summary>
[Collection(SharedEmulator.Name)]
public sealed class SynchronizationContextTests(EmulatorProcess emulator)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public void Sync_calls_under_a_UI_like_context_complete()
    {
        var context = new SingleThreadContext();
        int rows = 0, filled = 0, marts = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                using var connection = Provider.Connection(emulator);
                connection.Open();
                marts = connection.GetSchema("Tables").Rows.Count;
                using var command = Provider.Command(connection, Provider.AdPerformance);
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                        rows++;
                }

                using var adapter = Provider.Factory.CreateDataAdapter()!;
                adapter.SelectCommand = command;
                using var table = new DataTable { Locale = CultureInfo.InvariantCulture };
                filled = adapter.Fill(table);
                using var count = Provider.Command(connection, $"SELECT COUNT(*) FROM \"{Provider.AdPerformance}\"");
                Assert.Equal(1000L, count.ExecuteScalar());
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(Deadline), $"the sync calls did not finish within {Deadline.TotalSeconds} s (a deadlock on the captured context); {context.Posted} callbacks were posted to it");
        Assert.Null(failure);
        Assert.True(marts > 0);
        Assert.Equal(Provider.AdPerformanceRows, rows);
        Assert.Equal(Provider.AdPerformanceRows, filled);
    }

    /// <summary>Queues what is posted; nothing runs it while the owning thread is inside a blocking call.</summary>
    private sealed class SingleThreadContext : SynchronizationContext
    {
        private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();

        public int Posted => _queue.Count;

        public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Send would block the UI thread; the provider must not call it.");

        public override SynchronizationContext CreateCopy() => this;
    }
}
