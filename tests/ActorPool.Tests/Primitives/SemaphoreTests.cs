using ActorPool.Tests.Support;

namespace ActorPool.Tests.Primitives;

/// <summary>SharedSemaphore across real children, including one that is killed holding a permit.</summary>
public sealed class SemaphoreTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Semaphore_HoldersInChildren_NeverMoreThanItsPermits()
    {
        var semaphore = new SharedSemaphore(2);
        var active = new SharedValue<int>(0);
        var most = new SharedValue<int>(0);
        var release = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 3 });

        var holders = Enumerable.Range(0, 6).Select(_ => scope.Pool.ApplyAsync(SharedJobs.CountWhileHoldingPermitAsync, semaphore, active, most, release)).ToList();
        Assert.True(await Wait.UntilAsync(async () => await active.GetAsync() == 2, Limit), "two holders never held permits at once");
        for (var i = 0; i < 6; i++)
            await release.PutAsync(i);
        await Task.WhenAll(holders).WaitAsync(Limit);

        Assert.Equal(2, await most.GetAsync());
        Assert.Equal(2, await semaphore.CurrentCountAsync());
    }

    [Fact]
    public async Task Semaphore_HolderKilled_PermitComesBackAndTheNextHolderIsToldItWasAbandoned()
    {
        var semaphore = new SharedSemaphore(1, max: 1);
        var started = new SharedQueue<int>();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0 });
        var holder = scope.Pool.ApplyAsync(SharedJobs.HoldPermitForeverAsync, semaphore, started);
        var pid = await started.GetAsync().WaitAsync(Limit);
        var waiting = semaphore.AcquireAsync();

        ProcessProbe.KillSurvivors([pid]);

        await using (var permit = await waiting.WaitAsync(Limit))
            Assert.True(permit.Abandoned);
        Assert.Equal(1, await semaphore.CurrentCountAsync());
        await Assert.ThrowsAsync<ChildCrashedException>(() => holder.WaitAsync(Limit));
    }

    [Fact]
    public async Task Semaphore_Bounded_OverReleaseThrowsAndChangesNothing()
    {
        var bounded = new SharedSemaphore(1, max: 2);
        var unbounded = new SharedSemaphore(0);

        Assert.Equal(1, await bounded.ReleaseAsync());
        await Assert.ThrowsAsync<SemaphoreFullException>(() => bounded.ReleaseAsync());
        Assert.Equal(2, await bounded.CurrentCountAsync());
        Assert.Equal(0, await unbounded.ReleaseAsync(5));
        Assert.Equal(5, await unbounded.CurrentCountAsync());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedSemaphore(3, max: 2));
        Assert.Null(await new SharedSemaphore(0).TryAcquireAsync(TimeSpan.Zero));
    }
}
