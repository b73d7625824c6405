using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>A pool of many more processes than cores starts whole. Alone in the process, since it takes every core.</summary>
[Collection(ProcessWide.Name)]
public sealed class OversubscribedStartTests
{
    [Fact]
    public async Task StartAsync_FourTimesAsManyProcessesAsCores_StartsEachChildOnce()
    {
        // Until 2026-12-07 every child started at once, and each was judged by its silence from the moment it listened:
        // on 2 cores a pool of 8 took 15 s to start and killed 4 of its children as hung on the way, and one of 24 never
        // started. Now they start a core's worth at a time, and silence counts only once a child has been heard.
        var processes = Math.Min(4 * Environment.ProcessorCount, 16);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = processes });

        Assert.Equal(processes, scope.Pool.StartedChildPids.Count);
        var ranIn = await scope.Pool.Map(Jobs.PidAsync, Enumerable.Range(0, 8 * processes));
        Assert.Equal(scope.Pool.ChildPids.Order(), ranIn.Distinct().Order());
        Assert.Equal(processes, scope.Pool.StartedChildPids.Count);
    }
}
