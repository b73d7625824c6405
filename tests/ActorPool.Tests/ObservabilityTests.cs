using System.Collections.Concurrent;
using System.Diagnostics;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>Metrics, traces and health of a pool, as an OpenTelemetry exporter or a health check would see them.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task Metrics_TasksByOutcome_DurationFromTheChild_ChildStartsExitsAndMemory()
    {
        var name = $"metrics-{Guid.NewGuid():N}";
        using var recorder = new MeterRecorder(name);
        var pool = await ProcessPool.StartAsync(new PoolOptions { Name = name, Processes = 1, MaxTasksPerChild = 3 });
        try
        {
            Assert.Equal(300, await pool.ApplyAsync(Jobs.SleepThenReturnAsync, 300));
            Assert.Equal(new[] { 1, 4, 9 }, await pool.Map(Jobs.SquareAsync, new[] { 1, 2, 3 }));
            await Assert.ThrowsAsync<ProxyException>(() => pool.ApplyAsync(Jobs.ThrowInvalidOperation, "boom"));
            Assert.True(
                await Wait.UntilAsync(() => recorder.Of("actorpool.child.memory.usage").Any(), TimeSpan.FromSeconds(30)),
                "no child memory was recorded");
        }
        finally
        {
            await pool.DisposeAsync();
            await TestPool.EnsureNoSurvivorsAsync(pool.StartedChildPids);
        }

        Assert.Equal(5, recorder.Sum("actorpool.task.submitted"));
        Assert.Equal(4, recorder.Sum("actorpool.task.completed", "actorpool.task.outcome", "ok"));
        Assert.Equal(1, recorder.Sum("actorpool.task.completed", "actorpool.task.outcome", "error"));
        var durations = recorder.Of("actorpool.task.duration").ToList();
        Assert.Equal(5, durations.Count);
        Assert.Contains(durations, d => d.Value >= 0.25); // the 300 ms sleep, measured where it ran
        Assert.Equal(1, durations.Count(d => Equals(d.Tags["actorpool.task.outcome"], "error")));
        // Five tasks at three per child: a second child, the first one recycled, the second closed with the pool.
        Assert.Equal(2, recorder.Sum("actorpool.child.started"));
        Assert.Equal(1, recorder.Sum("actorpool.child.exited", "actorpool.child.exit_reason", "recycled"));
        Assert.Equal(1, recorder.Sum("actorpool.child.exited", "actorpool.child.exit_reason", "closed"));
        Assert.Contains(recorder.Of("actorpool.child.memory.usage"), m => m.Value > 1_000_000 && m.Tags.ContainsKey("actorpool.child.slot"));
        // Every task that was queued or in flight has left: the up-down counters are back to zero.
        Assert.Equal(0, recorder.Sum("actorpool.task.queued"));
        Assert.Equal(0, recorder.Sum("actorpool.task.in_flight"));
        Assert.Contains(recorder.Of("actorpool.task.in_flight"), m => m.Value > 0);
    }

    [Fact]
    public async Task Traces_TheChildRunsTheTaskInTheCallersTrace_UnderThePoolsSpan()
    {
        using var callerSource = new ActivitySource($"caller-{Guid.NewGuid():N}");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ActorPool" || source == callerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });

        string seen;
        ActivityTraceId trace;
        using (var caller = callerSource.StartActivity("caller")!)
        {
            trace = caller.TraceId;
            seen = await scope.Pool.ApplyAsync(Jobs.CurrentTrace);
        }

        // The child has no listener of its own: its span exists all the same, parented to the pool's span of the call.
        var poolSpan = Assert.Single(spans, s => s.TraceId == trace && s.OperationName == "actorpool.task");
        Assert.Equal(trace, poolSpan.TraceId);
        Assert.Equal($"{trace}/{poolSpan.SpanId}", seen);
        Assert.Equal("ok", poolSpan.GetTagItem("actorpool.task.outcome"));
        Assert.Equal(ActivityKind.Client, poolSpan.Kind);
    }

    [Fact]
    public async Task Traces_NothingListensToActorPool_TheChildStillRunsTheTaskInTheCallersTrace()
    {
        using var callerSource = new ActivitySource($"caller-{Guid.NewGuid():N}");
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source == callerSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });

        using var caller = callerSource.StartActivity("caller")!;
        var seen = await scope.Pool.ApplyAsync(Jobs.CurrentTrace);

        // No span of the pool's own in between: the child's activity is parented to the caller's span itself.
        Assert.Equal($"{caller.TraceId}/{caller.SpanId}", seen);
    }

    [Fact]
    public async Task Traces_NoTraceAtTheCaller_NoneInTheChild()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        Assert.Null(Activity.Current);

        Assert.Equal("none", await scope.Pool.ApplyAsync(Jobs.CurrentTrace));
    }

    [Fact]
    public async Task Health_APoolWithItsChildrenReady_IsHealthy_AndUnhealthyOnceDisposed()
    {
        var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2 });
        try
        {
            var health = pool.Health;
            Assert.Equal(PoolHealthStatus.Healthy, health.Status);
            Assert.Equal(2, health.ReadyChildren);
            Assert.Equal(2, health.MinimumChildren);
            Assert.Null(health.LastRestartStorm);
        }
        finally
        {
            await pool.DisposeAsync();
            await TestPool.EnsureNoSurvivorsAsync(pool.StartedChildPids);
        }
        Assert.Equal(PoolHealthStatus.Unhealthy, pool.Health.Status);
    }
}
