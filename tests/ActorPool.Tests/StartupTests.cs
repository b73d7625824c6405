using Akka.Actor;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task StartAsync_TwoProcesses_StartsTwoChildProcessesThatRunTasks()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2 });
        var pool = scope.Pool;

        Assert.Equal(2, pool.ChildPids.Count);
        Assert.DoesNotContain(Environment.ProcessId, pool.ChildPids);
        Assert.All(pool.ChildPids, pid => Assert.True(ProcessProbe.IsAlive(pid)));
        var ranIn = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => pool.ApplyAsync(Jobs.PidAsync, i)));
        Assert.Equal(pool.ChildPids.Order(), ranIn.Distinct().Order());
    }

    [Fact]
    public async Task StartAsync_Default_BindsParentAndChildrenToLoopbackOnOsChosenPorts()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var parent = ((ExtendedActorSystem)scope.Pool.System).Provider.DefaultAddress;
        Assert.Equal("127.0.0.1", parent.Host);
        Assert.NotEqual(0, parent.Port);

        var childAddress = await scope.Pool.ApplyAsync(() =>
            Hosting.ProcessFamily.PoolChildSystem!.Provider.DefaultAddress.ToString());
        Assert.StartsWith("akka.ssl.tcp://actorpool-child-", childAddress);
        Assert.Contains("@127.0.0.1:", childAddress);
    }

    [Fact]
    public async Task ChildStarts_TwentyInARow_NoneWaitsForTheTransportHeartbeat()
    {
        // A child whose association reply is not flushed waits for the parent's next transport heartbeat. With the
        // heartbeat this far apart, such a stall would take 30 s; a start that is merely slow under load takes a few.
        var config = Akka.Configuration.ConfigurationFactory.ParseString("akka.remote.transport-failure-detector.heartbeat-interval = 30s");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxTasksPerChild = 1, Config = config });

        var pids = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            pids.Add(await scope.Pool.ApplyAsync(Jobs.PidAsync, i));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"start {i + 1} of a fresh child took {watch.Elapsed}");
        }
        Assert.Equal(20, pids.Distinct().Count());
    }

    [Fact]
    public async Task StartAsync_ChildHostCannotStart_FailsWithTheCauseInsteadOfRetryingForever()
    {
        // A heap limit no runtime can start with: every child exits by itself before it is ready.
        var config = Akka.Configuration.ConfigurationFactory.ParseString("""actorpool.child-environment.DOTNET_GCHeapHardLimit = "0x10" """);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => ProcessPool.StartAsync(new PoolOptions { Processes = 1, Config = config }).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("could not start", error.Message);
    }

    [Theory]
    [InlineData(0, 16, 0, 3)]
    [InlineData(1, 0, 0, 3)]
    [InlineData(1, 16, -1, 3)]
    [InlineData(1, 16, 0, -1)]
    public async Task StartAsync_OptionOutOfRange_ThrowsArgumentOutOfRangeException(int processes, int concurrency, int maxTasks, int retries)
    {
        var options = new PoolOptions { Processes = processes, ChildConcurrency = concurrency, MaxTasksPerChild = maxTasks, MaxCrashRetries = retries };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(options));
    }
}
