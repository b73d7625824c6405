using Akka.Actor;
using Akka.Configuration;
using Akka.Routing;
using Akka.TestKit;
using ActorPool.Cluster;
using ActorPool.Configuration;
using ActorPool.Execution;
using ActorPool.Diagnostics;
using ActorPool.Functions;
using ActorPool.Placement;
using ActorPool.Serialization;
using ActorPool.Supervision;
using ActorPool.Tests.Support;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool.Tests.Unit;

/// <summary>
/// The pool's supervisor with fake children (<see cref="FakeLauncher"/>): no process is started, and a "child"'s task
/// runners are deployed into this test's own ActorSystem. The children's whole lives (launch, readiness, crashes,
/// start failures) are the test's to decide.
/// </summary>
public sealed class PoolSupervisorTests() : Akka.TestKit.Xunit2.TestKit(Config)
{
    // The pool's own configuration, on a local ActorSystem, with the TestKit's logger.
    private static readonly Config Config = ConfigurationFactory.ParseString("""
        akka.actor.provider = local
        akka.loggers = ["Akka.TestKit.TestEventListener, Akka.TestKit"]
        """).WithFallback(PoolConfig.Merge(ConfigurationFactory.Empty));

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    // The fake children share this ActorSystem's one child runtime, whose concurrency gate the first runner sets: room
    // for a task that waits on a gate and its re-run.
    private const int ChildConcurrency = 4;

    private readonly FakeLauncher _launcher = new();
    private readonly TaskCompletionSource<PoolStarted> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextTaskId;

    private PayloadCodec Codec => PayloadCodec.For(Sys);

    private Address Here => ((ExtendedActorSystem)Sys).Provider.DefaultAddress;

    [Fact]
    public async Task StartsOnceEveryFirstChildIsReady_AndRunsATaskOnOne()
    {
        var supervisor = StartSupervisor(processes: 2);
        var (first, second) = (_launcher.NextStarted(), _launcher.NextStarted());

        first.Launch(Here);
        Assert.True(await Wait.UntilAsync(async () => (await Describe(supervisor)).Contains($"{first.ChildId}/pid {first.Pid}: Ready"), Limit));
        Assert.False(_started.Task.IsCompleted);
        second.Launch(Here);
        await _started.Task.WaitAsync(Limit);

        Assert.Equal(14, await RunAsync<int>(supervisor, Jobs.Twice, 7));
        Assert.False(_launcher.AnyStarted);
    }

    [Fact]
    public async Task ChildThatExitsWhileRunningATask_IsReplaced_AndTheTaskRunsAgainThere_AnsweringOnce()
    {
        var (supervisor, children) = await StartedAsync(processes: 1, maxCrashRetries: 1);
        var first = children.Single();
        using var gate = new Gate();
        var (task, completion) = await RunningAsync(supervisor, gate);

        first.Exit(1);
        var second = _launcher.NextStarted();
        second.Launch(Here);
        Assert.True(await Wait.UntilAsync(() => task.Attempts == 2, Limit), "the task did not run again on the replacement");
        gate.Open();

        Assert.Equal(Environment.ProcessId, Decode<int>(await completion.Task.WaitAsync(Limit)));
        // The first run answers too (its runner outlived its fake process): the caller had one answer, and the
        // supervisor took the late one for nothing.
        Assert.Contains("tasks=0", await Describe(supervisor));
    }

    [Fact]
    public async Task ChildThatExitsWhileRunningATask_FailsIt_WithTheChildsPid_OnceRetriesAreSpent()
    {
        var (supervisor, children) = await StartedAsync(processes: 1, maxCrashRetries: 0);
        var first = children.Single();
        using var gate = new Gate();
        var (_, completion) = await RunningAsync(supervisor, gate);

        first.Exit(139);

        var crash = await Assert.ThrowsAsync<ChildCrashedException>(() => completion.Task.WaitAsync(Limit));
        Assert.Equal(first.Pid, crash.ChildPid);
        Assert.Equal(139, crash.ExitCode);
        Assert.Equal(1, crash.Attempts);
        gate.Open();
    }

