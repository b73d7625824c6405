using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class RecycleTests
{
    [Fact]
    public async Task MaxTasksPerChild_300TasksWith10_Uses30ChildrenForExactly10TasksEach()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 2,
            MaxTasksPerChild = 10,
            Initializer = Jobs.Initialize,
            InitArgs = ["recycled"],
        });

        var results = await scope.Pool.Map(Jobs.InitState, Enumerable.Range(0, 300));

        Assert.Equal(300, results.Count);
        var byPid = results.GroupBy(r => r.Pid).ToList();
        Assert.Equal(30, byPid.Count);
        Assert.All(byPid, group => Assert.Equal(10, group.Count()));
        // Every replacement ran the initializer once, before its first task.
        Assert.All(results, r => Assert.Equal((1, "recycled"), (r.Initialized, r.Tag)));
        Assert.DoesNotContain(Environment.ProcessId, byPid.Select(g => g.Key));
    }

    [Fact]
    public async Task MaxTasksPerChild_RouterCallsCountTooAndAreNeverLost()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, MaxTasksPerChild = 3 });
        var timeout = TimeSpan.FromSeconds(60);

        var pids = await Task.WhenAll(Enumerable.Range(0, 9).Select(i =>
            Akka.Actor.Futures.Ask<int>(scope.Pool.Router, Invoke.Create(Jobs.PidAsync, i), timeout)));

        Assert.All(pids.GroupBy(p => p), group => Assert.InRange(group.Count(), 1, 3));
        Assert.True(pids.Distinct().Count() >= 3);
    }
}
