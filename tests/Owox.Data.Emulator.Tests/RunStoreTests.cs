using System;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator.Http;
using Xunit;

namespace Owox.Data.Emulator.Tests;

/// <summary>The run history an emulator keeps: bounded, the oldest runs going first, a finished run still findable.</summary>
public class RunStoreTests
{
    private static RunRecord Run(string martId = "mart") => new() { DataMartId = martId, CreatedAt = DateTimeOffset.UnixEpoch };

    [Fact]
    public void The_newest_runs_are_kept_and_the_oldest_go_first()
    {
        var store = new RunStore(new EmulatorClock(DateTimeOffset.UnixEpoch));
        var runs = Enumerable.Range(0, RunStore.Capacity + 10).Select(_ => Run()).ToArray();
        foreach (var run in runs)
            store.Add(run);

        Assert.All(runs.Take(10), run => Assert.Null(store.Find(run.Id)));
        Assert.All(runs.Skip(10), run => Assert.Same(run, store.Find(run.Id)));
        Assert.Equal(RunStore.Capacity, store.RunsOf("mart").Count());
    }

    [Fact]
    public void Finishing_a_run_stores_it_once_and_keeps_its_place()
    {
        var store = new RunStore(new EmulatorClock(DateTimeOffset.UnixEpoch));
        var first = Run();
        store.Add(first);
        store.Finish(first, "SUCCESS", null);
        store.Finish(first, "FAILED", "too late");
        var later = Enumerable.Range(0, RunStore.Capacity - 1).Select(_ => Run()).ToArray();
        foreach (var run in later)
            store.Add(run);

        Assert.Equal("SUCCESS", store.Find(first.Id)!.Status);
        Assert.Empty(first.Errors);
        store.Add(Run());
        Assert.Null(store.Find(first.Id));
    }

    [Fact]
    public async Task Runs_added_from_many_threads_stay_within_the_capacity()
    {
        var store = new RunStore(new EmulatorClock(DateTimeOffset.UnixEpoch));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < RunStore.Capacity; i++)
                store.Add(Run());
        })));
        var newest = Run();
        store.Add(newest);

        Assert.Equal(RunStore.Capacity, store.RunsOf("mart").Count());
        Assert.Same(newest, store.Find(newest.Id));
    }
}