    [Fact]
    public async Task ElasticPool_StartsAnotherChild_OnlyWhenTasksWaitThatItsChildrenCannotHold()
    {
        var (supervisor, _) = await StartedAsync(processes: 2, minProcesses: 1);
        using var gate = new Gate();
        var perChild = SupervisorSettings.InFlightPerChild(ChildConcurrency, null);

        var held = Enumerable.Range(0, perChild).Select(_ => Submit(supervisor, Jobs.PidWhenGateOpensAsync, gate.Path).Completion).ToList();
        Assert.True(await Wait.UntilAsync(async () => (await Describe(supervisor)).Contains($"running={perChild}"), Limit));
        Assert.False(_launcher.AnyStarted);
        held.Add(Submit(supervisor, Jobs.PidWhenGateOpensAsync, gate.Path).Completion);

        _launcher.NextStarted().Launch(Here);
        gate.Open();
        Assert.All(await Task.WhenAll(held.Select(c => c.Task)).WaitAsync(Limit), result => Assert.Equal(Environment.ProcessId, Decode<int>(result)));
    }

    [Fact]
    public async Task ClosePool_LetsRunningTasksFinish_ThenAsksEachChildToExit()
    {
        var (supervisor, children) = await StartedAsync(processes: 2);
        using var gate = new Gate();
        var (_, completion) = await RunningAsync(supervisor, gate);

        supervisor.Tell(ClosePool.Instance);
        Assert.False(_joined.Task.IsCompleted);
        gate.Open();

        Assert.Equal(Environment.ProcessId, Decode<int>(await completion.Task.WaitAsync(Limit)));
        await _joined.Task.WaitAsync(Limit);
        Assert.All(children, child => Assert.True(child.ExitRequested && !child.Killed));
    }

    [Fact]
    public async Task StartsNoMoreChildrenAtOnceThanItMay_AndTheNextAsOneBecomesReady()
    {
        var supervisor = StartSupervisor(processes: 3, startsAtOnce: 2);
        var (first, second) = (_launcher.NextStarted(), _launcher.NextStarted());

        // The supervisor starts what it may in one go: once it has answered, a third would be there.
        await Describe(supervisor);
        Assert.False(_launcher.AnyStarted);
        first.Launch(Here);
        var third = _launcher.NextStarted();
        second.Launch(Here);
        third.Launch(Here);

        await _started.Task.WaitAsync(Limit);
        Assert.False(_launcher.AnyStarted);
    }

    [Fact]
    public async Task StartingChild_SilentForLongerThanTheLivenessTimeout_IsNotKilledAsHung()
    {
        // A child is heard once it answers a probe or becomes ready; until then only the start timeout applies. This one
        // listens, and its runner's initializer holds it in its start for several liveness timeouts, during which no
        // probe is answered (the test's ActorSystem has no liveness actor).
        using var gate = new Gate();
        var initializer = PreparedFunction.Prepare(Jobs.PidWhenGateOpensAsync, "init").Encode([gate.Path], Codec);
        StartSupervisor(processes: 1, livenessTimeout: TimeSpan.FromMilliseconds(500), initializer: initializer);
        var child = _launcher.NextStarted();

        child.Launch(Here);
        Assert.True(await Wait.UntilAsync(() => gate.Started, Limit));
        // The window in which a child judged by its silence would be killed: four timeouts.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(child.Killed);
        gate.Open();

        await _started.Task.WaitAsync(Limit);
        // Ready, it is heard: from then on its silence counts, and with nothing to answer the probes it is killed.
        Assert.True(await Wait.UntilAsync(() => child.Killed, Limit), "a ready child that answers no probe was not killed");
    }

    [Fact]
    public async Task ChildStartedLater_NotReadyWithinTheStartTimeout_IsKilled_AndAnotherStartsInItsPlace()
    {
        var supervisor = StartSupervisor(processes: 1, childStartTimeout: TimeSpan.FromSeconds(5));
        var first = _launcher.NextStarted();
        first.Launch(Here);
        await _started.Task.WaitAsync(Limit);

        first.Exit(1);
        var stuck = _launcher.NextStarted();
        Assert.True(await Wait.UntilAsync(() => stuck.Killed, Limit), "a child that never became ready was not killed");
        var next = _launcher.NextStarted();
        next.Launch(Here);

        Assert.Equal(14, await RunAsync<int>(supervisor, Jobs.Twice, 7));
    }

    [Fact]
    public async Task ChildrenKilledWhileStarting_AreReplacedAfterABackoff_AndThePoolStillStarts()
    {
        StartSupervisor(processes: 1);

        // SIGKILLed from outside before they were ready (no error output): not the host's fault, so no limit.
        for (var i = 0; i < 4; i++)
            _launcher.NextStarted().Exit(128 + 9);
        _launcher.NextStarted().Launch(Here);

        await _started.Task.WaitAsync(Limit);
    }

