using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.Routing;

namespace ActorPool.Tests;

public sealed class RouterTests(TwoChildPool shared) : IClassFixture<TwoChildPool>
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RouterAsk_Invoke_ReturnsResultFromAChild()
    {
        var router = shared.Pool.Router;

        Assert.Equal(49, await router.Ask<int>(Invoke.Create(Jobs.SquareAsync, 7), AskTimeout));
        var pids = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => router.Ask<int>(Invoke.Create(Jobs.PidAsync, i), AskTimeout)));
        // Round-robin over one routee per child: both children take tasks.
        Assert.Equal(shared.Pool.ChildPids.Order(), pids.Distinct().Order());
    }

    [Fact]
    public async Task RouterAsk_MessageItCannotRun_FailsAtOnceNamingIt()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => shared.Pool.Router.Ask<int>("hello", AskTimeout));

        Assert.Contains("System.String", error.Message);
        Assert.True(watch.Elapsed < AskTimeout / 2, $"the refusal took {watch.Elapsed}");
    }

    [Fact]
    public async Task RouterAsk_AfterDispose_FailsAtOnce()
    {
        var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var router = scope.Pool.Router;
        await scope.DisposeAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<InvalidOperationException>(() => router.Ask<int>(Invoke.Create(Jobs.SquareAsync, 2), AskTimeout));

        Assert.True(watch.Elapsed < AskTimeout / 2, $"the refusal took {watch.Elapsed}");
    }

    [Fact]
    public async Task RouterAsk_TaskThrows_FaultsWithProxyException()
    {
        var error = await Assert.ThrowsAsync<ProxyException>(() =>
            shared.Pool.Router.Ask<int>(Invoke.Create(Jobs.ThrowInvalidOperation, "no"), AskTimeout));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("no", error.RemoteMessage);
        Assert.Contains(nameof(Jobs.ThrowInvalidOperation), error.RemoteStackTrace);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task Router_HoconDeployment_SetsRouterTypeAndRunnersPerChild()
    {
        var config = ConfigurationFactory.ParseString("""
            akka.actor.deployment./pool/router {
              router = broadcast-pool
              nr-of-instances = 2
            }
            """);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, Config = config });
        var log = Records.NewDirectory("broadcast");
        try
        {
            var routees = await scope.Pool.Router.Ask<Routees>(new GetRoutees(), AskTimeout);
            Assert.Equal(4, routees.Members.Count());

            // A broadcast router gives one message to every routee: two runners in each of two children.
            scope.Pool.Router.Tell(Invoke.Create(Jobs.RecordPid, log));

            Assert.True(await Wait.UntilAsync(() => Records.Read(log).Count == 4, TimeSpan.FromSeconds(30)));
            var pids = Records.Read(log).Select(int.Parse).ToList();
            Assert.Equal(scope.Pool.ChildPids.Order(), pids.Distinct().Order());
            Assert.All(pids.GroupBy(p => p), g => Assert.Equal(2, g.Count()));
        }
        finally
        {
            Directory.Delete(log, recursive: true);
        }
    }

    [Fact]
    public async Task SupervisorStrategy_Custom_DecidesWhenARunnerFails()
    {
        // The ExceptionHandler is part of the runner: when it throws, the runner actor itself fails, and the
        // parent-side strategy decides. This one counts its decisions in this process and resumes the runner.
        var decisions = new List<string>();
        var strategy = new OneForOneStrategy(error =>
        {
            lock (decisions)
                decisions.Add(error.GetType().Name + ": " + error.Message);
            return Directive.Resume;
        });
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            SupervisorStrategy = strategy,
            ExceptionHandler = Handlers.ThrowFromHandler,
        });
        var pid = scope.Pool.ChildPids.Single();

        await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowInvalidOperation, "task failed"));

        Assert.True(await Wait.UntilAsync(() => { lock (decisions) return decisions.Count == 1; }, TimeSpan.FromSeconds(30)));
        Assert.Contains("handler failed", decisions.Single());
        // Resumed: the same child and runner keep working.
        Assert.Equal(9, await scope.Pool.ApplyAsync(Jobs.SquareAsync, 3));
        Assert.Equal(pid, scope.Pool.ChildPids.Single());
    }

    [Fact]
    public async Task SupervisorStrategy_Stop_ReplacesTheChildWhoseRunnerStopped()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            SupervisorStrategy = new OneForOneStrategy(_ => Directive.Stop),
            ExceptionHandler = Handlers.ThrowFromHandler,
        });
        var first = scope.Pool.ChildPids.Single();

        await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowInvalidOperation, "task failed"));

        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids is [var only] && only != first, TimeSpan.FromSeconds(60)));
        var ranIn = await scope.Pool.ApplyAsync(Jobs.PidAsync, 0);
        Assert.NotEqual(first, ranIn);
    }

    [Fact]
    public async Task SupervisorStrategy_Stop_TaskStillRunningInTheChildReturnsItsResult()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            SupervisorStrategy = new OneForOneStrategy(_ => Directive.Stop),
            ExceptionHandler = Handlers.ThrowFromHandler,
        });
        var gate = Path.Combine(Path.GetTempPath(), $"actorpool-stop-{Guid.NewGuid():N}");
        try
        {
            var running = scope.Pool.ApplyAsync(Jobs.WaitForFileIgnoringTokenAsync, gate);
            Assert.True(await Wait.UntilAsync(() => File.Exists(gate + ".started"), TimeSpan.FromSeconds(30)));

            // The runner fails and is stopped while the first task runs; the child is replaced once it has answered.
            await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowInvalidOperation, "task failed"));
            Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids.Count == 2, TimeSpan.FromSeconds(30)));
            await File.WriteAllTextAsync(gate, "");

            Assert.True(await running.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            foreach (var file in new[] { gate, gate + ".started", gate + ".done" })
                File.Delete(file);
        }
    }
}

