using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using ActorPool.Child;
using ActorPool.Diagnostics;
using ActorPool.Execution;
using ActorPool.Launch;
using ActorPool.Routing;
using ActorPool.Security;
using static ActorPool.Execution.ExecutionProtocol;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool.Supervision;

/// <summary>
/// Owns a pool's child processes: starts them, deploys task runners into them (so the runners' supervisor, and
/// <see cref="PoolOptions.SupervisorStrategy"/>, live here), keeps the router's routees in step with the children,
/// places tracked tasks within each child's capacity, re-runs the tasks of a child that died, and replaces children
/// that retire or die. The bookkeeping lives in <see cref="TaskBook"/>, <see cref="ChildFleet"/>,
/// <see cref="FleetSizing"/> and <see cref="IChildPlacement"/>; this actor reacts to messages with them.
/// </summary>
internal sealed partial class PoolSupervisorActor : UntypedActor, IWithTimers
{
    /// <summary>Name of the supervisor under <c>/user</c>.</summary>
    public const string Name = "supervisor";

    /// <summary>The <c>akka.actor.deployment</c> key that configures <see cref="ProcessPool.Router"/>.</summary>
    public const string RouterDeploymentPath = "/pool/router";

    private readonly SupervisorSettings _settings;
    private readonly IChildLauncher _launcher;
    private readonly IReadOnlyList<IChildHandle> _prelaunched;
    private readonly TaskCompletionSource<PoolStarted> _started;
    private readonly TaskCompletionSource _joined;
    private readonly ChildRegistry _registry;
    private readonly PoolTelemetry _telemetry;
    private readonly HealthBoard _health;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Serialization.PayloadCodec _codec = Serialization.PayloadCodec.For(Context.System);
    private readonly SharedMemory.PayloadAreas _areas = SharedMemory.PayloadAreas.For(Context.System);
    private readonly TaskBook _tasks;
    private readonly ChildFleet _children = new();
    private readonly IChildPlacement _placement = new RoundRobinPlacement();
    private readonly Liveness _liveness;
    private readonly Dictionary<IActorRef, List<RunTask>> _outgoing = [];
    private readonly RouterConfig _routerConfig;
    private readonly int _runnersPerChild;
    private readonly int _inFlightPerChild;
    private IActorRef _router = ActorRefs.Nobody;
    private int _nextChildId;
    private long _nextAdoptedId;
    private readonly StartFailures _startFailures = new();
    private int _initFailures;
    private DateTime _spawnNotBefore;
    private DateTimeOffset? _lastStorm;
    private bool _poolReady;
    private bool _closing;
    private bool _terminating;
    private bool _dispatchRequested;