    [Fact]
    public async Task ChildrenThatFailToStartByThemselves_EndThePool_WithTheirErrorOutput()
    {
        StartSupervisor(processes: 1);

        for (var i = 0; i < StartFailures.MaxHostFailures; i++)
        {
            var child = _launcher.NextStarted();
            child.RecentErrorOutput = "Unhandled exception. System.IO.FileNotFoundException: Akka.dll";
            child.Exit(134);
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _started.Task.WaitAsync(Limit));
        Assert.Contains("could not start", error.Message);
        Assert.Contains("FileNotFoundException: Akka.dll", error.Message);
        await _joined.Task.WaitAsync(Limit);
    }

    [Fact]
    public async Task TerminatePool_FailsEveryUnfinishedTask_AndKillsTheChildren()
    {
        var (supervisor, children) = await StartedAsync(processes: 2);
        using var gate = new Gate();
        var (_, completion) = await RunningAsync(supervisor, gate);

        supervisor.Tell(TerminatePool.Instance);

        await Assert.ThrowsAsync<PoolTerminatedException>(() => completion.Task.WaitAsync(Limit));
        await _joined.Task.WaitAsync(Limit);
        Assert.All(children, child => Assert.True(child.Killed));
        gate.Open();
    }

    [Fact]
    public async Task WorkerHost_TakesTasksUpToItsCapacity_BesideTheLocalChild()
    {
        var (supervisor, _) = await StartedAsync(processes: 1);
        var link = CreateTestProbe();
        JoinHost(supervisor, link.Ref, link);
        using var gate = new Gate();
        var perChild = SupervisorSettings.InFlightPerChild(ChildConcurrency, null);

        var held = Enumerable.Range(0, perChild + 3).Select(_ => Submit(supervisor, Jobs.PidWhenGateOpensAsync, gate.Path).Completion).ToList();

        // The host got its capacity's worth, the local child its own, and one task waits.
        var placed = 0;
        while (placed < 2)
            placed += link.ExpectMsg<ExecutionProtocol.RunTasks>(Limit).Tasks.Length;
        Assert.True(await Wait.UntilAsync(async () => (await Describe(supervisor)).Contains("queued=1"), Limit));
        link.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.Open();
    }

    [Fact]
    public async Task WorkerHostLost_ItsTaskRunsAgainOnTheLocalChild_AndAnswersOnce()
    {
        var (supervisor, _) = await StartedAsync(processes: 1, maxCrashRetries: 1);
        var link = CreateTestProbe();
        JoinHost(supervisor, link.Ref, link);
        using var gate = new Gate();

        var (first, onHost, second) = OneOnEach(supervisor, link, gate);

        Sys.Stop(link.Ref);
        Assert.True(await Wait.UntilAsync(() => onHost.Attempts == 2, Limit), "the lost host's task did not run again");
        Assert.DoesNotContain(" host", await Describe(supervisor));
        gate.Open();

        Assert.Equal(Environment.ProcessId, Decode<int>(await first.Task.WaitAsync(Limit)));
        Assert.Equal(Environment.ProcessId, Decode<int>(await second.Task.WaitAsync(Limit)));
    }

    [Fact]
    public async Task WorkerHostLeaving_TakesNoNewTask_AndLeavesThePoolOnceDrained()
    {
        var (supervisor, _) = await StartedAsync(processes: 1);
        var link = CreateTestProbe();
        var slot = JoinHost(supervisor, link.Ref, link);

        supervisor.Tell(new ExecutionProtocol.ChildRetiring(slot, RetireReason.HostLeaving), link.Ref);
        Assert.Equal(Environment.ProcessId, await RunAsync<int>(supervisor, Jobs.Pid));
        Assert.Equal(Environment.ProcessId, await RunAsync<int>(supervisor, Jobs.Pid));
        link.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        supervisor.Tell(new ExecutionProtocol.ChildDrained(slot), link.Ref);
        Assert.True(await Wait.UntilAsync(async () => !(await Describe(supervisor)).Contains(" host"), Limit), "the drained host stayed in the pool");
    }

