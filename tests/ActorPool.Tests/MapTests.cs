using System.Runtime.CompilerServices;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class MapTests(NarrowTwoChildPool shared) : IClassFixture<NarrowTwoChildPool>
{
    private ProcessPool Pool => shared.Pool;

    [Fact]
    public async Task Map_WithProgress_ReportsWhileItRunsAndOnceAtTheEnd()
    {
        var reports = new ReportRecorder();

        var all = await Pool.Map(Jobs.SleepThenReturnAsync, Enumerable.Repeat(20, 40)).WithProgress(reports, TimeSpan.Zero);

        Assert.Equal(40, all.Count);
        // The final report may be made by a thread that was reporting as the map ended, just after the await.
        Assert.True(await Wait.UntilAsync(() => reports.Snapshot().Any(r => r.IsFinal), TimeSpan.FromSeconds(10)));
        var last = reports.Snapshot().Last();
        Assert.True(last.IsFinal);
        Assert.Equal((40L, 0L, 0), (last.Completed, last.Failed, last.InFlight));
        Assert.Single(reports.Snapshot(), r => r.IsFinal);
        Assert.Contains(reports.Snapshot(), r => !r.IsFinal && r.Completed is > 0 and < 40);
        Assert.True(last.TasksPerSecond > 0);
    }

    [Fact]
    public async Task WithProgress_AfterTheMapStarted_ThrowsInvalidOperationException()
    {
        var map = Pool.Map(Jobs.SquareAsync, new[] { 1, 2 });
        await map;
        Assert.Throws<InvalidOperationException>(() => map.WithProgress(new ReportRecorder()));
    }

    /// <summary>Keeps reports in the order they were made (Progress&lt;T&gt; would post them elsewhere, later).</summary>
    private sealed class ReportRecorder : IProgress<MapProgress>
    {
        private readonly List<MapProgress> _reports = [];

        public IReadOnlyList<MapProgress> Snapshot()
        {
            lock (_reports)
                return [.. _reports];
        }

        public void Report(MapProgress value)
        {
            lock (_reports)
                _reports.Add(value);
        }
    }

    [Fact]
    public async Task Map_Awaited_GivesEveryResultInInputOrder()
    {
        IReadOnlyList<int> all = await Pool.Map(Jobs.SquareAsync, Enumerable.Range(0, 10_000));

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i * i), all);
    }

    [Fact]
    public async Task Map_Enumerated_YieldsInInputOrderEvenWhenLaterItemsFinishFirst()
    {
        var delays = new[] { 300, 10, 200, 5, 100, 1 };
        var seen = new List<int>();
        await foreach (var result in Pool.Map(Jobs.SleepThenReturnAsync, delays))
            seen.Add(result);

        Assert.Equal(delays, seen);
    }

    [Fact]
    public async Task Map_SyncFunction_Works() =>
        Assert.Equal([0, 2, 4], await Pool.Map((int x) => x * 2, [0, 1, 2]));

    [Fact]
    public async Task Map_EndlessAsyncSource_IsPulledLazilyAndStopsWithToken()
    {
        var source = new CountingSource();
        using var stop = new CancellationTokenSource();
        var received = new List<int>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var square in Pool.Map(Jobs.SquareAsync, source.EndlessAsync(), stop.Token))
            {
                received.Add(square);
                if (received.Count == 100)
                    stop.Cancel();
            }
        });

        Assert.Equal(Enumerable.Range(0, 100).Select(i => i * i), received);
        // Bounded: 2 processes x 4 tasks x window factor 4, plus the few the pipeline holds, were pulled beyond what was used.
        Assert.InRange(source.Pulled, 100, 100 + 2 * 4 * 4 + 4);
        var pulledAtStop = source.Pulled;
        Assert.Equal(3, await Pool.ApplyAsync(Jobs.Add, 1, 2));
        Assert.Equal(pulledAtStop, source.Pulled);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Map_LeftWhileTheSourceBlocksInMoveNext_ReturnsWithoutWaitingForIt(bool unordered)
    {
        // A source no token reaches: a consuming enumerable whose third item never comes (until the test ends).
        var items = new System.Collections.Concurrent.BlockingCollection<int> { 1, 2 };
        try
        {
            var loop = Task.Run(async () =>
            {
                IAsyncEnumerable<int> squares = unordered
                    ? Pool.MapUnordered(Jobs.SquareAsync, items.GetConsumingEnumerable())
                    : Pool.Map(Jobs.SquareAsync, items.GetConsumingEnumerable());
                await foreach (var square in squares)
                    break;
            });

            // Leaving the loop returns after a short wait for the source; it waited for the next item until 2026-12-07.
            Assert.Same(loop, await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(30))));
            await loop;
            Assert.Equal(3, await Pool.ApplyAsync(Jobs.Add, 1, 2));
        }
        finally
        {
            items.CompleteAdding();
        }
    }

    [Fact]
    public async Task Map_NotAwaited_PullsNothing()
    {
        var source = new CountingSource();
        _ = Pool.Map(Jobs.SquareAsync, source.EndlessAsync());
        // Nothing consumes the result, so nothing may be pulled; a task that does run would show up here.
        Assert.Equal(7, await Pool.ApplyAsync(Jobs.Add, 3, 4));
        Assert.Equal(0, source.Pulled);
    }

    [Fact]
    public void MapStarMapMapUnordered_NullItems_ThrowArgumentNullExceptionAtTheCall()
    {
        var pool = Pool;
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => pool.Map(Jobs.SquareAsync, (IEnumerable<int>)null!)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => pool.Map(Jobs.SquareAsync, (IAsyncEnumerable<int>)null!)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => pool.MapUnordered(Jobs.SquareAsync, (IEnumerable<int>)null!)).ParamName);
        Assert.Equal("items", Assert.Throws<ArgumentNullException>(() => pool.StarMap(Jobs.Add, (IEnumerable<(int, int)>)null!)).ParamName);
        Assert.Equal("fn", Assert.Throws<ArgumentNullException>(() => pool.Map((Func<int, Task<int>>)null!, [1])).ParamName);
    }

    [Fact]
    public async Task MapUnordered_YieldsInCompletionOrder()
    {
        // The test decides the order the tasks end in (not the input order), one at a time: no timing to race.
        var gates = Enumerable.Range(0, 4).Select(_ => new Gate()).ToArray();
        try
        {
            await using var results = Pool.MapUnordered(Jobs.PathWhenGateOpensAsync, gates.Select(g => g.Path)).GetAsyncEnumerator();
            foreach (var next in new[] { 1, 3, 2, 0 })
            {
                gates[next].Open();
                Assert.True(await results.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
                Assert.Equal(gates[next].Path, results.Current);
            }
            Assert.False(await results.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            foreach (var gate in gates)
                gate.Dispose();
        }
    }

    [Fact]
    public async Task StarMap_Tuples_GivesResultsInInputOrder()
    {
        Assert.Equal([3, 7, 11], await Pool.StarMap(Jobs.Add, [(1, 2), (3, 4), (5, 6)]));
        Assert.Equal(["a-1-True", "b-2-False"], await Pool.StarMap((string a, int b, bool c) => $"{a}-{b}-{c}", [("a", 1, true), ("b", 2, false)]));
    }

    [Fact]
    public async Task Map_TaskThrows_AwaitFaultsWithProxyException()
    {
        var error = await Assert.ThrowsAsync<ProxyException>(async () => await Pool.Map(Jobs.ThrowCustomAsync, [1, 2, 3]));
        Assert.IsType<JobFailedException>(error.InnerException);
        Assert.Equal(3, await Pool.ApplyAsync(Jobs.Add, 1, 2));
    }

    private sealed class CountingSource
    {
        private int _pulled;

        public int Pulled => Volatile.Read(ref _pulled);

        public async IAsyncEnumerable<int> EndlessAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; ; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Task.Yield();
                Interlocked.Increment(ref _pulled);
                yield return i;
            }
        }
    }
}
