using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>Recycling by memory and by age, an elastic pool, spare children: each with real child processes.</summary>
public sealed class LifecyclePolicyTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MaxMemoryPerChild_TaskLeavesTheChildOverIt_ChildFinishesWhatItRunsAndIsReplaced()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = 2, MaxMemoryPerChild = 256L * 1024 * 1024 });
        using var gate = new Gate();
        var running = scope.Pool.ApplyAsync(Jobs.PidWhenGateOpensAsync, gate.Path);
        Assert.True(await Wait.UntilAsync(() => gate.Started, s_limit), "the gated task never started");

        var heavy = await scope.Pool.ApplyAsync(Jobs.HoldMemory, 320);
        var next = await scope.Pool.ApplyAsync(Jobs.Pid);
        gate.Open();

        Assert.NotEqual(heavy, next);
        Assert.Equal(heavy, await running.WaitAsync(s_limit));
        Assert.True(await ProcessProbe.WaitForExitAsync([heavy], s_limit), "the child over its memory limit never exited");
    }

    [Fact]
    public async Task MaxChildLifetime_Reached_ChildFinishesWhatItRunsAndIsReplaced()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxChildLifetime = TimeSpan.FromSeconds(2) });
        var first = scope.Pool.ChildPids.Single();
        using var gate = new Gate();
        var running = scope.Pool.ApplyAsync(Jobs.PidWhenGateOpensAsync, gate.Path);
        Assert.True(await Wait.UntilAsync(() => gate.Started, s_limit), "the gated task never started");

        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids.Any(pid => pid != first), s_limit), "no replacement started");
        var next = await scope.Pool.ApplyAsync(Jobs.Pid);
        gate.Open();

        Assert.NotEqual(first, next);
        Assert.Equal(first, await running.WaitAsync(s_limit));
        Assert.True(await ProcessProbe.WaitForExitAsync([first], s_limit), "the old child never exited");
    }

    [Fact]
    public async Task MinProcesses_TasksWait_PoolGrowsToProcessesThenShrinksBackWhenIdle()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            MinProcesses = 1,
            Processes = 3,
            ChildConcurrency = 1,
            ChildIdleTimeout = TimeSpan.FromMilliseconds(500),
        });
        Assert.Single(scope.Pool.ChildPids);
        using var gate = new Gate();
        var started = Records.NewDirectory("elastic");

        // Each child holds 2 tasks (1 running, 1 waiting in it): 6 need 3 children, each running one at once.
        var tasks = Enumerable.Range(0, 6).Select(_ => scope.Pool.ApplyAsync(Jobs.RecordPidThenWaitForGateAsync, started, gate.Path)).ToList();
        Assert.True(await Wait.UntilAsync(() => Directory.GetFiles(started).Length == 3, s_limit), "tasks did not run in 3 children at once");
        gate.Open();
        var pids = await Task.WhenAll(tasks).WaitAsync(s_limit);

        Assert.Equal(3, pids.Distinct().Count());
        Directory.Delete(started, recursive: true);
        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids.Count == 1, s_limit), "the idle pool did not shrink back to 1 child");
    }

    [Fact]
    public async Task SpareProcesses_ChildRetires_TheSpareTakesItsPlaceAtOnce()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, SpareProcesses = 1, MaxTasksPerChild = 2 });
        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids.Count == 2, s_limit), "no spare was started");

        var first = await scope.Pool.ApplyAsync(Jobs.Pid);
        var second = await scope.Pool.ApplyAsync(Jobs.Pid);
        var spare = scope.Pool.ChildPids.Single(pid => pid != first);
        var third = await scope.Pool.ApplyAsync(Jobs.Pid);

        Assert.Equal(first, second);
        Assert.Equal(spare, third);
        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids.Count == 2 && !scope.Pool.ChildPids.Contains(first), s_limit),
            $"no new spare replaced the one that took over: children {string.Join(", ", scope.Pool.ChildPids)}, first {first}, spare {spare}; "
            + await Akka.Actor.Futures.Ask<string>(scope.Pool.Supervisor, Supervision.SupervisionProtocol.DescribeState.Instance, TimeSpan.FromSeconds(5)));
    }

    public static TheoryData<PoolOptions> InvalidOptions => new()
    {
        new PoolOptions { Processes = 2, MinProcesses = 0 },
        new PoolOptions { Processes = 2, MinProcesses = 3 },
        new PoolOptions { Processes = 2, ChildIdleTimeout = TimeSpan.Zero },
        new PoolOptions { Processes = 2, SpareProcesses = -1 },
        new PoolOptions { Processes = 2, MaxChildLifetime = TimeSpan.Zero },
        new PoolOptions { Processes = 2, MaxMemoryPerChild = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task StartAsync_LifecycleOptionOutOfRange_ThrowsArgumentOutOfRangeExceptionNamingIt(PoolOptions options)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ProcessPool.StartAsync(options));
        Assert.False(string.IsNullOrEmpty(error.ParamName));
    }
}
