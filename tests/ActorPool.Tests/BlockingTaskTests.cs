using ActorPool.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ActorPool.Tests;

/// <summary>
/// Threads held for seconds by a child's tasks do not make a healthy child look hung: the answers to liveness probes
/// travel through Akka.Remote on the child's thread pool.
/// </summary>
public sealed class BlockingTaskTests
{
    [Fact]
    public async Task TasksBlockingEveryThreadTheyGet_ChildStillAnswersItsProbes_AndIsNotKilled()
    {
        // As many blocked tasks as the child may run at once, each for longer than the liveness timeout (3 s). No
        // retries, so a child killed as hung fails its tasks instead of hiding behind their second attempt.
        const int Concurrency = 24;
        var logs = new CapturingLoggerFactory();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = Concurrency, MaxCrashRetries = 0, LoggerFactory = logs });
        var pool = scope.Pool;
        var child = Assert.Single(pool.ChildPids);

        var map = pool.Map(Jobs.BlockThread, Enumerable.Repeat(4_500, Concurrency));
        var pids = await Task.Run(async () => await map).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.All(pids, pid => Assert.Equal(child, pid));
        Assert.Equal([child], pool.ChildPids);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }
}