    [Fact]
    public async Task WorkerHostDrained_TasksSentAfterItDrained_RunElsewhereUncounted()
    {
        // No crash retries: a task the host handed back unrun must not count as an attempt.
        var (supervisor, _) = await StartedAsync(processes: 1, maxCrashRetries: 0);
        var link = CreateTestProbe();
        var slot = JoinHost(supervisor, link.Ref, link);
        using var gate = new Gate();
        var (first, onHost, second) = OneOnEach(supervisor, link, gate);

        // The host said it was drained before that task reached it (it will bounce it to a link that is gone by then).
        supervisor.Tell(new ExecutionProtocol.ChildRetiring(slot, RetireReason.HostLeaving), link.Ref);
        supervisor.Tell(new ExecutionProtocol.ChildDrained(slot), link.Ref);
        Assert.True(await Wait.UntilAsync(async () => !(await Describe(supervisor)).Contains(" host"), Limit), "the drained host stayed in the pool");
        gate.Open();

        Assert.Equal(Environment.ProcessId, Decode<int>(await first.Task.WaitAsync(Limit)));
        Assert.Equal(Environment.ProcessId, Decode<int>(await second.Task.WaitAsync(Limit)));
        Assert.Equal(1, onHost.Attempts);
    }

    [Fact]
    public async Task WorkerHostBounces_ItsSlotRetires_AndTheTaskRunsElsewhere()
    {
        var (supervisor, _) = await StartedAsync(processes: 1, maxCrashRetries: 0);
        var link = CreateTestProbe();
        var slot = JoinHost(supervisor, link.Ref, link);
        using var gate = new Gate();
        var (first, onHost, second) = OneOnEach(supervisor, link, gate);

        // The host's gateway hands it back unrun (it is leaving, or no longer knows this link).
        supervisor.Tell(new ExecutionProtocol.TasksFinished([new ExecutionProtocol.TaskBounced(onHost.Id)]), link.Ref);

        Assert.True(await Wait.UntilAsync(async () => (await Describe(supervisor)).Contains($"{slot}/pid 4242: Retiring host"), Limit), "the host's slot did not retire");
        gate.Open();
        Assert.Equal(Environment.ProcessId, Decode<int>(await first.Task.WaitAsync(Limit)));
        Assert.Equal(Environment.ProcessId, Decode<int>(await second.Task.WaitAsync(Limit)));
        Assert.Equal(1, onHost.Attempts);
        link.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task WorkerHostLost_ItsLateAnswer_IsDropped()
    {
        var (supervisor, _) = await StartedAsync(processes: 1, maxCrashRetries: 1);
        var probe = CreateTestProbe();
        var link = await Sys.ActorOf(Props.Create(() => new LinkStandIn(probe.Ref)), HostDirectoryActor.Name).Ask<IActorRef>("link", Limit);
        JoinHost(supervisor, link, probe);
        using var gate = new Gate();
        var (first, onHost, second) = OneOnEach(supervisor, probe, gate);
        Sys.Stop(link);
        Assert.True(await Wait.UntilAsync(() => onHost.Attempts == 2, Limit), "the lost host's task did not run again");

        // The host, cut off, finished the task after all; what it says arrives through its (stopped) link's path.
        supervisor.Tell(new ExecutionProtocol.TasksFinished([new ExecutionProtocol.TaskSucceeded(onHost.Id, Codec.Serialize(-1), TimeSpan.FromMilliseconds(1))]), link);
        gate.Open();

        Assert.Equal(Environment.ProcessId, Decode<int>(await first.Task.WaitAsync(Limit)));
        Assert.Equal(Environment.ProcessId, Decode<int>(await second.Task.WaitAsync(Limit)));
    }

    // A host's link as the supervisor knows it, by its place under the driver's host directory: here it forwards to a probe.
    private sealed class LinkStandIn(IActorRef probe) : UntypedActor
    {
        private readonly IActorRef _link = Context.ActorOf(Props.Create(() => new Forwarder(probe)), "host-1");

        protected override void OnReceive(object message) => Sender.Tell(_link);
    }

    private sealed class Forwarder(IActorRef to) : UntypedActor
    {
        protected override void OnReceive(object message) => to.Forward(message);
    }

    // A worker host of capacity 2 joins through `link`, whose messages `probe` sees: its slot.
    private static int JoinHost(IActorRef supervisor, IActorRef link, TestProbe probe)
    {
        supervisor.Tell(new ClusterProtocol.HostJoined(link, Capacity: 2, Pid: 4242, Host: "elsewhere"), link);
        return probe.ExpectMsg<ClusterProtocol.HostAdmitted>(Limit).ChildId;
    }

    // Round-robin: the local child (first in order) takes the first task, the host the second; both wait on the gate.
    private (TaskCompletionSource<byte[]> OnChild, PendingTask OnHost, TaskCompletionSource<byte[]> HostCompletion) OneOnEach(
        IActorRef supervisor, TestProbe host, Gate gate)
    {
        var (_, onChild) = Submit(supervisor, Jobs.PidWhenGateOpensAsync, gate.Path);
        var (onHost, completion) = Submit(supervisor, Jobs.PidWhenGateOpensAsync, gate.Path);
        Assert.Equal(onHost.Id, host.ExpectMsg<ExecutionProtocol.RunTasks>(Limit).Tasks.Single().TaskId);
        return (onChild, onHost, completion);
    }

    private IActorRef StartSupervisor(
        int processes, int maxCrashRetries = 0, int? minProcesses = null, int startsAtOnce = int.MaxValue,
        TimeSpan? childStartTimeout = null, TimeSpan? livenessTimeout = null, byte[]? initializer = null)
    {
        var settings = new SupervisorSettings(
            new FleetSizing(minProcesses ?? processes, processes, 0, SupervisorSettings.InFlightPerChild(ChildConcurrency, null), TimeSpan.FromMinutes(1))
            {
                StartsAtOnce = startsAtOnce,
            },
            ChildConcurrency,
            MaxTasksPerChild: 0,
            maxCrashRetries,
            Strategy: null,
            Initializer: initializer,
            ExceptionHandler: null,
            UserConfig: "",
            ChildStartTimeout: childStartTimeout ?? TimeSpan.FromMinutes(1),
            TaskTimeout: null,
            TaskTimeoutGrace: TimeSpan.FromSeconds(5),
            Certificate: null,
            IdleTrimDelay: TimeSpan.FromMinutes(1),
            MaxChildLifetime: null,
            MaxMemoryPerChild: 0,
            LivenessInterval: TimeSpan.FromMilliseconds(250),
            // Off unless a test sets it: the fake children have no liveness actor to answer probes.
            LivenessTimeout: livenessTimeout,
            new RoundRobinPool(1),
            TaskPlacement.RoundRobin());
        var outlets = new SupervisorOutlets(new ChildRegistry(), new PoolTelemetry("supervisor-test", null), new HealthBoard(processes), _started, _joined);
        return Sys.ActorOf(PoolSupervisorActor.Props(settings, _launcher, [], outlets), PoolSupervisorActor.Name);
    }

    /// <summary>Starts the supervisor, launches its first children, and returns once the pool has started.</summary>
    private async Task<(IActorRef Supervisor, FakeChild[] Children)> StartedAsync(int processes, int maxCrashRetries = 0, int? minProcesses = null)
    {
        var supervisor = StartSupervisor(processes, maxCrashRetries, minProcesses);
        var children = Enumerable.Range(0, minProcesses ?? processes).Select(_ => _launcher.NextStarted()).ToArray();
        foreach (var child in children)
            child.Launch(Here);
        await _started.Task.WaitAsync(Limit);
        return (supervisor, children);
    }

    /// <summary>Submits a task that waits for <paramref name="gate"/>, and returns once it is running.</summary>
    private async Task<(PendingTask Task, TaskCompletionSource<byte[]> Completion)> RunningAsync(IActorRef supervisor, Gate gate)
    {
        var submitted = Submit(supervisor, Jobs.PidWhenGateOpensAsync, gate.Path);
        Assert.True(await Wait.UntilAsync(() => gate.Started, Limit));
        return submitted;
    }

    private async Task<R> RunAsync<R>(IActorRef supervisor, Delegate fn, params object?[] args)
    {
        var (_, completion) = Submit(supervisor, fn, args);
        return Decode<R>(await completion.Task.WaitAsync(Limit));
    }

    private (PendingTask Task, TaskCompletionSource<byte[]> Completion) Submit(IActorRef supervisor, Delegate fn, params object?[] args)
    {
        var completion = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = new PendingTask(Interlocked.Increment(ref _nextTaskId), PreparedFunction.Prepare(fn, "fn").Encode(args, Codec), completion);
        supervisor.Tell(new SubmitTask(task));
        return (task, completion);
    }

    private static Task<string> Describe(IActorRef supervisor) => supervisor.Ask<string>(DescribeState.Instance, Limit);

    private R Decode<R>(byte[] result) => (R)Codec.Deserialize(result)!;
}
