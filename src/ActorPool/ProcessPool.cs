using Akka.Actor;
using Akka.Event;
using ActorPool.Configuration;
using ActorPool.Diagnostics;
using ActorPool.Functions;
using ActorPool.Hosting;
using ActorPool.Launch;
using ActorPool.Placement;
using ActorPool.Routing;
using ActorPool.Security;
using ActorPool.Serialization;
using ActorPool.Supervision;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool;

/// <summary>
/// A pool of child processes, each hosting an Akka.NET ActorSystem connected back to this process over
/// Akka.Remote, that run task functions: <c>ApplyAsync</c> for one call, <c>Map</c>, <c>StarMap</c> and
/// <c>MapUnordered</c> for many, or <c>Ask</c> with an <see cref="Invoke"/> against <see cref="Router"/>.
/// </summary>
public sealed partial class ProcessPool : IProcessPool
{
    private const int Open = 0;
    private const int Closed = 1;
    private const int Terminated = 2;

    private long _nextTaskId;

    private readonly ActorSystem _system;
    private readonly Cluster.DriverNode? _cluster;
    private readonly IActorRef _supervisor;
    private readonly PayloadCodec _codec;
    private readonly ChildRegistry _registry;
    private readonly Task _childrenExited;
    private readonly PoolOptions _options;
    private readonly PoolSettings _settings;
    private readonly PoolTelemetry _telemetry;
    private readonly HealthBoard _health;
    private readonly Lazy<Task> _shutdown;
    private readonly string? _placementRefusal;
    private int _state;

    /// <summary>The driver's cluster node now, if the pool has a cluster (for tests).</summary>
    internal ActorSystem? ClusterSystem => _cluster?.Current;

    private ProcessPool(
        ActorSystem system, Cluster.DriverNode? cluster, PayloadCodec codec, IActorRef supervisor, IActorRef router, ChildRegistry registry, Task childrenExited,
        PoolOptions options, PoolSettings settings, PoolTelemetry telemetry, HealthBoard health, string? placementRefusal)
    {
        _cluster = cluster;
        _placementRefusal = placementRefusal;
        _telemetry = telemetry;
        _health = health;
        _system = system;
        _codec = codec;
        _supervisor = supervisor;
        Router = new RouterGate((IInternalActorRef)router, Refusal);
        _registry = registry;
        _childrenExited = childrenExited;
        _options = options;
        _settings = settings;
        _shutdown = new Lazy<Task>(ShutdownAsync);
    }

    /// <summary>
    /// The router whose routees are the task-runner actors in the children (round-robin unless the
    /// <c>/pool/router</c> deployment says otherwise). <c>Ask&lt;R&gt;(Invoke)</c> against it returns the
    /// task's result or faults with <see cref="ProxyException"/>.
    /// </summary>
    public IActorRef Router { get; }

    /// <summary>How the pool is doing: its children, and whether they keep dying as they start (a restart storm).</summary>
    /// <remarks>Read from any thread; cheap (a snapshot the supervisor keeps up to date).</remarks>
    public PoolHealth Health => Volatile.Read(ref _state) switch
    {
        Closed => _health.Current with { Status = PoolHealthStatus.Unhealthy, Description = "The pool is closed." },
        Terminated => _health.Current with { Status = PoolHealthStatus.Unhealthy, Description = "The pool is terminated." },
        _ => _health.Current,
    };

    /// <summary>Process ids of the live child processes.</summary>
    public IReadOnlyList<int> ChildPids => _registry.Pids;

    /// <summary>Worker hosts of the pool's cluster that take its tasks now (always 0 without <see cref="PoolOptions.Cluster"/>).</summary>
    public int WorkerHosts => _registry.Hosts;

    /// <summary>Every child pid this pool ever started; for tests that check no process outlives its pool.</summary>
    internal IReadOnlyList<int> StartedChildPids => _registry.Started;

    /// <summary>The pool's supervisor actor, for diagnostics (<see cref="SupervisionProtocol.DescribeState"/>).</summary>
    internal IActorRef Supervisor => _supervisor;

    /// <summary>How long the pool lets its tasks finish when it is disposed (<c>actorpool.dispose-grace</c>).</summary>
    internal TimeSpan DisposeGrace => _settings.DisposeGrace;

    /// <summary>The pool's own ActorSystem, in this process.</summary>
    internal ActorSystem System => _system;

