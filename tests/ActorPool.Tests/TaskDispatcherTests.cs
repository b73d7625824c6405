using Akka.Configuration;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class TaskDispatcherTests
{
    [Fact]
    public async Task TaskDispatcher_NameOfNoDispatcher_StartAsyncThrowsArgumentExceptionNamingIt()
    {
        // Until 2026-12-07 every child's runner failed on it in turn, until StartAsync timed out a minute later.
        var config = ConfigurationFactory.ParseString("actorpool.task-dispatcher = my-dispatcher");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ProcessPool.StartAsync(new PoolOptions { Processes = 1, Config = config }));

        Assert.Contains("actorpool.task-dispatcher", error.Message);
        Assert.Contains("my-dispatcher", error.Message);
    }

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
