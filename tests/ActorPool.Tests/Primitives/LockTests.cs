using ActorPool.Tests.Support;

namespace ActorPool.Tests.Primitives;

/// <summary>SharedLock, SharedRLock and SharedSemaphore across real children, including children that are killed.</summary>
public sealed class LockTests(TwoChildPool shared) : IClassFixture<TwoChildPool>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lock_ChildrenReadModifyWriteUnderIt_LoseNoUpdate()
    {
        var sharedLock = new SharedLock();
        var counter = new SharedValue<int>(0);

        var incrementers = Enumerable.Range(0, 4).Select(_ => shared.Pool.ApplyAsync(SharedJobs.IncrementUnderLockAsync, sharedLock, counter, 25));
        await SharedJobs.IncrementUnderLockAsync(sharedLock, counter, 25);
        await Task.WhenAll(incrementers).WaitAsync(Limit);

        Assert.Equal(125, await counter.GetAsync());
    }

    [Fact]
    public async Task Lock_HolderKilled_IsReleasedAndTheNextHolderIsToldItWasAbandoned()
    {
        var sharedLock = new SharedLock();
        var started = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0 });
        var holder = scope.Pool.ApplyAsync(SharedJobs.HoldLockForeverAsync, sharedLock, started);
        var pid = await started.GetAsync().WaitAsync(Limit);
        Assert.Null(await sharedLock.TryAcquireAsync(TimeSpan.Zero));
        var waiting = sharedLock.AcquireAsync();

        ProcessProbe.KillSurvivors([pid]);

        await using var releaser = await waiting.WaitAsync(Limit);
        Assert.True(releaser.Abandoned);
        await Assert.ThrowsAsync<ChildCrashedException>(() => holder.WaitAsync(Limit));
    }

    [Fact]
    public async Task Lock_HolderIsAKilledChildProcess_IsReleasedAndTheNextHolderIsToldItWasAbandoned()
    {
        var sharedLock = new SharedLock();
        var started = new SharedQueue<int>();
        await using var child = ChildProcess.Start(SharedJobs.HoldLockForeverAsync, sharedLock, started);
        Assert.Equal(child.Pid, await started.GetAsync().WaitAsync(Limit));
        var waiting = sharedLock.AcquireAsync();

        child.Kill();

        await using var releaser = await waiting.WaitAsync(Limit);
        Assert.True(releaser.Abandoned);
        await child.JoinAsync(Limit);
        Assert.Equal(137, child.ExitCode);
    }

    [Fact]
    public async Task Lock_WaiterInKilledChild_IsRemovedAndDoesNotKeepTheLock()
    {
        var sharedLock = new SharedLock();
        var started = new SharedQueue<int>();
        var held = await sharedLock.AcquireAsync();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0 });
        _ = scope.Pool.ApplyAsync(SharedJobs.IncrementUnderLockAsync, sharedLock, new SharedValue<int>(0), 1);
        var child = scope.Pool.ChildPids.Single();
        Assert.True(await Wait.UntilAsync(async () => await sharedLock.WaitingProcessesAsync() == 1, Limit), "the child never asked for the lock");

        ProcessProbe.KillSurvivors([child]);
        Assert.True(await ProcessProbe.WaitForExitAsync([child], Limit));
        await held.DisposeAsync();

        await using var again = await sharedLock.AcquireAsync().WaitAsync(Limit);
        Assert.False(again.Abandoned);
    }

    [Fact]
    public async Task TryAcquireWithZeroTimeout_FreeLockThisProcessNeverHeld_TakesIt_AndAHeldOneReturnsNullAtOnce()
    {
        var sharedLock = new SharedLock();
        var rlock = new SharedRLock();

        // In the child, which has never held either lock (its token is with the lock here): a free lock is taken.
        Assert.True(await shared.Pool.ApplyAsync(SharedJobs.TryAcquireAtOnceAndReleaseAsync, sharedLock).WaitAsync(Limit));
        Assert.True(await shared.Pool.ApplyAsync(SharedJobs.TryAcquireRLockAtOnceAndReleaseAsync, rlock).WaitAsync(Limit));

        // Held here: the child's zero-timeout try is refused, and does not wait.
        await using (await sharedLock.AcquireAsync())
            Assert.False(await shared.Pool.ApplyAsync(SharedJobs.TryAcquireAtOnceAndReleaseAsync, sharedLock).WaitAsync(Limit));
        Assert.True(await shared.Pool.ApplyAsync(SharedJobs.TryAcquireAtOnceAndReleaseAsync, sharedLock).WaitAsync(Limit));
    }

    [Fact]
    public async Task Lock_ReleaseWhenNotHeld_Throws()
    {
        var sharedLock = new SharedLock();

        await Assert.ThrowsAsync<SynchronizationLockException>(() => sharedLock.ReleaseAsync());
        var releaser = await sharedLock.AcquireAsync();
        await sharedLock.ReleaseAsync();
        await Assert.ThrowsAsync<SynchronizationLockException>(() => releaser.DisposeAsync().AsTask());
    }

    [Fact]
    public async Task RLock_SameFlowReenters_OtherFlowsWaitUntilFullyReleased()
    {
        var rlock = new SharedRLock();
        await using var outer = await rlock.AcquireAsync().WaitAsync(Limit);
        await using (await rlock.AcquireAsync().WaitAsync(Limit))
        {
            Assert.Null(await InAnotherFlow(() => rlock.TryAcquireAsync(TimeSpan.Zero)).WaitAsync(Limit));
        }
        Assert.Null(await InAnotherFlow(() => rlock.TryAcquireAsync(TimeSpan.Zero)).WaitAsync(Limit));
        await Assert.ThrowsAsync<SynchronizationLockException>(() => InAnotherFlow(async () => { await rlock.ReleaseAsync(); return 0; }).WaitAsync(Limit));

        var other = InAnotherFlow(async () =>
        {
            await using var inner = await rlock.AcquireAsync();
            return inner.Abandoned;
        });
        await outer.DisposeAsync();

        Assert.False(await other.WaitAsync(Limit));
    }

    /// <summary>Runs <paramref name="work"/> in a flow of its own: a task started normally would share this flow's ownership.</summary>
    private static Task<T> InAnotherFlow<T>(Func<Task<T>> work)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(work);
    }
}