    /// <summary>
    /// Starts <see cref="PoolOptions.Processes"/> child processes and completes when every one of them has run
    /// the initializer and takes tasks.
    /// </summary>
    /// <param name="options">The pool's options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start; children already started are ended.</param>
    /// <returns>The started pool.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">The initializer or exception handler cannot be sent to a child.</exception>
    /// <exception cref="ProxyException">The initializer threw in a child.</exception>
    /// <exception cref="TimeoutException">No child became ready for <c>actorpool.child-start-timeout</c> before all had.</exception>
    /// <exception cref="PlatformNotSupportedException">The application cannot start children: native AOT, or a single file without <see cref="ActorPoolHost.TryRunChild"/>.</exception>
    public static async Task<ProcessPool> StartAsync(PoolOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PoolOptions();
        options.Validate();
        ChildCommand.EnsureAvailable();
        cancellationToken.ThrowIfCancellationRequested();
        // What follows until the first child is awaited (the configuration, the family's certificate, the launches, the
        // ActorSystem) took about 1.6 s of the first pool's call under load: the caller gets its task back first.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var config = PoolConfig.Merge(options.Config);
        if (options.Cluster is not null)
        {
            // Before any child starts: a wrong password or a certificate the authority did not issue fails the call at once.
            options.Cluster.EnsureCertificate();
            config = Cluster.ClusterNode.OneMachineOff.WithFallback(config);
        }
        var settings = PoolSettings.From(config);
        var certificate = settings.Tls ? ProcessFamily.Credential : null;
        var initializer = options.Initializer is { } init ? PreparedFunction.Prepare(init, nameof(options.Initializer)).WithArguments(options.InitArgs, nameof(options.InitArgs)) : null;
        var exceptionHandler = options.ExceptionHandler is { } handler ? PreparedFunction.Prepare(handler, nameof(options.ExceptionHandler)) : null;
        var userConfig = HoconText.Render(options.Config);
        var minProcesses = options.MinProcesses ?? options.Processes;

        // The first children start before this pool's own ActorSystem is made, so that their starts overlap it: a child
        // needs nothing from the parent's system until it listens, and the parent deploys into it then.
        var childLogs = new Logging.ChildLogSink(options.LoggerFactory);
        var prelaunched = Prelaunch(Math.Min(minProcesses, settings.ChildStartsAtOnce), settings.ChildEnvironment, childLogs);
        ExtendedActorSystem system;
        PayloadCodec codec;
        byte[]? initializerCall, exceptionHandlerCall;
        try
        {
            foreach (var child in prelaunched)
                child.SendBootstrap(new ChildBootstrap(child.ChildId, Environment.ProcessId, userConfig, ProcessFamily.Credential, certificate is not null));
            system = RemoteSetup.Start("actorpool", config, certificate, options.LoggerFactory);
        }
        catch (Exception)
        {
            prelaunched.ForEach(child => child.Dispose());
            throw;
        }
        Akka.Routing.RouterConfig router;
        ITaskPlacement placement;
        string? placementRefusal = null;
        try
        {
            // The children read the same setting: a name that is no dispatcher would fail every runner, child after child.
            if (PoolConfig.TaskDispatcher(system.Settings.Config) is { } dispatcher && !system.Dispatchers.HasDispatcher(dispatcher))
                throw new ArgumentException($"actorpool.task-dispatcher names '{dispatcher}', which is no dispatcher of the configuration.", nameof(options));
            router = ChildRoutees.Configured(system);
            var routed = TaskPlacement.ForRouter(router);
            placement = options.Placement ?? routed ?? TaskPlacement.RoundRobin();
            if (options.Placement is null && routed is null)
            {
                // A valid choice for Router.Ask: the calls that cannot follow it say why when they are made.
                placementRefusal = TaskPlacement.Refusal(router);
                system.Log.Info("{0}", placementRefusal);
            }
            codec = PayloadCodec.For(system);
            initializerCall = initializer?.Encode(options.InitArgs, codec);
            exceptionHandlerCall = exceptionHandler?.Encode([], codec);
        }
        catch (Exception)
        {
            prelaunched.ForEach(child => child.Dispose());
            await TerminateSystemAsync(system, settings.SystemShutdownWait).ConfigureAwait(false);
            throw;
        }
        var taskTimeout = options.TaskTimeout is { } limit && limit != Timeout.InfiniteTimeSpan ? limit : (TimeSpan?)null;
        var sizing = new FleetSizing(
            minProcesses,
            options.Processes,
            options.SpareProcesses,
            SupervisorSettings.InFlightPerChild(options.ChildConcurrency, taskTimeout),
            options.ChildIdleTimeout) { StartsAtOnce = settings.ChildStartsAtOnce };
        var supervisorSettings = new SupervisorSettings(
            sizing,
            options.ChildConcurrency,
            options.MaxTasksPerChild,
            options.MaxCrashRetries,
            options.SupervisorStrategy,
            initializerCall,
            exceptionHandlerCall,
            userConfig,
            settings.ChildStartTimeout,
            taskTimeout,
            settings.TaskTimeoutGrace,
            certificate,
            settings.ChildIdleTrim,
            options.MaxChildLifetime,
            options.MaxMemoryPerChild ?? 0,
            settings.LivenessInterval,
            settings.LivenessTimeout,
            router,
            placement);

        if (certificate is null)
        {
            system.Log.Warning(
                "actorpool.remote.tls is off: any process that can reach the pool's ports can deploy actors into its children. " +
                "Use this only on a network where every such process is trusted.");
        }
        var registry = new ChildRegistry();
        var telemetry = new PoolTelemetry(options.Name, options.MeterFactory);
        var health = new HealthBoard(minProcesses);
        var started = new TaskCompletionSource<PoolStarted>(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var launcher = new ProcessChildLauncher(settings.ChildEnvironment, childLogs, Akka.Event.Logging.GetLogger(system, typeof(PoolSupervisorActor)));
        OrphanedTaskActor.Start(system, codec);
        Cluster.DriverNode? cluster = null;
        var supervisor = system.ActorOf(PoolSupervisorActor.Props(supervisorSettings, launcher, prelaunched, new SupervisorOutlets(registry, telemetry, health, started, exited)), PoolSupervisorActor.Name);
        try
        {
            var pool = await started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            // The cluster is joined once the local children take tasks: hosts that join add to a pool that works already.
            if (options.Cluster is { } clusterOptions)
            {
                cluster = Cluster.DriverNode.Start(clusterOptions, options.Config, options.LoggerFactory, supervisor, system.Log, settings.DisposeGrace);
            }
            return new ProcessPool(system, cluster, codec, supervisor, pool.Router, registry, exited.Task, options, settings, telemetry, health, placementRefusal);
        }
        catch (Exception)
        {
            if (cluster is not null)
                await cluster.DisposeAsync().ConfigureAwait(false);
            // The caller gets the cause at once: the children are killed, and neither they nor the ActorSystem keep it
            // waiting longer than the pool's own bounds (the cause is not replaced by a timeout of the clean-up).
            supervisor.Tell(TerminatePool.Instance);
            await exited.Task.WaitAsync(settings.DisposeGrace, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await TerminateSystemAsync(system, settings.SystemShutdownWait).ConfigureAwait(false);
            throw;
        }
    }

    private static List<ChildHandle> Prelaunch(int count, IReadOnlyDictionary<string, string> environment, Logging.ChildLogSink logs)
    {
        var children = new List<ChildHandle>(count);
        try
        {
            for (var id = 1; id <= count; id++)
                children.Add(ChildHandle.Launch(id, environment, logs));
            return children;
        }
        catch (Exception e)
        {
            children.ForEach(child => child.Dispose());
            throw new InvalidOperationException("ActorPool could not start a child process: " + e.Message, e);
        }
    }

    /// <summary>Accepts no new tasks; queued and running tasks finish, then the children exit.</summary>
    public void Close()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, Open) == Open)
            _supervisor.Tell(ClosePool.Instance);
    }

    /// <summary>Stops now: every unfinished task fails with <see cref="PoolTerminatedException"/> and the children are killed.</summary>
    public void Terminate()
    {
        if (Interlocked.Exchange(ref _state, Terminated) != Terminated)
            _supervisor.Tell(TerminatePool.Instance);
    }

    /// <summary>After <see cref="Close"/> or <see cref="Terminate"/>: completes when every child has exited.</summary>
    /// <exception cref="InvalidOperationException">Neither <see cref="Close"/> nor <see cref="Terminate"/> was called.</exception>
    public Task JoinAsync()
    {
        if (Volatile.Read(ref _state) == Open)
            throw new InvalidOperationException("Call Close or Terminate before JoinAsync.");
        return _shutdown.Value;
    }

    /// <summary>
    /// Closes the pool and waits for its children to exit, escalating to <see cref="Terminate"/> after
    /// <c>actorpool.dispose-grace</c> (10 s by default).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        try
        {
            await _childrenExited.WaitAsync(_settings.DisposeGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Terminate();
        }
        await _shutdown.Value.ConfigureAwait(false);
    }

    private async Task ShutdownAsync()
    {
        await _childrenExited.ConfigureAwait(false);
        // Worker hosts learn at once that this driver left (rather than from their failure detector).
        if (_cluster is not null)
            await _cluster.DisposeAsync().ConfigureAwait(false);
        // No child is left to read the pool's area: it goes now, not whenever the ActorSystem has finished terminating.
        SharedMemory.PayloadAreas.For(_system).Close();
        await TerminateSystemAsync(_system, _settings.SystemShutdownWait).ConfigureAwait(false);
    }

    /// <summary>
    /// Every child has exited. Akka may still wait on the remote runners of a child that was killed until its failure
    /// detector gives up on them; that is no reason to keep the caller waiting longer than <paramref name="wait"/>.
    /// </summary>
    private static async Task TerminateSystemAsync(ActorSystem system, TimeSpan wait)
    {
        try
        {
            await system.Terminate().WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            system.Log.Debug("The pool's ActorSystem finishes its shutdown in the background.");
        }
    }

    private EncodedTask Encode(Delegate fn, object?[] args) => Encode(PreparedFunction.Prepare(fn, nameof(fn)), args);

    private EncodedTask Encode(PreparedFunction fn, object?[] args) => new(fn.Encode(args, _codec, share: true), HashKeys.Of(args));

    private Task RunVoidAsync(EncodedTask task, CancellationToken cancellationToken) => RunAsync<object?>(task, cancellationToken);

    /// <summary>Sends one encoded call to the supervisor and waits for its outcome.</summary>
    /// <exception cref="InvalidOperationException">Thrown at the call, not through the task: the pool is closed.</exception>
    internal Task<R> RunAsync<R>(EncodedTask task, CancellationToken cancellationToken)
    {
        EnsureOpen();
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled<R>(cancellationToken) : SubmitAsync<R>(task, cancellationToken);
    }

    private async Task<R> SubmitAsync<R>(EncodedTask task, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextTaskId);
        var completion = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var activity = TaskActivity.StartCaller(_telemetry.PoolName, out var traceParent);
        activity?.SetTag("actorpool.task.id", id);
        _telemetry.TaskSubmitted();
        var outcome = TaskOutcomes.Ok;
        Exception? error = null;
        try
        {
            _supervisor.Tell(new SubmitTask(new PendingTask(id, task.Call, completion, traceParent, task.HashKey)));
            byte[] result;
            using (Abandoning(id, completion, cancellationToken))
                result = await completion.Task.ConfigureAwait(false);
            try
            {
                return (R)_codec.Deserialize(result)!;
            }
            finally
            {
                _codec.ReleaseSlots(result);
            }
        }
        catch (Exception e) when (Noted(e, out outcome, out error))
        {
            throw; // never reached: the filter notes the outcome and lets the exception pass without a rethrow
        }
        finally
        {
            _telemetry.TaskCompleted(outcome);
            TaskActivity.StopCaller(activity, outcome, error);
        }
    }

    /// <summary>
    /// Runs a call another process encoded (a driver's, on a worker host) and returns its encoded result as the child
    /// gave it; a fault comes as the <see cref="ProxyException"/> a caller here would get.
    /// </summary>
    internal async Task<byte[]> RunEncodedAsync(byte[] call, string? traceParent, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var id = Interlocked.Increment(ref _nextTaskId);
        var completion = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _supervisor.Tell(new SubmitTask(new PendingTask(id, call, completion, traceParent)));
        using (Abandoning(id, completion, cancellationToken))
            return await completion.Task.ConfigureAwait(false);
    }

    private static bool Noted(Exception exception, out string outcome, out Exception error)
    {
        (outcome, error) = (TaskOutcomes.Of(exception), exception);
        return false;
    }

    /// <summary>
    /// Cancelling the token gives the caller its cancellation at once and has the supervisor cancel the function's token
    /// in the child. A registration rather than <see cref="Task.WaitAsync(CancellationToken)"/>, whose wrapping task and
    /// extra hop every task of a map would pay for.
    /// </summary>
    private CancellationTokenRegistration Abandoning(long id, TaskCompletionSource<byte[]> completion, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, token) =>
            {
                var (pool, id, completion) = ((ProcessPool, long, TaskCompletionSource<byte[]>))state!;
                // Only the side that completes the task acts: a result that came first is the caller's to read. The
                // caller gets an OperationCanceledException carrying its token, the type it has always got.
                if (completion.TrySetException(new OperationCanceledException(token)))
                    pool._supervisor.Tell(new AbandonTask(id));
            }, (this, id, completion))
            : default;

    /// <exception cref="InvalidOperationException">The pool is closed or terminated.</exception>
    /// <exception cref="NotSupportedException">The pool's router cannot place a single task.</exception>
    private void EnsureOpen()
    {
        if (Refusal() is { } closed)
            throw closed;
        if (_placementRefusal is { } refused)
            throw new NotSupportedException(refused);
    }

    /// <summary>Why the pool takes no new task, or null while it does.</summary>
    private InvalidOperationException? Refusal() => Volatile.Read(ref _state) switch
    {
        Closed => new InvalidOperationException("The pool is closed and takes no new tasks."),
        Terminated => new InvalidOperationException("The pool is terminated and takes no new tasks."),
        // Its supervisor stopped on its own (it failed): nothing would run a new task.
        _ when _childrenExited.IsCompleted => new InvalidOperationException("The pool has ended (its supervisor stopped; its log says why) and takes no new tasks."),
        _ => null,
    };
}