public sealed class StrategyFailureTests
{
    [Fact]
    public async Task SupervisorStrategy_DeciderThrows_TheRunnerIsStoppedAndReplaced_AndThePoolKeepsWorking()
    {
        var log = new CapturingLoggerFactory();
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            LoggerFactory = log,
            SupervisorStrategy = new OneForOneStrategy(_ => throw new InvalidOperationException("a decider with a bug")),
            ExceptionHandler = Handlers.ThrowFromHandler,
        });
        var first = scope.Pool.ChildPids.Single();

        await Assert.ThrowsAsync<ProxyException>(() => scope.Pool.ApplyAsync(Jobs.ThrowInvalidOperation, "task failed"));

        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids is [var only] && only != first, TimeSpan.FromSeconds(60)), "the child of the stopped runner was not replaced");
        Assert.Equal(3, await scope.Pool.ApplyAsync(Jobs.Add, 1, 2));
        Assert.Contains(log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("SupervisorStrategy threw"));
    }

    [Fact]
    public async Task SupervisorStrategy_OfItsOwnKindThrows_ThePoolEnds_AndCallsFailInsteadOfHanging()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            SupervisorStrategy = new ThrowingStrategy(),
            ExceptionHandler = Handlers.ThrowFromHandler,
            LoggerFactory = new CapturingLoggerFactory(),
        });

        // The runner's failure (a system message) may reach the supervisor before the task's outcome does: the caller
        // then learns that the pool ended instead.
        var first = await Record.ExceptionAsync(() => scope.Pool.ApplyAsync(Jobs.ThrowInvalidOperation, "task failed"));
        Assert.True(first is ProxyException or PoolTerminatedException, $"got {first}");
        Assert.True(await Wait.UntilAsync(() => scope.Pool.Health.Status == PoolHealthStatus.Unhealthy, TimeSpan.FromSeconds(30)), "the pool did not end");

        // A strategy the pool cannot guard fails its supervisor, and the pool ends; what is asked of it then fails at once.
        var error = await Record.ExceptionAsync(() => scope.Pool.ApplyAsync(Jobs.Add, 1, 2)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(error is InvalidOperationException or PoolTerminatedException, $"got {error}");
    }

    [Fact]
    public async Task SupervisorStrategy_Stop_TasksPlacedOnTheRunnerAsItStops_RunElsewhere()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            SupervisorStrategy = new OneForOneStrategy(_ => Directive.Stop),
            ExceptionHandler = Handlers.ThrowFromHandler,
            LoggerFactory = new CapturingLoggerFactory(),
        });

        // Tasks submitted right after the failure can reach the runner after it was stopped in the child, before the
        // supervisor hears of it: the child hands them back, and they run in the replacement.
        var failing = scope.Pool.ApplyAsync(Jobs.ThrowInvalidOperation, "task failed");
        var next = Enumerable.Range(0, 40).Select(i => scope.Pool.ApplyAsync(Jobs.Add, i, 1)).ToList();
        await Assert.ThrowsAsync<ProxyException>(() => failing);
        var more = new List<Task<int>>();
        for (var round = 0; round < 20; round++)
        {
            more.Add(scope.Pool.ApplyAsync(Jobs.Add, round, 100));
            await Task.Yield();
        }

        var results = await Task.WhenAll(next.Concat(more)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i + 1).Concat(Enumerable.Range(0, 20).Select(i => i + 100)), results);
    }

    private sealed class ThrowingStrategy() : OneForOneStrategy(_ => throw new InvalidOperationException("a strategy with a bug"));
}

public static class Handlers
{
    public static void ThrowFromHandler(Exception error) => throw new InvalidOperationException("handler failed for " + error.Message);
}
