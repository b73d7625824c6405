using ActorPool.Tests.Support;

namespace ActorPool.Tests.Primitives;

/// <summary>SharedEvent, SharedCondition and SharedBarrier between this process and real children.</summary>
public sealed class EventConditionBarrierTests(TwoChildPool shared) : IClassFixture<TwoChildPool>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Event_SetWakesEveryWaiterInEveryChildAtOnce()
    {
        var sharedEvent = new SharedEvent();
        var started = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 3 });

        var waiters = Enumerable.Range(0, 6).Select(_ => scope.Pool.ApplyAsync(SharedJobs.AnnounceThenWaitForEventAsync, sharedEvent, started)).ToList();
        for (var i = 0; i < 6; i++)
            await started.GetAsync().WaitAsync(Limit);
        Assert.False(await sharedEvent.IsSetAsync());
        await sharedEvent.SetAsync();

        var pids = await Task.WhenAll(waiters).WaitAsync(Limit);
        Assert.Equal(2, pids.Distinct().Count());
        Assert.True(await sharedEvent.IsSetAsync());
        Assert.True(await sharedEvent.WaitAsync(TimeSpan.Zero));
        await sharedEvent.ClearAsync();
        Assert.False(await sharedEvent.WaitAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Condition_ChildWaitsWithTheLockReleased_UntilNotifiedOfTheChange()
    {
        var condition = new SharedCondition();
        var ready = new SharedValue<bool>(false);
        var started = new SharedQueue<int>();

        var waiter = shared.Pool.ApplyAsync(SharedJobs.WaitUntilReadyAsync, condition, ready, started);
        await started.GetAsync().WaitAsync(Limit);
        // The child holds the lock until it waits; taking it here proves the wait released it.
        await using (await condition.Lock.AcquireAsync().WaitAsync(Limit))
        {
            await ready.SetAsync(true);
            await condition.NotifyAllAsync();
        }

        Assert.Contains(await waiter.WaitAsync(Limit), shared.Pool.ChildPids);
    }

    [Fact]
    public async Task Condition_WaitTimesOutOrIsCancelled_ReturnsHoldingTheLock()
    {
        var condition = new SharedCondition();
        await Assert.ThrowsAsync<SynchronizationLockException>(() => condition.NotifyAsync());
        await Assert.ThrowsAsync<SynchronizationLockException>(() => condition.WaitAsync());

        await using (await condition.Lock.AcquireAsync())
        {
            Assert.False(await condition.WaitAsync(TimeSpan.FromMilliseconds(20)));
            Assert.Null(await Task.Run(() => condition.Lock.TryAcquireAsync(TimeSpan.Zero)));

            using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => condition.WaitAsync(cancellation.Token));
            Assert.Null(await Task.Run(() => condition.Lock.TryAcquireAsync(TimeSpan.Zero)));
        }
    }

    [Fact]
    public async Task Barrier_PartiesInChildrenAndHere_GoOnTogetherRoundAfterRound()
    {
        var barrier = new SharedBarrier(3);

        for (var round = 0; round < 2; round++)
        {
            var others = new[] { shared.Pool.ApplyAsync(SharedJobs.ArriveAsync, barrier), shared.Pool.ApplyAsync(SharedJobs.ArriveAsync, barrier) };
            var mine = await barrier.SignalAndWaitAsync().WaitAsync(Limit);
            var all = (await Task.WhenAll(others).WaitAsync(Limit)).Append(mine);
            Assert.Equal([0, 1, 2], all.Order());
        }
    }

    [Fact]
    public async Task Barrier_PartyKilledWhileWaiting_BreaksItForTheOthers()
    {
        var barrier = new SharedBarrier(3);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0 });
        var doomed = scope.Pool.ApplyAsync(SharedJobs.ArriveAsync, barrier);
        var mine = barrier.SignalAndWaitAsync();
        Assert.True(await Wait.UntilAsync(async () => await barrier.WaitingAsync() == 2, Limit), "the child never arrived");

        ProcessProbe.KillSurvivors(scope.Pool.ChildPids);

        await Assert.ThrowsAsync<SharedBarrierBrokenException>(() => mine.WaitAsync(Limit));
        Assert.True(await barrier.IsBrokenAsync());
        await Assert.ThrowsAsync<ChildCrashedException>(() => doomed.WaitAsync(Limit));
    }

    [Fact]
    public async Task Barrier_PartyTimesOut_BreaksItUntilReset()
    {
        var barrier = new SharedBarrier(2);

        await Assert.ThrowsAsync<SharedBarrierBrokenException>(() => barrier.SignalAndWaitAsync(TimeSpan.FromMilliseconds(20)));
        Assert.True(await barrier.IsBrokenAsync());
        await Assert.ThrowsAsync<SharedBarrierBrokenException>(() => barrier.SignalAndWaitAsync());
        await barrier.ResetAsync();

        var first = barrier.SignalAndWaitAsync();
        var second = await barrier.SignalAndWaitAsync();
        Assert.Equal([0, 1], new[] { await first, second }.Order());
    }
}