    public PoolSupervisorActor(
        SupervisorSettings settings,
        IChildLauncher launcher,
        IReadOnlyList<IChildHandle> prelaunched,
        ChildRegistry registry,
        PoolTelemetry telemetry,
        HealthBoard health,
        TaskCompletionSource<PoolStarted> started,
        TaskCompletionSource joined)
    {
        _telemetry = telemetry;
        _health = health;
        // A task's call may hold slots of the pool's shared-memory area; they are freed once the task leaves the book
        // (not before: a retry sends the same call again).
        _tasks = new TaskBook(task => _codec.ReleaseSlots(task.Call));
        _settings = settings;
        _launcher = launcher;
        _prelaunched = prelaunched;
        _registry = registry;
        _started = started;
        _joined = joined;
        _inFlightPerChild = settings.Sizing.InFlightPerChild;
        _liveness = new Liveness(settings.LivenessInterval, settings.LivenessTimeout);
        var system = (ExtendedActorSystem)Context.System;
        _routerConfig = ChildRoutees.Configured(system, new RootActorPath(system.Provider.DefaultAddress) / "user" / "pool" / "router");
        _runnersPerChild = ChildRoutees.RunnersPerChild(_routerConfig, system);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settings">What the supervisor needs of the pool's options and configuration.</param>
    /// <param name="launcher">Starts the children the pool adds later.</param>
    /// <param name="prelaunched">Children the pool started before this actor, already sent their bootstrap; adopted first.</param>
    /// <param name="registry">Where the live child pids are published.</param>
    /// <param name="telemetry">The pool's instruments.</param>
    /// <param name="health">Where the pool's health is published.</param>
    /// <param name="started">Completed with the router once the pool's first children are ready.</param>
    /// <param name="joined">Completed once the pool has ended and every child has exited.</param>
    public static Props Props(
        SupervisorSettings settings,
        IChildLauncher launcher,
        IReadOnlyList<IChildHandle> prelaunched,
        ChildRegistry registry,
        PoolTelemetry telemetry,
        HealthBoard health,
        TaskCompletionSource<PoolStarted> started,
        TaskCompletionSource joined) =>
        Akka.Actor.Props.Create(() => new PoolSupervisorActor(settings, launcher, prelaunched, registry, telemetry, health, started, joined));

    protected override SupervisorStrategy SupervisorStrategy() => _settings.Strategy ?? base.SupervisorStrategy();

    protected override void PreStart()
    {
        _router = Context.ActorOf(Akka.Actor.Props.Empty.WithRouter(new ChildRoutees(_routerConfig)), "router");
        Timers.StartSingleTimer(StartTimedOut.Instance, StartTimedOut.Instance, _settings.ChildStartTimeout);
        // The tick probes children (unless liveness is off), reads their memory for metrics, and moves health's window on.
        Timers.StartPeriodicTimer(PeriodicTick.Instance, PeriodicTick.Instance, _settings.LivenessInterval);
        if (_settings.Sizing.Elastic)
        {
            var tick = TimeSpan.FromTicks(Math.Clamp(_settings.Sizing.IdleTimeout.Ticks / 2, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
            Timers.StartPeriodicTimer(ShrinkTick.Instance, ShrinkTick.Instance, tick);
        }
        foreach (var handle in _prelaunched)
        {
            _children.Add(new ChildSlot(handle, spare: false));
            _registry.Add(handle.Pid);
            _nextChildId = Math.Max(_nextChildId, handle.ChildId);
            _telemetry.ChildStarted();
            handle.Attach(Self, _log);
        }
        EnsureChildren();
    }

    protected override void PostStop()
    {
        // Whatever stopped the supervisor (the pool's guardian stops it if it ever fails), no caller is left waiting.
        foreach (var task in _tasks.RemoveAll())
            task.Fail(new PoolTerminatedException("The pool's supervisor stopped."));
        foreach (var slot in _children.All)
            slot.Handle.Dispose();
        _started.TrySetException(new PoolTerminatedException("The pool stopped before it started."));
        _telemetry.TasksNow(0, 0);
        _health.Ended(_terminating ? "The pool is terminated." : "The pool has ended.");
        _joined.TrySetResult();
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            // Tasks
            case SubmitTask submit: Submit(submit.Task); break;
            case Invoke invoke: AdoptBounced(invoke); break;
            case AbandonTask abandon: Abandon(abandon.TaskId); break;
            case TasksFinished finished: Finished(finished); break;
            case DispatchQueued: _dispatchRequested = false; Dispatch(); break;
            case TaskTimedOut timedOut: TimeOut(timedOut.TaskId, timedOut.Attempt); break;
            case EnforceTimeout enforce: EnforceHardLimit(enforce.TaskId); break;

            // Children
            case ChildLaunched launched: Deploy(launched); break;
            case RunnerReady ready: RunnerReady(ready.ChildId, Sender); break;
            case RunnerInitFailed failed: InitFailed(failed.ChildId, failed.Error); break;
            case ChildRetiring retiring: Retiring(retiring.ChildId, retiring.Reason); break;
            case ChildDrained drained: Drained(drained.ChildId); break;
            case ChildExited exited: Exited(exited); break;
            case Terminated terminated: RunnerStopped(terminated.ActorRef, terminated.AddressTerminated); break;
            case LifetimeReached reached: Retire(reached.ChildId, RetireReason.Lifetime); break;
            case ShrinkTick: ShrinkIdle(); break;
            case TrimArea: if (_tasks.Count == 0) _areas.Trim(); break;
            case SpawnDue: EnsureChildren(); Dispatch(); break;
            case PeriodicTick: Tick(); break;
            case ProbeAnswered answered: Answered(answered.ChildId); break;
            case StartTimedOut: StartTimeout(); break;

            // The pool
            case ClosePool: Close(); break;
            case TerminatePool: TerminateAll(new PoolTerminatedException()); break;
            case DescribeState: Sender.Tell(Describe()); break;
            default: Unhandled(message); break;
        }
        _telemetry.TasksNow(_tasks.Queued, _tasks.Count - _tasks.Queued);
        // Health follows the children; the messages of the task path (one per task) leave them as they were.
        if (message is not (SubmitTask or TasksFinished or DispatchQueued or AbandonTask))
            PublishHealth();
    }

    private void PublishHealth() =>
        _health.Publish(
            _poolReady, _terminating, _children.ReadyForTasks, _children.Starting(spare: false), _startFailures.InARow,
            _startFailures.RecentFailures(DateTime.UtcNow), _lastStorm, DateTimeOffset.UtcNow);

    private bool Accepting => !_terminating && !_closing;

    // ---- tasks ----

    private void Submit(PendingTask task)
    {
        if (_terminating)
        {
            _codec.ReleaseSlots(task.Call);
            task.Fail(new PoolTerminatedException());
            return;
        }
        _tasks.Add(task);
        // Placed once the submissions already in the mailbox have been queued too, so that they travel together.
        if (!_dispatchRequested)
        {
            _dispatchRequested = true;
            Self.Tell(DispatchQueued.Instance);
        }
    }

    private void AdoptBounced(Invoke invoke)
    {
        // A runner whose child had taken its last task handed back a call sent through the router.
        var task = new PendingTask(--_nextAdoptedId, invoke.Call, Sender);
        if (_terminating)
        {
            task.Fail(new PoolTerminatedException());
            return;
        }
        _tasks.Requeue(task);
        Dispatch();
    }

    private void Abandon(long taskId)
    {
        if (!_tasks.TryGet(taskId, out var task))
            return;
        if (task.QueueNode is not null)
        {
            _tasks.Remove(taskId, out _);
            return;
        }
        // Running: the child cancels the function's token; its slot frees when the function returns.
        task.Runner?.Tell(new CancelTask(taskId));
    }

    /// <summary>
    /// TaskTimeout, counted from when the task started in a child (time in the queue does not count): the caller
    /// gets <see cref="TimeoutException"/>, the function's token is cancelled, and a function still running a
    /// grace period later costs its child (the hard limit).
    /// </summary>
    private void TimeOut(long taskId, int attempt)
    {
        if (!_tasks.TryGet(taskId, out var task) || task.Attempts != attempt || task.Runner is null)
            return;
        task.Fail(new TimeoutException($"The task did not finish within its TaskTimeout of {_settings.TaskTimeout}."));
        task.Runner.Tell(new CancelTask(taskId));
        Timers.StartSingleTimer(("hard-limit", taskId), new EnforceTimeout(taskId), _settings.TaskTimeoutGrace);
    }

    /// <summary>A timed-out function that still runs a grace period after its token was cancelled costs its child.</summary>
    private void EnforceHardLimit(long taskId)
    {
        if (!_tasks.TryGet(taskId, out var task) || task.ChildId is not { } childId || !_children.TryGet(childId, out var slot))
            return;
        _log.Warning(
            "Task {0} ignored its cancellation for {1} after its TaskTimeout; killing child {2} (process {3}) to stop it",
            taskId, _settings.TaskTimeoutGrace, childId, slot.Handle.Pid);
        StopChild(slot, kill: true, ChildExitReasons.TimedOut);
    }

    /// <summary>Places queued tasks on children with room for them: one <see cref="RunTasks"/> per runner.</summary>
    private void Dispatch()
    {
        while (_tasks.PeekQueued() is not null && _placement.Choose(_children.All, HasRoom) is { } slot)
        {
            var task = _tasks.Dequeue();
            task.ChildId = slot.Id;
            task.Attempts++;
            task.Runner = slot.NextRunner();
            slot.Running.Add(task.Id);
            slot.Assigned++;
            if (!_outgoing.TryGetValue(task.Runner, out var batch))
                _outgoing[task.Runner] = batch = [];
            batch.Add(new RunTask(task.Id, task.Call, task.TraceParent));
            if (_settings.TaskTimeout is { } limit)
                Timers.StartSingleTimer(("timeout", task.Id), new TaskTimedOut(task.Id, task.Attempts), limit);
        }
        foreach (var (runner, batch) in _outgoing)
            runner.Tell(new RunTasks([.. batch]));
        _outgoing.Clear();
        // Tasks still waiting in an elastic pool may call for another child.
        if (_tasks.Queued > 0 && _settings.Sizing.Elastic)
            EnsureChildren();
    }

    private bool HasRoom(ChildSlot slot) =>
        slot.TakesTasks
        && !slot.Unresponsive
        && slot.Running.Count < _inFlightPerChild
        && (_settings.MaxTasksPerChild == 0 || slot.Assigned < _settings.MaxTasksPerChild);

    private void Finished(TasksFinished finished)
    {
        foreach (var outcome in finished.Outcomes)
        {
            switch (outcome)
            {
                case TaskSucceeded done:
                    Finish(done.TaskId, done.Result, null, done.Ran);
                    break;
                case TaskFaulted failed:
                    Finish(failed.TaskId, null, failed.Error, failed.Ran);
                    break;
                case TaskBounced bounced:
                    Bounce(bounced.TaskId);
                    break;
            }
        }
        Dispatch();
        CloseIfIdle();
        if (_tasks.Count == 0 && _settings.IdleTrimDelay != Timeout.InfiniteTimeSpan)
            Timers.StartSingleTimer(TrimArea.Instance, TrimArea.Instance, _settings.IdleTrimDelay);
    }

    private void Finish(long taskId, byte[]? result, Serialization.RemoteError? error, TimeSpan ran)
    {
        if (!_tasks.TryGet(taskId, out _))
            return;
        // A result in a child's shared memory stays mapped until its caller has read it, even if the child exits now. A
        // child whose exit was already handled (its area removed) sent this late: its task was run again or failed.
        if (result is not null && !_codec.HoldSlots(result))
        {
            _log.Debug("The result of task {0} lies in the shared memory of a child that has exited; it is dropped", taskId);
            return;
        }
        _tasks.Remove(taskId, out var task);
        // A function that never started (cancelled while it waited for the child's concurrency gate) did not run.
        if (ran > TimeSpan.Zero)
            _telemetry.TaskRan(ran, error is null ? TaskOutcomes.Ok : TaskOutcomes.OfChild(error));
        if (_settings.TaskTimeout is not null)
        {
            Timers.Cancel(("timeout", taskId));
            Timers.Cancel(("hard-limit", taskId));
        }
        if (task.ChildId is { } childId && _children.TryGet(childId, out var slot))
        {
            slot.Running.Remove(taskId);
            if (slot.Running.Count == 0)
                slot.IdleSince = DateTime.UtcNow;
            ExitWhenIdle(slot);
        }
        if (error is not null)
            task.Fail(ProxyException.From(error, _codec));
        else
            task.Succeed(result!, _codec);
    }

    /// <summary>A retiring child handed a task back without running it: it goes first in the queue, its attempt not counted.</summary>
    private void Bounce(long taskId)
    {
        if (!_tasks.TryGet(taskId, out var task))
            return;
        if (task.ChildId is { } childId && _children.TryGet(childId, out var slot))
        {
            slot.Running.Remove(taskId);
            slot.Assigned = Math.Max(slot.Assigned, _settings.MaxTasksPerChild);
            ExitWhenIdle(slot);
        }
        task.Attempts--;
        _tasks.Requeue(task);
    }

    // ---- children ----

    /// <summary>Starts the children the pool lacks: spares take the place of those that left first, then new ones.</summary>
    private void EnsureChildren()
    {
        if (_terminating || (_closing && _tasks.Count == 0))
            return;
        // Needed is worked out again after each child: every promotion or launch changes the counts it reads.
        var promoted = false;
        var mayStart = DateTime.UtcNow >= _spawnNotBefore;
        while (!_terminating && _settings.Sizing.Needed(_children.Active(spare: false), _children.Starting(spare: false), _tasks.Queued) > 0)
        {
            if ((_children.ReadySpare() ?? _children.StartingSpare()) is { } spare)
                promoted |= Promote(spare);
            else if (mayStart)
                Spawn(spare: false);
            else
                break; // backing off after children died while starting; SpawnDue comes back here
        }
        if (mayStart && _started.Task.IsCompleted && Accepting
            && _settings.Sizing.StartSpare(_children.Active(spare: true), _children.Starting(spare: true) + _children.Starting(spare: false)))
            Spawn(spare: true);
        if (promoted)
            Dispatch();
    }

    /// <summary>A spare takes tasks from now on; true if it is ready to take them at once.</summary>
    private bool Promote(ChildSlot spare)
    {
        spare.Spare = false;
        spare.IdleSince = DateTime.UtcNow;
        _log.Debug("Spare child {0} (process {1}) takes tasks now", spare.Id, spare.Handle.Pid);
        foreach (var runner in spare.Routees)
            _router.Tell(new AddRoutee(Routee.FromActorRef(runner)));
        return spare.State == ChildState.Ready;
    }

    private void Spawn(bool spare)
    {
        var id = ++_nextChildId;
        try
        {
            var bootstrap = new ChildBootstrap(id, Environment.ProcessId, _settings.UserConfig, FamilyCertificate.Credential, _settings.Certificate is not null);
            var slot = new ChildSlot(_launcher.Start(id, bootstrap, Self), spare);
            _children.Add(slot);
            _registry.Add(slot.Handle.Pid);
            _telemetry.ChildStarted();
            _log.Debug("Started child {0} as process {1}{2}", id, slot.Handle.Pid, spare ? " (spare)" : "");
        }
        catch (Exception e)
        {
            _log.Error(e, "Could not start a child process");
            TerminateAll(new InvalidOperationException("ActorPool could not start a child process: " + e.Message, e));
        }
    }

    private void Deploy(ChildLaunched launched)
    {
        if (!_children.TryGet(launched.ChildId, out var slot) || slot.State != ChildState.Launching)
            return;
        var runnerSettings = new RunnerSettings(
            slot.Id, _settings.ChildConcurrency, _settings.MaxTasksPerChild, _settings.Initializer, _settings.ExceptionHandler,
            _settings.IdleTrimDelay, _settings.MaxMemoryPerChild);
        var deploy = Akka.Actor.Deploy.None.WithScope(new RemoteScope(launched.Address));
        for (var i = 0; i < _runnersPerChild; i++)
        {
            var runner = Context.ActorOf(TaskRunnerActor.Props(runnerSettings).WithDeploy(deploy), $"runner-{slot.Id}-{i}");
            Context.Watch(runner);
            slot.Runners.Add(runner);
        }
        slot.Address = launched.Address;
        slot.Uid = launched.Uid;
        slot.State = ChildState.Deploying;
        slot.Liveness = ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(new RootActorPath(launched.Address) / "system" / LivenessActor.Name);
        slot.LastHeard = DateTime.UtcNow;
    }

    private void RunnerReady(int childId, IActorRef runner)
    {
        if (!_children.TryGet(childId, out var slot) || slot.State is ChildState.Exiting)
            return;
        if (slot.State != ChildState.Retiring && slot.Routees.Add(runner) && !slot.Spare)
            _router.Tell(new AddRoutee(Routee.FromActorRef(runner)));
        if (slot.State == ChildState.Deploying && slot.Routees.Count == slot.Runners.Count)
        {
            slot.State = ChildState.Ready;
            slot.IdleSince = DateTime.UtcNow;
            _startFailures.ChildReady();
            _initFailures = 0;
            _log.Debug("Child {0} (process {1}) is ready", childId, slot.Handle.Pid);
            if (_settings.MaxChildLifetime is { } lifetime)
                Timers.StartSingleTimer(("lifetime", slot.Id), new LifetimeReached(slot.Id), lifetime);
        }
        if (!_started.Task.IsCompleted && _children.ReadyForTasks >= _settings.Sizing.Min)
        {
            Timers.Cancel(StartTimedOut.Instance);
            // Health says so before StartAsync returns.
            _poolReady = true;
            PublishHealth();
            _started.TrySetResult(new PoolStarted(_router));
        }
        // A child that is ready may let a spare start, which waits while others start.
        if (slot.State == ChildState.Ready)
            EnsureChildren();
        Dispatch();
    }

    private void InitFailed(int childId, Serialization.RemoteError error)
    {
        if (!_children.TryGet(childId, out var slot) || slot.State is ChildState.Exiting)
            return;
        var exception = ProxyException.From(error, _codec);
        _log.Error(exception, "The Initializer failed in child {0} (process {1})", childId, slot.Handle.Pid);
        if (!_started.Task.IsCompleted || ++_initFailures >= SupervisorSettings.MaxConsecutiveStartFailures)
        {
            slot.ExitReason = ChildExitReasons.InitializerFailed;
            TerminateAll(exception);
            return;
        }
        StopChild(slot, kill: true, ChildExitReasons.InitializerFailed);
    }

    /// <summary>The parent retires a child (too old, or idle in an elastic pool): the child takes no new task and then goes.</summary>
    private void Retire(int childId, RetireReason reason)
    {
        if (!_children.TryGet(childId, out var slot) || slot.State is not ChildState.Ready)
            return;
        slot.Runners.FirstOrDefault()?.Tell(new RetireChild(reason));
        Retiring(childId, reason);
    }

    /// <summary>A child takes no new task: it leaves placement and the router, and its place is filled.</summary>
    private void Retiring(int childId, RetireReason reason)
    {
        if (!_children.TryGet(childId, out var slot) || slot.State is not (ChildState.Ready or ChildState.Deploying))
            return;
        _log.Debug("Child {0} (process {1}) retires ({2})", childId, slot.Handle.Pid, reason);
        RemoveRoutees(slot);
        slot.State = ChildState.Retiring;
        slot.RetireReason = reason;
        slot.Spare = false;
        Timers.Cancel(("lifetime", slot.Id));
        EnsureChildren();
    }

    private void Drained(int childId)
    {
        if (_children.TryGet(childId, out var slot) && slot.State == ChildState.Retiring)
            StopChild(slot, kill: false, slot.RetireReason is { } reason ? ChildExitReasons.Of(reason) : ChildExitReasons.Recycled);
    }

    /// <summary>An elastic pool ends the children above its minimum that have had no task for ChildIdleTimeout.</summary>
    private void ShrinkIdle()
    {
        if (!_started.Task.IsCompleted || !Accepting)
            return;
        var now = DateTime.UtcNow;
        foreach (var slot in _children.All.ToList())
        {
            if (slot.TakesTasks && slot.Running.Count == 0
                && _settings.Sizing.MayShrink(_children.Active(spare: false), slot.IdleSince, now))
            {
                Retire(slot.Id, RetireReason.Idle);
            }
        }
    }

    /// <summary>
    /// Probes every child that listens. One that missed two probes takes no new task; one silent for the liveness
    /// timeout is hung (stopped, deadlocked, swapping): it is killed, and its tasks run again as for a crash.
    /// </summary>
    private void Tick()
    {
        if (_telemetry.MeasuresMemory)
        {
            foreach (var slot in _children.All)
            {
                if (slot.State != ChildState.Exiting && ResidentMemory.Of(slot.Handle.Pid) is { } bytes)
                    _telemetry.ChildMemory(slot.Number, bytes);
            }
        }
        if (_liveness.Probes)
            ProbeChildren();
    }

    private void ProbeChildren()
    {
        var now = DateTime.UtcNow;
        foreach (var slot in _children.All.ToList())
        {
            if (slot.Liveness is null || slot.State == ChildState.Exiting)
                continue;
            var verdict = _liveness.Judge(slot.LastHeard, now);
            if (verdict == LivenessVerdict.Hung)
            {
                _log.Warning("Child {0} (process {1}) has not answered for {2}; killing it, its tasks run again elsewhere",
                    slot.Id, slot.Handle.Pid, now - slot.LastHeard);
                StopChild(slot, kill: true, ChildExitReasons.Hung);
                continue;
            }
            slot.Unresponsive = verdict == LivenessVerdict.Unresponsive;
            slot.Liveness.Tell(Probe.Instance);
        }
    }

    private void Answered(int childId)
    {
        if (!_children.TryGet(childId, out var slot))
            return;
        slot.LastHeard = DateTime.UtcNow;
        if (slot.Unresponsive)
        {
            slot.Unresponsive = false;
            Dispatch();
        }
    }

    private void RunnerStopped(IActorRef runner, bool connectionLost)
    {
        var slot = _children.OwnerOf(runner);
        if (slot is null)
            return;
        if (connectionLost && slot.State != ChildState.Exiting)
        {
            // Akka.Remote gave up on the child while its process lives: no answer of its can arrive any more,
            // so end it now and run its tasks elsewhere.
            _log.Warning("Lost the connection to child {0} (process {1}); replacing it", slot.Id, slot.Handle.Pid);
            StopChild(slot, kill: true, ChildExitReasons.ConnectionLost);
            return;
        }
        slot.Runners.Remove(runner);
        if (slot.Routees.Remove(runner))
            _router.Tell(new RemoveRoutee(Routee.FromActorRef(runner)));
        if (slot.Runners.Count > 0)
            return;
        if (slot.State != ChildState.Exiting)
        {
            // The supervisor strategy stopped every runner of this child: it takes no tasks, so replace it
            // once the tasks it is still running have answered.
            _log.Warning("Every task runner of child {0} (process {1}) stopped; replacing the child", slot.Id, slot.Handle.Pid);
            StopChild(slot, kill: false, ChildExitReasons.RunnersStopped);
            return;
        }
        ExitWhenIdle(slot);
    }

    /// <summary>A child being ended gracefully exits once its runners have stopped and its tasks have answered.</summary>
    private static void ExitWhenIdle(ChildSlot slot)
    {
        if (slot.State == ChildState.Exiting && slot.Runners.Count == 0 && slot.Running.Count == 0)
            slot.Handle.RequestExit();
    }

    private void Exited(ChildExited exited)
    {
        if (!_children.Remove(exited.ChildId, out var slot))
            return;
        var expected = slot.State == ChildState.Exiting;
        var wasReady = slot.State is ChildState.Ready or ChildState.Retiring;
        Timers.Cancel(("lifetime", slot.Id));
        RemoveRoutees(slot);
        ForgetRunners(slot);
        slot.Handle.Dispose();
        _registry.Remove(slot.Handle.Pid);
        _areas.Retire(slot.Handle.Pid);
        if (!expected)
            _log.Warning("Child {0} (process {1}) exited with code {2} while in state {3}", slot.Id, slot.Handle.Pid, exited.ExitCode, slot.State);
        _telemetry.ChildExited(ChildExitReasons.Of(expected ? slot.ExitReason : null, exited.ExitCode, slot.KilledByPool, wasReady));
        foreach (var taskId in slot.Running)
        {
            if (!_tasks.TryGet(taskId, out var task))
                continue;
            if (task.Attempts > _settings.MaxCrashRetries || task.Completion?.Task.IsCompleted == true)
            {
                _tasks.Remove(taskId, out _);
                task.Fail(new ChildCrashedException(slot.Handle.Pid, exited.ExitCode, task.Attempts));
            }
            else
            {
                _tasks.Requeue(task);
            }
        }
        if (!expected && !wasReady && !_terminating)
        {
            if (_startFailures.ExitedBeforeReady(exited.ExitCode, slot.Handle.RecentErrorOutput.Length > 0, DateTime.UtcNow) is not { } backoff)
            {
                var output = slot.Handle.RecentErrorOutput is { Length: > 0 } text ? $" Its last error output: {text}" : "";
                TerminateAll(new InvalidOperationException(
                    $"ActorPool's child host could not start: {StartFailures.MaxHostFailures} child processes in a row exited by themselves " +
                    $"(last exit code {exited.ExitCode}) before they were ready.{output}"));
                return;
            }
            // Killed from outside while starting (or a first failure of the host): the next child starts after a backoff.
            if (_startFailures.InARow >= PoolHealth.StormThreshold)
            {
                _lastStorm = DateTimeOffset.UtcNow;
                if (_startFailures.InARow == PoolHealth.StormThreshold)
                    _log.Warning("Restart storm: {0} children in a row exited before they were ready; the next starts after {1}, each after twice as long",
                        _startFailures.InARow, backoff);
            }
            _spawnNotBefore = DateTime.UtcNow + backoff;
            Timers.StartSingleTimer(SpawnDue.Instance, SpawnDue.Instance, backoff);
        }
        EnsureChildren();
        Dispatch();
        CloseIfIdle();
        JoinIfDone();
    }

    /// <summary>
    /// The process is gone, and with it its runners. Quarantining its address makes Akka.Remote drop them
    /// now instead of after its heartbeat timeout, so that nothing waits on a dead system at shutdown; shared
    /// primitives hosted here drop the child's waiters and take back what it held.
    /// </summary>
    private void ForgetRunners(ChildSlot slot)
    {
        foreach (var runner in slot.Runners)
            Context.Unwatch(runner);
        slot.Runners.Clear();
        if (slot.Address is not { } address)
            return;
        if (Context.System is ExtendedActorSystem { Provider: Akka.Remote.RemoteActorRefProvider remote })
            remote.Quarantine(address, slot.Uid);
        Primitives.Core.SharedHost.ProcessExited(address, slot.Uid);
    }

    /// <summary>
    /// Ends a child: at once (<paramref name="kill"/>), or gracefully by stopping its runners first and then
    /// closing its standard input, so that no remote actor of this process is left behind in the child.
    /// </summary>
    private void StopChild(ChildSlot slot, bool kill, string reason)
    {
        RemoveRoutees(slot);
        slot.State = ChildState.Exiting;
        slot.ExitReason = reason;
        slot.Spare = false;
        if (kill)
        {
            slot.KilledByPool = true;
            slot.Handle.Kill();
        }
        else if (slot.Runners.Count == 0)
            ExitWhenIdle(slot);
        else
            slot.Runners.ForEach(Context.Stop);
        EnsureChildren();
    }

    private void RemoveRoutees(ChildSlot slot)
    {
        if (!slot.Spare)
        {
            foreach (var runner in slot.Routees)
                _router.Tell(new RemoveRoutee(Routee.FromActorRef(runner)));
        }
        slot.Routees.Clear();
    }

    // ---- closing ----

    private void Close()
    {
        _closing = true;
        CloseIfIdle();
        JoinIfDone();
    }

    private void CloseIfIdle()
    {
        if (!_closing || _tasks.Count > 0)
            return;
        foreach (var slot in _children.All.Where(s => s.State != ChildState.Exiting).ToList())
            StopChild(slot, kill: false, ChildExitReasons.Closed);
    }

    private void TerminateAll(Exception reason)
    {
        _terminating = true;
        _started.TrySetException(reason);
        Timers.CancelAll();
        foreach (var task in _tasks.RemoveAll())
            task.Fail(reason is PoolTerminatedException ? reason : new PoolTerminatedException("The pool was terminated: " + reason.Message, reason));
        foreach (var slot in _children.All)
        {
            RemoveRoutees(slot);
            slot.Running.Clear();
            slot.State = ChildState.Exiting;
            slot.ExitReason ??= ChildExitReasons.Terminated;
            slot.KilledByPool = true;
            slot.Handle.Kill();
        }
        JoinIfDone();
    }

    private void JoinIfDone()
    {
        if ((_closing || _terminating) && _children.Count == 0 && _tasks.Count == 0)
            _joined.TrySetResult();
    }

    private void StartTimeout()
    {
        if (!_started.Task.IsCompleted)
            TerminateAll(new TimeoutException($"The pool's children did not all start within {_settings.ChildStartTimeout}."));
    }

    private string Describe() =>
        $"tasks={_tasks.Count} queued={_tasks.Queued} closing={_closing} terminating={_terminating} children=[" +
        string.Join("; ", _children.All.Select(s =>
            $"{s.Id}/pid {s.Handle.Pid}: {s.State}{(s.Spare ? " spare" : "")} running={s.Running.Count} assigned={s.Assigned} runners={s.Runners.Count} routees={s.Routees.Count} exited={s.Handle.HasExited}")) + "]";
}
