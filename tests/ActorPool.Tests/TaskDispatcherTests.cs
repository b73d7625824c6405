using Akka.Configuration;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class TaskDispatcherTests
{
    [Fact]
    public async Task TaskDispatcher_Configured_RunsEveryTaskAndItsContinuationsOnItsThreads()
    {
        var config = ConfigurationFactory.ParseString("""
            actorpool.task-dispatcher = one-loop
            one-loop {
              type = ForkJoinDispatcher
              throughput = 100
              dedicated-thread-pool { thread-count = 1, threadtype = background }
            }
            """);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = 8, Config = config });

        var names = await scope.Pool.Map(Jobs.ThreadNamesAsync, Enumerable.Range(0, 40));

        // One thread of its own, as a Python child's event loop: every task starts there and comes back there.
        Assert.All(names.SelectMany(n => n), name => Assert.Equal("one-loop_1", name));
    }

    [Fact]
    public async Task TaskDispatcher_Default_RunsTasksOnTheThreadPool()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });

        var names = await scope.Pool.ApplyAsync(Jobs.ThreadNamesAsync, 0);

        Assert.All(names, name => Assert.Equal(".NET TP Worker", name));
    }
}
