using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Tests;

/// <summary>ApplyAsync and Map go where the deployment's router (or PoolOptions.Placement) says; the child's pid tells where a task ran.</summary>
public sealed class PlacementRoutingTests
{
    private static PoolOptions WithRouter(string router, int processes, int childConcurrency = 16) => new()
    {
        Processes = processes,
        ChildConcurrency = childConcurrency,
        Config = ConfigurationFactory.ParseString($"akka.actor.deployment./pool/router.router = {router}"),
    };

    [Fact]
    public async Task RoundRobin_Default_SequentialTasksTakeTheChildrenInTurn()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2 });

        var pids = new List<int>();
        for (var i = 0; i < 6; i++)
            pids.Add(await scope.Pool.ApplyAsync(Jobs.PidAsync, i));

        Assert.Equal(scope.Pool.ChildPids.Order(), pids.Distinct().Order());
        Assert.All(pids.Zip(pids.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Random_RandomPool_TasksReachEveryChild_NotInTurn()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("random-pool", processes: 2));

        var pids = new List<int>();
        for (var i = 0; i < 60; i++)
            pids.Add(await scope.Pool.ApplyAsync(Jobs.PidAsync, i));

        Assert.Equal(scope.Pool.ChildPids.Order(), pids.Distinct().Order());
        // Strict turns would happen by chance once in 2^59 runs.
        Assert.Contains(pids.Zip(pids.Skip(1)), pair => pair.First == pair.Second);
    }

    [Fact]
    public async Task LeastLoaded_SmallestMailboxPool_TasksAvoidTheChildBusyWithALongOne()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("smallest-mailbox-pool", processes: 2, childConcurrency: 4));
        var gate = Path.Combine(Path.GetTempPath(), $"actorpool-least-{Guid.NewGuid():N}");
        try
        {
            var longTask = scope.Pool.ApplyAsync(Jobs.PidWhenGateOpensAsync, gate);
            Assert.True(await Wait.UntilAsync(() => File.Exists(gate + ".started"), TimeSpan.FromSeconds(30)));

            // Round-robin would give every other one to the busy child, which has room for 7 more.
            var shortPids = new List<int>();
            for (var i = 0; i < 6; i++)
                shortPids.Add(await scope.Pool.ApplyAsync(Jobs.PidAsync, i));
            await File.WriteAllTextAsync(gate, "");
            var busy = await longTask.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Single(shortPids.Distinct());
            Assert.NotEqual(busy, shortPids[0]);
        }
        finally
        {
            File.Delete(gate);
            File.Delete(gate + ".started");
        }
    }

    [Fact]
    public async Task ConsistentHashing_SameKeySameChild_InApplyAndMap()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("consistent-hashing-pool", processes: 3));
        var items = Enumerable.Range(0, 30).Select(k => new KeyedItem("key-" + k)).ToList();

        var mapped = await scope.Pool.Map(KeyedJobs.PidAsync, items);
        var applied = await Task.WhenAll(items.Select(item => scope.Pool.ApplyAsync(KeyedJobs.PidAsync, item)));
        var again = await scope.Pool.Map(KeyedJobs.PidAsync, items);

        Assert.Equal(mapped, applied);
        Assert.Equal(mapped, again);
        Assert.True(mapped.Distinct().Count() >= 2, $"30 keys all went to one child of 3: {mapped[0]}");
    }

    [Fact]
    public async Task ConsistentHashing_ChildDiesUnderAKeyedTask_TheRetryRunsOnTheNextChild()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("consistent-hashing-pool", processes: 3) with { MaxCrashRetries = 1 });
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-hash-retry-{Guid.NewGuid():N}");
        try
        {
            var ranOn = await scope.Pool.ApplyAsync(KeyedJobs.ExitOnceThenPid, new KeyedItem("k"), marker).WaitAsync(TimeSpan.FromSeconds(120));

            var died = int.Parse(await File.ReadAllTextAsync(marker));
            Assert.NotEqual(died, ranOn);
            Assert.DoesNotContain(died, scope.Pool.ChildPids);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task ConsistentHashing_MaxTasksPerChild_StaysExact()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("consistent-hashing-pool", processes: 2) with { MaxTasksPerChild = 3 });

        var pids = new List<int>();
        for (var i = 0; i < 9; i++)
            pids.Add(await scope.Pool.ApplyAsync(KeyedJobs.PidAsync, new KeyedItem("one key")).WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.All(pids.GroupBy(pid => pid), child => Assert.True(child.Count() <= 3, $"child {child.Key} ran {child.Count()} tasks"));
    }

    [Fact]
    public async Task Broadcast_ApplyAndMapRefusedWithTheReason_RouterAskStillWorks()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("broadcast-pool", processes: 2));

        // Refused at the call, before anything is sent, as a closed pool refuses.
        var apply = Assert.Throws<NotSupportedException>(() => { _ = scope.Pool.ApplyAsync(Jobs.PidAsync, 1); });
        var map = Assert.Throws<NotSupportedException>(() => scope.Pool.Map(Jobs.PidAsync, [1, 2]));

        Assert.Contains("BroadcastPool", apply.Message);
        Assert.Contains("PoolOptions.Placement", map.Message);
        Assert.Contains(await scope.Pool.Router.Ask<int>(Invoke.Create(Jobs.PidAsync, 1), TimeSpan.FromSeconds(30)), scope.Pool.ChildPids);
    }

    [Fact]
    public async Task CustomPlacement_FromCode_DecidesForApplyAndMap_OverTheDeployment()
    {
        await using var scope = await TestPool.StartAsync(WithRouter("broadcast-pool", processes: 2) with { Placement = new HighestNumber() });

        var applied = new List<int>();
        for (var i = 0; i < 4; i++)
            applied.Add(await scope.Pool.ApplyAsync(Jobs.PidAsync, i));
        var mapped = await scope.Pool.Map(Jobs.PidAsync, Enumerable.Range(0, 20));

        var chosen = Assert.Single(applied.Concat(mapped).Distinct());
        Assert.Contains(chosen, scope.Pool.ChildPids);
    }

    [Fact]
    public async Task Router_NameMistyped_StartAsyncThrowsAkkasConfigurationErrorNamingIt()
    {
        // Until 2026-12-08 it came wrapped in a TargetInvocationException: Akka reads the deployment by reflection.
        var error = await Assert.ThrowsAsync<ConfigurationException>(() => ProcessPool.StartAsync(WithRouter("round-robin-pol", processes: 1)));

        Assert.Contains("router alias [round-robin-pol]", error.Message);
    }

    /// <summary>Every task to the child numbered highest that has room.</summary>
    private sealed class HighestNumber : ITaskPlacement
    {
        public PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task) =>
            children.Where(c => c.HasRoom).MaxBy(c => c.Number);
    }
}
