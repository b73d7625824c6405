using System.Collections.Concurrent;
using ActorPool.Tests.Support;

namespace ActorPool.Tests.Unit;

/// <summary>The map's window, without processes: tasks that finish only when the test says.</summary>
public sealed class MapPipelineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private sealed class Tasks
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<int>> _started = new();

        public int Started => _started.Count;

        public Task<int> Start(int item, CancellationToken cancellationToken) =>
            _started.GetOrAdd(item, _ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Finish(int item) => _started[item].SetResult(item);
    }

    [Fact]
    public async Task Ordered_WindowGrowsMidMap_StartsMoreTasksAtTheNextFreeSlot()
    {
        var tasks = new Tasks();
        var size = 2;
        await using var results = MapPipeline.OrderedAsync(MapPipeline.ToAsync(Enumerable.Range(0, 100)), tasks.Start, () => size, CancellationToken.None)
            .GetAsyncEnumerator();
        var first = results.MoveNextAsync();

        // Two in the window and the one the reader waits on.
        Assert.True(await Wait.UntilAsync(() => tasks.Started == 3, Limit), $"{tasks.Started} tasks started, not 3");
        size = 5;
        tasks.Finish(0);
        Assert.True(await first);
        Assert.Equal(0, results.Current);

        // The reader takes task 1 and frees its slot; the producer, woken, sees the wider window: five in it.
        var second = results.MoveNextAsync();
        Assert.True(await Wait.UntilAsync(() => tasks.Started == 7, Limit), $"{tasks.Started} tasks started, not 7");
        for (var i = 1; i < 7; i++)
            tasks.Finish(i);
        Assert.True(await second);
        Assert.Equal(1, results.Current);
        for (var i = 2; i < 7; i++)
        {
            Assert.True(await results.MoveNextAsync());
            Assert.Equal(i, results.Current);
        }
    }

    [Fact]
    public async Task Unordered_WindowGrowsMidMap_StartsMoreTasksAtTheNextFreeSlot()
    {
        var tasks = new Tasks();
        var size = 2;
        await using var results = MapPipeline.UnorderedAsync(MapPipeline.ToAsync(Enumerable.Range(0, 100)), tasks.Start, () => size, CancellationToken.None)
            .GetAsyncEnumerator();
        var first = results.MoveNextAsync();

        Assert.True(await Wait.UntilAsync(() => tasks.Started == 2, Limit), $"{tasks.Started} tasks started, not 2");
        size = 5;
        tasks.Finish(1);
        Assert.True(await first);
        Assert.Equal(1, results.Current);

        // Task 1 done, five in flight.
        Assert.True(await Wait.UntilAsync(() => tasks.Started == 6, Limit), $"{tasks.Started} tasks started, not 6");
    }
}
