using ActorPool.Tests.Support;

namespace ActorPool.Tests.Primitives;

/// <summary>SharedQueue and SharedJoinableQueue between this process and real children.</summary>
public sealed class QueueTests(TwoChildPool shared) : IClassFixture<TwoChildPool>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Queue_PoolChildrenTakeAndPut_EveryItemComesBackOnce()
    {
        var input = new SharedQueue<int>();
        var output = new SharedQueue<int>();

        var workers = Enumerable.Range(0, 2).Select(_ => shared.Pool.ApplyAsync(SharedJobs.DoubleEachAsync, input, output, 50)).ToList();
        for (var i = 0; i < 100; i++)
            await input.PutAsync(i);
        var results = new List<int>();
        for (var i = 0; i < 100; i++)
            results.Add(await output.GetAsync().WaitAsync(Limit));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => 2 * i), results.Order());
        Assert.All(await Task.WhenAll(workers), pid => Assert.NotEqual(Environment.ProcessId, pid));
        Assert.Equal(0, await input.CountAsync());
    }

    [Fact]
    public async Task Queue_UsedFromAChildProcess_DeliversItsItems()
    {
        var queue = new SharedQueue<int>();
        await using var worker = Worker.Start(SharedJobs.PutRangeAsync, queue, 10, 5);

        var pid = await worker.Result.WaitAsync(Limit);

        Assert.Equal(worker.Pid, pid);
        Assert.Equal(5, await queue.CountAsync());
        var items = new List<int>();
        for (var i = 0; i < 5; i++)
            items.Add(await queue.GetAsync());
        Assert.Equal([10, 11, 12, 13, 14], items);
    }

    [Fact]
    public async Task Queue_Bounded_PutWaitsForRoomThatAChildMakes()
    {
        var queue = new SharedQueue<int>(capacity: 1);
        await queue.PutAsync(1);
        Assert.False(await queue.TryPutAsync(2, TimeSpan.Zero));

        var blocked = queue.PutAsync(2);
        var drained = shared.Pool.ApplyAsync(SharedJobs.DoubleEachAsync, queue, new SharedQueue<int>(), 2);

        await blocked.WaitAsync(Limit);
        await drained.WaitAsync(Limit);
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task Queue_ManyGettersInChildren_WaitAtOnceAndEachGetsOneItem()
    {
        var started = new SharedQueue<int>();
        var queue = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 4 });

        var getters = Enumerable.Range(0, 8).Select(_ => scope.Pool.ApplyAsync(SharedJobs.AnnounceThenGetAsync, started, queue)).ToList();
        for (var i = 0; i < 8; i++)
            await started.GetAsync().WaitAsync(Limit);
        for (var i = 0; i < 8; i++)
            await queue.PutAsync(i);

        Assert.Equal(Enumerable.Range(0, 8), (await Task.WhenAll(getters).WaitAsync(Limit)).Order());
    }

    [Fact]
    public async Task Queue_GetsThatTimeOutWhileItemsArrive_LoseNoItem()
    {
        var queue = new SharedQueue<int>();

        var collected = shared.Pool.ApplyAsync(SharedJobs.CollectWithShortTimeoutsAsync, queue, 300);
        for (var i = 0; i < 300; i++)
            await queue.PutAsync(i);

        Assert.Equal(Enumerable.Range(0, 300), (await collected.WaitAsync(Limit)).Order());
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public async Task Queue_CancelledGet_LeavesTheNextItemForTheNextGetter()
    {
        var queue = new SharedQueue<int>();
        using var cancellation = new CancellationTokenSource();
        var cancelled = queue.GetAsync(cancellation.Token);

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await queue.PutAsync(7);

        Assert.Equal((true, 7), await queue.TryGetAsync(TimeSpan.Zero));
        Assert.Equal((false, 0), await queue.TryGetAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Queue_GetterInKilledChild_IsRemovedAndTheItemGoesToTheNextGetter()
    {
        var started = new SharedQueue<int>();
        var queue = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0 });
        var doomed = scope.Pool.ApplyAsync(SharedJobs.AnnounceThenGetAsync, started, queue);
        var pid = await started.GetAsync().WaitAsync(Limit);
        Assert.True(await Wait.UntilAsync(async () => await queue.WaitingGettersAsync() == 1, Limit), "the child's get never arrived");

        ProcessProbe.KillSurvivors([pid]);
        await Assert.ThrowsAsync<ChildCrashedException>(() => doomed.WaitAsync(Limit));
        Assert.True(await Wait.UntilAsync(async () => await queue.WaitingGettersAsync() == 0, Limit), "the dead child's get was not removed");
        await queue.PutAsync(42);

        Assert.Equal(42, await queue.GetAsync().WaitAsync(Limit));
    }

    [Fact]
    public async Task Queue_HostedInAChildThatIsKilled_WaitingCallFailsInsteadOfHanging()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0 });
        var queue = await scope.Pool.ApplyAsync(SharedJobs.CreateQueueHere);
        var waiting = queue.GetAsync();

        ProcessProbe.KillSurvivors(scope.Pool.ChildPids);

        await Assert.ThrowsAsync<SharedObjectLostException>(() => waiting.WaitAsync(Limit));
        await Assert.ThrowsAsync<SharedObjectLostException>(() => queue.CountAsync().WaitAsync(Limit));
    }

    [Fact]
    public async Task JoinableQueue_JoinWaitsUntilChildrenMarkEveryItemDone()
    {
        var queue = new SharedJoinableQueue<int>();
        var seen = new SharedList<int>();
        for (var i = 0; i < 10; i++)
            await queue.PutAsync(i);

        var consumers = new[] { shared.Pool.ApplyAsync(SharedJobs.ConsumeAndMarkDoneAsync, queue, seen, 5), shared.Pool.ApplyAsync(SharedJobs.ConsumeAndMarkDoneAsync, queue, seen, 5) };
        await queue.JoinAsync().WaitAsync(Limit);

        Assert.Equal(Enumerable.Range(0, 10), (await seen.SnapshotAsync()).Order());
        await Task.WhenAll(consumers).WaitAsync(Limit);
        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.TaskDone());
    }

    [Fact]
    public async Task Queue_BadArguments_FailAtTheCall()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedQueue<int>(-1));
        var queue = new SharedQueue<object>();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.TryGetAsync(TimeSpan.FromSeconds(-2)));
        await Assert.ThrowsAsync<ArgumentException>(() => queue.PutAsync(new CancellationTokenSource()));
    }
}
