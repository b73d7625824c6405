using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>Children that die under their tasks: every caller still gets an answer, and the pool heals.</summary>
public sealed class CrashTests
{
    [Fact]
    public async Task ChildKilledMidTask_ItsTasksRunAgainElsewhere_AndThePoolIsWholeAgain()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 10 });
        var pool = scope.Pool;
        var log = Records.NewDirectory("crash");
        try
        {
            var tasks = Enumerable.Range(0, 10).Select(i => pool.ApplyAsync(Jobs.LogStartThenSleepAsync, log, i, 2000)).ToList();
            Assert.True(await Wait.UntilAsync(() => Records.Read(log).Count == 10, TimeSpan.FromSeconds(60)), "the tasks never all started");
            var busiest = Records.Read(log).Select(l => int.Parse(l.Split(' ')[0])).GroupBy(p => p).MaxBy(g => g.Count())!.Key;

            ProcessProbe.KillSurvivors([busiest]);

            var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(Enumerable.Range(0, 10), results.Select(r => r.Item));
            Assert.All(results, r => Assert.NotEqual(busiest, r.Pid));
            Assert.True(await Wait.UntilAsync(() => pool.ChildPids.Count == 2 && !pool.ChildPids.Contains(busiest), TimeSpan.FromSeconds(60)));
            Assert.Equal(9, await pool.ApplyAsync(Jobs.SquareAsync, 3));
        }
        finally
        {
            Directory.Delete(log, recursive: true);
        }
    }

    [Fact]
    public async Task ChildrenKilledWhileTheyStart_ThreeInARow_PoolStaysUpAndTheMapFinishes_AndHealthShowsTheStorm()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, MaxTasksPerChild = 2 });
        var pool = scope.Pool;
        var first = pool.ChildPids.ToHashSet();
        Assert.Equal(PoolHealthStatus.Healthy, pool.Health.Status);

        // Every new child is killed as soon as it appears, three times: each dies before it can be ready.
        var killed = new List<int>();
        using var stop = new CancellationTokenSource();
        var killer = Task.Run(async () =>
        {
            while (killed.Count < 3 && !stop.IsCancellationRequested)
            {
                foreach (var pid in pool.ChildPids.Where(pid => !first.Contains(pid) && !killed.Contains(pid)).Take(3 - killed.Count))
                {
                    ProcessProbe.KillSurvivors([pid]);
                    killed.Add(pid);
                }
                await Task.Delay(5);
            }
        });
        var map = pool.Map(Jobs.SquareAsync, Enumerable.Range(0, 20));
        var results = await Task.Run(async () => await map).WaitAsync(TimeSpan.FromSeconds(120));
        await stop.CancelAsync();
        await killer;

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), results);
        Assert.Equal(3, killed.Count);
        Assert.Equal(49, await pool.ApplyAsync(Jobs.SquareAsync, 7));
        // The storm is over (a child became ready since) but on record: degraded for a minute, not unhealthy.
        Assert.NotNull(pool.Health.LastRestartStorm);
        Assert.True(
            await Wait.UntilAsync(() => pool.Health is { StartFailuresInARow: 0, Status: not PoolHealthStatus.Unhealthy }, TimeSpan.FromSeconds(30)),
            pool.Health.ToString());
    }

    [Fact]
    public async Task ChildStopped_SigStop_IsFoundWithinSecondsKilledAndItsTaskRunsElsewhere()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = 1 });
        var pool = scope.Pool;
        var started = Records.NewDirectory("stopped");
        using var gate = new Gate();
        try
        {
            var held = pool.ApplyAsync(Jobs.RecordPidThenWaitForGateAsync, started, gate.Path);
            Assert.True(await Wait.UntilAsync(() => Directory.GetFiles(started).Length == 1, TimeSpan.FromSeconds(60)), "the task never started");
            var stopped = int.Parse(Path.GetFileName(Directory.GetFiles(started).Single()), System.Globalization.CultureInfo.InvariantCulture);
            ProcessProbe.Signal(stopped, "STOP");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            gate.Open();

            var others = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => pool.ApplyAsync(Jobs.Pid))).WaitAsync(TimeSpan.FromSeconds(60));
            var pid = await held.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.NotEqual(stopped, pid);
            Assert.DoesNotContain(stopped, others);
            // The default liveness timeout is 3 s; the bound leaves room for a loaded machine.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the stopped child's task took {watch.Elapsed} to run elsewhere");
            Assert.True(await ProcessProbe.WaitForExitAsync([stopped], TimeSpan.FromSeconds(30)), "the stopped child was never killed");
        }
        finally
        {
            Directory.Delete(started, recursive: true);
        }
    }

    [Fact]
    public async Task TaskThatKillsItsChildEveryTime_FailsWithChildCrashedExceptionAfterRetries_AndThePoolStaysHealthy()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2, MaxCrashRetries = 2 });
        var pool = scope.Pool;

        var error = await Assert.ThrowsAsync<ChildCrashedException>(() => pool.ApplyAsync(Jobs.ExitProcess, 3).WaitAsync(TimeSpan.FromSeconds(120)));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal(3, error.Attempts);
        Assert.True(await Wait.UntilAsync(() => pool.ChildPids.Count == 2, TimeSpan.FromSeconds(60)));
        Assert.Equal([0, 1, 4, 9], await pool.Map(Jobs.SquareAsync, Enumerable.Range(0, 4)));
    }

    [Fact]
    public async Task ChildFailFast_TaskRunsAgain()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-failfast-{Guid.NewGuid():N}");
        try
        {
            // The first attempt fails fast (the marker is not there yet and is written just before); the second returns.
            Assert.Equal(42, await scope.Pool.ApplyAsync(Jobs.FailFastOnceAsync, marker).WaitAsync(TimeSpan.FromSeconds(120)));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task TaskTimeout_FunctionIgnoresItsToken_ChildIsReplacedAfterGrace()
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString("actorpool.task-timeout-grace = 500ms");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, TaskTimeout = TimeSpan.FromSeconds(2), Config = config });
        var first = scope.Pool.ChildPids.Single();

        await Assert.ThrowsAsync<TimeoutException>(() => scope.Pool.ApplyAsync(Jobs.SpinIgnoringTokenAsync, 600_000));

        Assert.True(await Wait.UntilAsync(() => !ProcessProbe.IsAlive(first), TimeSpan.FromSeconds(60)), "the child of a runaway task was not replaced");
        Assert.True(await Wait.UntilAsync(() => scope.Pool.ChildPids is [var next] && next != first, TimeSpan.FromSeconds(60)));
        Assert.Equal(4, await scope.Pool.ApplyAsync(Jobs.SquareAsync, 2));
    }

    [Fact]
    public async Task Cancel_FunctionIgnoresToken_CallerGetsCancellationAtOnceButSlotFreesOnlyWhenItReturns()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = 1 });
        var gate = Path.Combine(Path.GetTempPath(), $"actorpool-gate-{Guid.NewGuid():N}");
        try
        {
            using var cancellation = new CancellationTokenSource();
            var first = scope.Pool.ApplyAsync(Jobs.WaitForFileIgnoringTokenAsync, gate, cancellation.Token);
            Assert.True(await Wait.UntilAsync(() => File.Exists(gate + ".started"), TimeSpan.FromSeconds(60)));

            cancellation.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

            // The only slot is still taken by the first function: the second starts only after it returns.
            var second = scope.Pool.ApplyAsync(Jobs.FileExists, gate + ".done");
            File.WriteAllText(gate, "go");
            Assert.True(await second.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            foreach (var suffix in new[] { "", ".started", ".done" })
                File.Delete(gate + suffix);
        }
    }
}
