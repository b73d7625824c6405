using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using ActorPool.Batching;
using ActorPool.Diagnostics;
using ActorPool.Execution;
using ActorPool.Launch;
using ActorPool.Routing;
using static ActorPool.Execution.ExecutionProtocol;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool.Supervision;

/// <summary>
/// Owns a pool's child processes: starts them, deploys task runners into them (so the runners' supervisor, and
/// <see cref="PoolOptions.SupervisorStrategy"/>, live here), keeps the router's routees in step with the children,
/// places tracked tasks within each child's capacity, re-runs the tasks of a child that died, and replaces children
/// that retire or die. The bookkeeping lives in <see cref="TaskBook"/>, <see cref="ChildFleet"/>,
/// <see cref="FleetSizing"/> and <see cref="TaskPlacer"/>; this actor reacts to messages with them.
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
    private readonly TaskPlacer _placer;
    private readonly Liveness _liveness;
    private readonly ThreadPoolEcho _poolEcho;
    private readonly Batches<RunTask> _outgoing = new(batch => new RunTasks([.. batch]));
    private readonly AfterMailbox _dispatch;
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
    private SupervisorStrategy? _strategy;

    public PoolSupervisorActor(SupervisorSettings settings, IChildLauncher launcher, IReadOnlyList<IChildHandle> prelaunched, SupervisorOutlets outlets)
    {
        _telemetry = outlets.Telemetry;
        _health = outlets.Health;
        // A task's call may hold slots of the pool's shared-memory area; they are freed once the task leaves the book
        // (not before: a retry sends the same call again).
        _tasks = new TaskBook(task => _codec.ReleaseSlots(task.Call));
        _settings = settings;
        _launcher = launcher;
        _prelaunched = prelaunched;
        _registry = outlets.Registry;
        _started = outlets.Started;
        _joined = outlets.Joined;
        _inFlightPerChild = settings.Sizing.InFlightPerChild;
        _liveness = new Liveness(settings.LivenessInterval, settings.LivenessTimeout);
        var scheduler = Context.System.Scheduler;
        _poolEcho = new ThreadPoolEcho(() => scheduler.MonotonicClock);
        _placer = new TaskPlacer(settings.Placement, _inFlightPerChild, settings.MaxTasksPerChild, _log);
        _dispatch = new AfterMailbox(Self, DispatchQueued.Instance);
        _routerConfig = settings.Router;
        _runnersPerChild = ChildRoutees.RunnersPerChild(_routerConfig, Context.System);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="settings">What the supervisor needs of the pool's options and configuration.</param>
    /// <param name="launcher">Starts the children the pool adds later.</param>
    /// <param name="prelaunched">Children the pool started before this actor, already sent their bootstrap; adopted first.</param>
    /// <param name="outlets">Where the supervisor publishes what the pool reads, and the completions it waits on.</param>
    public static Props Props(SupervisorSettings settings, IChildLauncher launcher, IReadOnlyList<IChildHandle> prelaunched, SupervisorOutlets outlets) =>
        Akka.Actor.Props.Create(() => new PoolSupervisorActor(settings, launcher, prelaunched, outlets));

    protected override SupervisorStrategy SupervisorStrategy() => _strategy ??= _settings.Strategy is { } strategy ? GuardedStrategy.Of(strategy, _log) : base.SupervisorStrategy();

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
            _children.Add(new ChildSlot(handle, spare: false) { StartedAt = Now });
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
            case DispatchQueued: _dispatch.Arrived(); Dispatch(); break;
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
            case SpawnDue: SpawnWhenDue(); break;
            case PeriodicTick: Tick(); break;
            case ProbeAnswered answered: Answered(answered.ChildId); break;
            case StartTimedOut: StartTimeout(); break;
            case Cluster.ClusterProtocol.HostJoined joined: HostJoined(joined); break;

            // The pool
            case ClosePool: Close(); break;
            case TerminatePool: TerminateAll(new PoolTerminatedException()); break;
            case DescribeState: Sender.Tell(Describe()); break;
            case Routees when _poolReady && !_terminating: Started(); break;
            default: Unhandled(message); break;
        }
        _telemetry.TasksNow(_tasks.Queued, _tasks.Count - _tasks.Queued);
        // Health follows the children; the messages of the task path (one per task) leave them as they were.
        if (message is not (SubmitTask or TasksFinished or DispatchQueued or AbandonTask))
            PublishHealth();
    }

    /// <summary>The router has its routees: StartAsync returns, and spares may start now (they wait for the pool to have started).</summary>
    private void Started()
    {
        if (_started.TrySetResult(new PoolStarted(_router)))
            EnsureChildren();
    }

    private void PublishHealth() =>
        _health.Publish(
            _poolReady, _terminating, _children.ReadyForTasks, _children.Starting(spare: false), _startFailures.InARow,
            _startFailures.RecentFailures(DateTime.UtcNow), _lastStorm, DateTimeOffset.UtcNow);

    private bool Accepting => !_terminating && !_closing;

    private string Describe() =>
        $"tasks={_tasks.Count} queued={_tasks.Queued} closing={_closing} terminating={_terminating} children=[" +
        string.Join("; ", _children.All.Select(s =>
            $"{s.Id}/pid {s.Handle.Pid}: {s.State}{(s.IsHost ? " host" : "")}{(s.Spare ? " spare" : "")} running={s.Running.Count} assigned={s.Assigned} runners={s.Runners.Count} routees={s.Routees.Count} exited={s.Handle.HasExited}")) + "]";
}
