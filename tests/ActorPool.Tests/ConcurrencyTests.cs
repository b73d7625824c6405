using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ChildConcurrency_RunsExactlyNTasksAtOnceInAChild()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = 4 });

        // Each task waits until four run at once: with fewer slots they would time out in the child.
        var maxima = await scope.Pool.Map(Jobs.RendezvousAsync, Enumerable.Repeat(4, 12));
        var mostEver = await scope.Pool.ApplyAsync(Jobs.RendezvousAsync, 1);

        Assert.All(maxima, max => Assert.Equal(4, max));
        Assert.Equal(4, mostEver);
    }
}
