using System.Collections.Concurrent;
using Akka.Actor;
using ActorPool.Functions;
using ActorPool.Serialization;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Child;

/// <summary>
/// What a pool child's task runners share, kept across runner restarts: the concurrency gate, the count of tasks for
/// recycling, the tokens of running tasks, the outbox of outcomes and the once-only initializer. One per child
/// ActorSystem (an Akka extension), made when its first runner starts.
/// </summary>
internal sealed class ChildRuntime : IExtension
{
    private readonly object _lock = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _running = new();
    private readonly ExtendedActorSystem _system;
    private RunnerSettings? _settings;
    private SemaphoreSlim _gate = new(1);
    private Task? _initialized;
    private TaskCall? _exceptionHandler;
    private IdleTrim? _idleTrim;

    public ChildRuntime(ExtendedActorSystem system)
    {
        _system = system;
        Codec = PayloadCodec.For(system);
        var dispatcher = Configuration.PoolConfig.TaskDispatcher(system.Settings.Config);
        Scheduler = dispatcher is null ? TaskScheduler.Default : new DispatcherTaskScheduler(system.Dispatchers.Lookup(dispatcher));
    }

    /// <summary>Where task functions and the initializer run: the .NET thread pool, or <c>actorpool.task-dispatcher</c>.</summary>
    public TaskScheduler Scheduler { get; }

    /// <summary>Runs <paramref name="work"/> on <see cref="Scheduler"/>, as <see cref="Task.Run(Func{Task})"/> does on the thread pool.</summary>
    public Task Run(Func<Task> work) =>
        Scheduler == TaskScheduler.Default
            ? Task.Run(work)
            : Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    public static int Pid { get; } = Environment.ProcessId;

    /// <summary>The runtime of a child's ActorSystem.</summary>
    public static ChildRuntime For(ActorSystem system) => system.WithExtension<ChildRuntime, ChildRuntimeExtension>();

    /// <summary>Outcomes of tracked tasks waiting to travel to the supervisor.</summary>
    public OutcomeOutbox Outbox { get; } = new();

    /// <summary>The payload codec of the child's ActorSystem, with the pool's settings.</summary>
    public PayloadCodec Codec { get; }

    /// <summary>The child's count of tasks taken and its retirement; set by the first runner.</summary>
    public ChildAdmissions Admissions { get; private set; } = new(0);

    /// <summary>Applies the settings of the first runner; runs the initializer once.</summary>
    public Task EnsureInitializedAsync(RunnerSettings settings)
    {
        lock (_lock)
        {
            if (_initialized is not null)
                return _initialized;
            _settings = settings;
            _gate = new SemaphoreSlim(settings.ChildConcurrency);
            if (Scheduler == TaskScheduler.Default)
                TaskThreads.Reserve(settings.ChildConcurrency);
            Admissions = new ChildAdmissions(settings.MaxTasksPerChild);
            if (settings.ExceptionHandler is { } handler)
                _exceptionHandler = (TaskCall)Codec.Deserialize(handler)!;
            _initialized = settings.Initializer is { } init ? Run(() => RunInitializerAsync(init)) : Task.CompletedTask;
            var areas = SharedMemory.PayloadAreas.For(_system);
            _idleTrim = new IdleTrim(settings.IdleTrimDelay, () => Admissions.Idle, areas.Trim);
            _initialized.ContinueWith(
                static (_, idleTrim) => ((IdleTrim)idleTrim!).BecameIdle(), _idleTrim,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return _initialized;
        }
    }

    private Task RunInitializerAsync(byte[] initializer)
    {
        var call = (TaskCall)Codec.Deserialize(initializer)!;
        return TaskInvoker.For(call.Method).InvokeAsync(call, CancellationToken.None);
    }

    /// <summary>Ends an admitted task; true when it was the last one of a retiring child.</summary>
    public bool Finish()
    {
        var drained = Admissions.Finish();
        if (Admissions.Idle)
            _idleTrim?.BecameIdle();
        return drained;
    }

    /// <summary>True when the pool has a MaxMemoryPerChild and this process's resident memory is over it.</summary>
    public bool OverMemoryLimit() => _settings is { MaxMemoryPerChild: > 0 } settings && Environment.WorkingSet > settings.MaxMemoryPerChild;

    /// <summary>Runs a task under the concurrency gate with a token that <see cref="Cancel"/> reaches.</summary>
    /// <param name="taskId">The supervisor's id of a tracked task, or null for a call sent through the router.</param>
    /// <param name="callBytes">The serialized <see cref="TaskCall"/>.</param>
    /// <param name="traceParent">The caller's W3C trace context, if it was traced: the function runs in a span under it.</param>
    /// <param name="clock">Measures how long the function runs, if given.</param>
    public async Task<object?> RunAsync(long? taskId, byte[] callBytes, string? traceParent = null, TaskClock? clock = null)
    {
        using var cancellation = new CancellationTokenSource();
        if (taskId is { } tracked)
            _running[tracked] = cancellation;
        var gate = _gate;
        var entered = false;
        try
        {
            // On a task dispatcher, the function must start back on it after waiting for a slot.
            await gate.WaitAsync(cancellation.Token).ConfigureAwait(Scheduler != TaskScheduler.Default);
            entered = true;
            clock?.Start();
            using var activity = Diagnostics.TaskActivity.StartChild(traceParent, taskId);
            try
            {
                var call = (TaskCall)Codec.Deserialize(callBytes)!;
                return await TaskInvoker.For(call.Method).InvokeAsync(call, cancellation.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (activity is not null)
            {
                Diagnostics.TaskActivity.ChildFailed(activity, e);
                throw;
            }
        }
        finally
        {
            clock?.Stop();
            if (entered)
                gate.Release();
            if (taskId is { } finished)
                _running.TryRemove(finished, out _);
        }
    }

    public void Cancel(long taskId)
    {
        if (_running.TryGetValue(taskId, out var cancellation))
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The task finished meanwhile.
            }
        }
    }

    /// <summary>Runs the pool's ExceptionHandler, if any, for an exception a task threw.</summary>
    public void HandleException(Exception exception)
    {
        if (_exceptionHandler is { } handler)
            TaskInvoker.For(handler.Method).InvokeAsync(handler with { Args = [exception] }, CancellationToken.None).GetAwaiter().GetResult();
    }
}

/// <summary>Makes the <see cref="ChildRuntime"/> of a child's ActorSystem.</summary>
internal sealed class ChildRuntimeExtension : ExtensionIdProvider<ChildRuntime>
{
    public override ChildRuntime CreateExtension(ExtendedActorSystem system) => new(system);
}
