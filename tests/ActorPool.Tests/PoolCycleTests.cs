using System.Diagnostics;
using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests;

/// <summary>Pools made and ended over and over in one process leave nothing behind.</summary>
[Collection(ProcessWide.Name)]
public sealed class PoolCycleTests(ITestOutputHelper output)
{
    // 80 pools (200 until 2026-12-07): what one pool leaves behind shows by then. A descriptor or a thread per pool
    // shows from the fifth; the heap allowance is 25 KiB a pool, as it was over 200 (a pool's ActorSystem alone is
    // megabytes). In the runs that set these figures the heap settled below its baseline.
    private const int Cycles = 80;
    private const long HeapAllowance = Cycles * 25 * 1024;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task CreateAndDispose_80Pools_LeaveNoHeapDescriptorThreadOrProcessGrowth_AndPrintNothing()
    {
        // A few cycles first: every assembly, cache and thread pool thread a pool needs is there before counting.
        var started = new List<int>();
        await CyclesAsync(0, 10, started);
        var before = await SettledAsync();

        // Pools without a logger factory write their warnings to standard error, and Akka writes what it cannot give
        // a logger to standard output: a clean run writes neither.
        using (var console = new ConsoleCapture())
        {
            await CyclesAsync(0, Cycles, started);
            Assert.True(console.Text.Length == 0, $"{Cycles} pools printed:\n{console.Text}");
        }

        Assert.True(await ProcessProbe.WaitForExitAsync(started, TimeSpan.FromSeconds(30)), "children outlived their pools");
        var grew = "";
        var settled = await Wait.UntilAsync(async () =>
        {
            var after = await SettledAsync();
            grew = $"heap {before.Heap:N0} -> {after.Heap:N0} bytes, descriptors {before.Descriptors} -> {after.Descriptors}, threads {before.Threads} -> {after.Threads}";
            return after.Heap - before.Heap <= HeapAllowance && after.Descriptors <= before.Descriptors + 4 && after.Threads <= before.Threads + 4;
        }, TimeSpan.FromSeconds(60));
        output.WriteLine(grew);
        Assert.True(settled, $"after {Cycles} pools: {grew}");
    }

    // Two at a time, as an application with two pools would (the warm-up too, so that what two at once need is in the
    // baseline): the same number of cycles in about two thirds of the time.
    private static async Task CyclesAsync(int first, int count, List<int> started)
    {
        for (var i = first; i < first + count; i += 2)
        {
            foreach (var pids in await Task.WhenAll(CycleAsync(i), CycleAsync(i + 1)))
                started.AddRange(pids);
        }
    }

    private static async Task<IReadOnlyList<int>> CycleAsync(int i)
    {
        var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1 });
        try
        {
            Assert.Equal(2 * i, await pool.ApplyAsync(Jobs.Twice, i));
        }
        finally
        {
            await pool.DisposeAsync();
        }
        return pool.StartedChildPids;
    }

    private static async Task<(long Heap, int Descriptors, int Threads)> SettledAsync()
    {
        // Sockets of ended connections are closed by finalizers; give them their turn.
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), Directory.GetFiles("/proc/self/fd").Length, self.Threads.Count);
    }
}
