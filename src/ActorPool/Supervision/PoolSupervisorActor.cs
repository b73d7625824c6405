using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using ActorPool.Execution;
using ActorPool.Launch;
using ActorPool.Routing;
using ActorPool.Security;
using ActorPool.Serialization;
using static ActorPool.Execution.ExecutionProtocol;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool.Supervision;

/// <summary>
/// Owns a pool's child processes: starts them, deploys task runners into them (so the runners' supervisor,
/// and <see cref="PoolOptions.SupervisorStrategy"/>, live here), keeps the router's routees in step with the
/// children, places tracked tasks within each child's capacity, re-runs the tasks of a child that died,
/// and replaces children that retire or die.
/// </summary>
internal sealed class PoolSupervisorActor : ReceiveActor, IWithTimers
{
    /// <summary>Name of the supervisor under <c>/user</c>.</summary>
    public const string Name = "supervisor";

    /// <summary>The <c>akka.actor.deployment</c> key that configures <see cref="ProcessPool.Router"/>.</summary>
    public const string RouterDeploymentPath = "/pool/router";

    private readonly SupervisorSettings _settings;
    private readonly TaskCompletionSource<PoolStarted> _started;
    private readonly TaskCompletionSource _joined;
    private readonly ChildRegistry _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<int, ChildSlot> _children = [];
    private readonly List<ChildSlot> _placementOrder = [];
    private readonly Dictionary<long, PendingTask> _tasks = [];
    private readonly LinkedList<PendingTask> _queue = new();
    private readonly Dictionary<IActorRef, List<RunTask>> _outgoing = [];
    private readonly RouterConfig _routerConfig;
    private readonly int _runnersPerChild;
    private IActorRef _router = ActorRefs.Nobody;
    private int _nextChildId;
    private int _roundRobin;
    private long _nextAdoptedId;
    private int _startFailures;
    private bool _closing;
    private bool _terminating;
    private bool _dispatchRequested;

    public PoolSupervisorActor(
        SupervisorSettings settings, ChildRegistry registry, TaskCompletionSource<PoolStarted> started, TaskCompletionSource joined)
    {
        _settings = settings;
        _registry = registry;
        _started = started;
        _joined = joined;
        var system = (ExtendedActorSystem)Context.System;
        _routerConfig = ChildRoutees.Configured(system, new RootActorPath(system.Provider.DefaultAddress) / "user" / "pool" / "router");
        _runnersPerChild = ChildRoutees.RunnersPerChild(_routerConfig, system);

        Receive<SubmitTask>(submit => Submit(submit.Task));
        Receive<Invoke>(AdoptBounced);
        Receive<AbandonTask>(abandon => Abandon(abandon.TaskId));
        Receive<TaskTimedOut>(timedOut => TimeOut(timedOut.TaskId, timedOut.Attempt));
        Receive<EnforceTimeout>(enforce => EnforceHardLimit(enforce.TaskId));
        Receive<TasksFinished>(Finished);
        Receive<DispatchQueued>(_ =>
        {
            _dispatchRequested = false;
            Dispatch();
        });
        Receive<ChildLaunched>(Deploy);
        Receive<RunnerReady>(ready => RunnerReady(ready.ChildId, Sender));
        Receive<RunnerInitFailed>(failed => InitFailed(failed.ChildId, failed.Error));
        Receive<ChildRetiring>(retiring => Retire(retiring.ChildId));
        Receive<ChildDrained>(drained => Drained(drained.ChildId));
        Receive<ChildExited>(Exited);
        Receive<Terminated>(terminated => RunnerStopped(terminated.ActorRef, terminated.AddressTerminated));
        Receive<ClosePool>(_ => Close());
        Receive<TerminatePool>(_ => TerminateAll(new PoolTerminatedException()));
        Receive<StartTimedOut>(_ => StartTimeout());
        Receive<DescribeState>(_ => Sender.Tell(Describe()));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        SupervisorSettings settings, ChildRegistry registry, TaskCompletionSource<PoolStarted> started, TaskCompletionSource joined) =>
        Akka.Actor.Props.Create(() => new PoolSupervisorActor(settings, registry, started, joined));

    protected override SupervisorStrategy SupervisorStrategy() => _settings.Strategy ?? base.SupervisorStrategy();

    protected override void PreStart()
    {
        _router = Context.ActorOf(Akka.Actor.Props.Empty.WithRouter(new ChildRoutees(_routerConfig)), "router");
        Timers.StartSingleTimer(StartTimedOut.Instance, StartTimedOut.Instance, _settings.ChildStartTimeout);
        EnsureChildren();
    }

    protected override void PostStop()
    {
        // Whatever stopped the supervisor (the pool's guardian stops it if it ever fails), no caller is left waiting.
        foreach (var task in _tasks.Values)
            Fail(task, new PoolTerminatedException("The pool's supervisor stopped."));
        _tasks.Clear();
        foreach (var slot in _children.Values)
            slot.Handle.Dispose();
        _started.TrySetException(new PoolTerminatedException("The pool stopped before it started."));
        _joined.TrySetResult();
    }

    private bool Accepting => !_terminating && !_closing;

    // ---- tasks ----

    private void Submit(PendingTask task)
    {
        if (_terminating)
        {
            Fail(task, new PoolTerminatedException());
            return;
        }
        _tasks[task.Id] = task;
        task.QueueNode = _queue.AddLast(task);
        // Placed once the submissions already in the mailbox have been queued too, so that they travel together.
        if (!_dispatchRequested)
        {
            _dispatchRequested = true;
            Self.Tell(DispatchQueued.Instance);
        }
    }

    private void AdoptBounced(Invoke invoke)
    {
        // A runner whose child had run its MaxTasksPerChild handed back a call sent through the router.
        var task = new PendingTask(--_nextAdoptedId, invoke.Call, Sender);
        if (_terminating)
        {
            Fail(task, new PoolTerminatedException());
            return;
        }
        _tasks[task.Id] = task;
        task.QueueNode = _queue.AddFirst(task);
        Dispatch();
    }

    private void Abandon(long taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
            return;
        if (task.QueueNode is { } node)
        {
            _queue.Remove(node);
            task.QueueNode = null;
            _tasks.Remove(taskId);
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
        if (!_tasks.TryGetValue(taskId, out var task) || task.Attempts != attempt || task.Runner is null)
            return;
        Fail(task, new TimeoutException($"The task did not finish within its TaskTimeout of {_settings.TaskTimeout}."));
        task.Runner.Tell(new CancelTask(taskId));
        Timers.StartSingleTimer(("hard-limit", taskId), new EnforceTimeout(taskId), _settings.TaskTimeoutGrace);
    }

    /// <summary>A timed-out function that still runs a grace period after its token was cancelled costs its child.</summary>
    private void EnforceHardLimit(long taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task) || task.ChildId is not { } childId || !_children.TryGetValue(childId, out var slot))
            return;
        _log.Warning(
            "Task {0} ignored its cancellation for {1} after its TaskTimeout; killing child {2} (process {3}) to stop it",
            taskId, _settings.TaskTimeoutGrace, childId, slot.Handle.Pid);
        StopChild(slot, kill: true);
    }

    /// <summary>Places queued tasks on children with room for them: one <see cref="RunTasks"/> per runner.</summary>
    private void Dispatch()
    {
        while (_queue.First is { } first && NextFreeChild() is { } slot)
        {
            _queue.RemoveFirst();
            var task = first.Value;
            task.QueueNode = null;
            task.ChildId = slot.Id;
            task.Attempts++;
            task.Runner = slot.NextRunner();
            slot.Running.Add(task.Id);
            slot.Assigned++;
            if (!_outgoing.TryGetValue(task.Runner, out var batch))
                _outgoing[task.Runner] = batch = [];
            batch.Add(new RunTask(task.Id, task.Call));
            if (_settings.TaskTimeout is { } limit)
                Timers.StartSingleTimer(("timeout", task.Id), new TaskTimedOut(task.Id, task.Attempts), limit);
        }
        foreach (var (runner, batch) in _outgoing)
            runner.Tell(new RunTasks([.. batch]));
        _outgoing.Clear();
    }

    private ChildSlot? NextFreeChild()
    {
        // Runs once per task placed: walks the children in a kept order instead of copying them each time.
        var count = _placementOrder.Count;
        for (var i = 0; i < count; i++)
        {
            var slot = _placementOrder[(_roundRobin + i) % count];
            if (slot.State == ChildState.Ready
                && slot.Running.Count < _settings.InFlightPerChild
                && (_settings.MaxTasksPerChild == 0 || slot.Assigned < _settings.MaxTasksPerChild))
            {
                _roundRobin = (_roundRobin + i + 1) % count;
                return slot;
            }
        }
        return null;
    }

    private void Finished(TasksFinished finished)
    {
        foreach (var outcome in finished.Outcomes)
        {
            switch (outcome)
            {
                case TaskSucceeded done:
                    Finish(done.TaskId, done.Result, null);
                    break;
                case TaskFaulted failed:
                    Finish(failed.TaskId, null, failed.Error);
                    break;
                case TaskBounced bounced:
                    Bounce(bounced.TaskId);
                    break;
            }
        }
        Dispatch();
        CloseIfIdle();
    }

    private void Finish(long taskId, byte[]? result, RemoteError? error)
    {
        if (!_tasks.Remove(taskId, out var task))
            return;
        if (_settings.TaskTimeout is not null)
        {
            Timers.Cancel(("timeout", taskId));
            Timers.Cancel(("hard-limit", taskId));
        }
        if (task.ChildId is { } childId && _children.TryGetValue(childId, out var slot))
        {
            slot.Running.Remove(taskId);
            ExitWhenIdle(slot);
        }
        if (error is not null)
            Fail(task, ProxyException.From(error));
        else
            Succeed(task, result!);
    }

    private void Bounce(long taskId)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
            return;
        if (task.ChildId is { } childId && _children.TryGetValue(childId, out var slot))
        {
            slot.Running.Remove(taskId);
            slot.Assigned = Math.Max(slot.Assigned, _settings.MaxTasksPerChild);
        }
        task.Attempts--;
        task.ChildId = null;
        task.Runner = null;
        task.QueueNode = _queue.AddFirst(task);
    }

    private static void Succeed(PendingTask task, byte[] result)
    {
        if (task.Completion is { } completion)
            completion.TrySetResult(result);
        else
            task.ReplyTo?.Tell(PayloadCodec.Deserialize(result));
    }

    private static void Fail(PendingTask task, Exception error)
    {
        if (task.Completion is { } completion)
            completion.TrySetException(error);
        else
            task.ReplyTo?.Tell(new Status.Failure(error));
    }

    // ---- children ----

    private void EnsureChildren()
    {
        if (_terminating || (_closing && _tasks.Count == 0))
            return;
        var taking = _children.Values.Count(s => s.State is ChildState.Launching or ChildState.Deploying or ChildState.Ready);
        for (; taking < _settings.Processes; taking++)
            Spawn();
    }

    private void Spawn()
    {
        var id = ++_nextChildId;
        try
        {
            var bootstrap = new ChildBootstrap(id, Environment.ProcessId, _settings.UserConfig, FamilyCertificate.Credential, _settings.Certificate is not null);
            var handle = ChildHandle.Start(id, bootstrap, _settings.ChildEnvironment, Self, _log);
            var slot = new ChildSlot(handle);
            _children[id] = slot;
            _placementOrder.Add(slot);
            _registry.Add(handle.Pid);
            _log.Debug("Started child {0} as process {1}", id, handle.Pid);
        }
        catch (Exception e)
        {
            _log.Error(e, "Could not start a child process");
            TerminateAll(new InvalidOperationException("ActorPool could not start a child process: " + e.Message, e));
        }
    }

    private void Deploy(ChildLaunched launched)
    {
        if (!_children.TryGetValue(launched.ChildId, out var slot) || slot.State != ChildState.Launching)
            return;
        var runnerSettings = new RunnerSettings(
            slot.Id, _settings.ChildConcurrency, _settings.MaxTasksPerChild, _settings.Initializer, _settings.ExceptionHandler, _settings.IdleTrimDelay);
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
    }

    private void RunnerReady(int childId, IActorRef runner)
    {
        if (!_children.TryGetValue(childId, out var slot) || slot.State is ChildState.Exiting)
            return;
        if (slot.State != ChildState.Retiring && slot.Routees.Add(runner))
            _router.Tell(new AddRoutee(Routee.FromActorRef(runner)));
        if (slot.State == ChildState.Deploying && slot.Routees.Count == slot.Runners.Count)
        {
            slot.State = ChildState.Ready;
            _startFailures = 0;
            _log.Debug("Child {0} (process {1}) is ready", childId, slot.Handle.Pid);
        }
        if (!_started.Task.IsCompleted && _children.Values.Count(s => s.State == ChildState.Ready) >= _settings.Processes)
        {
            Timers.Cancel(StartTimedOut.Instance);
            _started.TrySetResult(new PoolStarted(_router));
        }
        Dispatch();
    }

    private void InitFailed(int childId, RemoteError error)
    {
        if (!_children.TryGetValue(childId, out var slot) || slot.State is ChildState.Exiting)
            return;
        var exception = ProxyException.From(error);
        _log.Error(exception, "The Initializer failed in child {0} (process {1})", childId, slot.Handle.Pid);
        if (!_started.Task.IsCompleted || ++_startFailures >= SupervisorSettings.MaxConsecutiveStartFailures)
        {
            TerminateAll(exception);
            return;
        }
        StopChild(slot, kill: true);
    }

    private void Retire(int childId)
    {
        if (!_children.TryGetValue(childId, out var slot) || slot.State is not (ChildState.Ready or ChildState.Deploying))
            return;
        slot.State = ChildState.Retiring;
        RemoveRoutees(slot);
        EnsureChildren();
    }

    private void Drained(int childId)
    {
        if (_children.TryGetValue(childId, out var slot) && slot.State == ChildState.Retiring)
            StopChild(slot, kill: false);
    }

    private void RunnerStopped(IActorRef runner, bool connectionLost)
    {
        var slot = _children.Values.FirstOrDefault(s => s.Runners.Contains(runner));
        if (slot is null)
            return;
        if (connectionLost && slot.State != ChildState.Exiting)
        {
            // Akka.Remote gave up on the child while its process lives: no answer of its can arrive any more,
            // so end it now and run its tasks elsewhere.
            _log.Warning("Lost the connection to child {0} (process {1}); replacing it", slot.Id, slot.Handle.Pid);
            StopChild(slot, kill: true);
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
            StopChild(slot, kill: false);
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
        _placementOrder.Remove(slot);
        var expected = slot.State == ChildState.Exiting;
        var wasReady = slot.State is ChildState.Ready or ChildState.Retiring;
        RemoveRoutees(slot);
        ForgetRunners(slot);
        slot.Handle.Dispose();
        _registry.Remove(slot.Handle.Pid);
        if (!expected)
            _log.Warning("Child {0} (process {1}) exited with code {2} while in state {3}", slot.Id, slot.Handle.Pid, exited.ExitCode, slot.State);
        foreach (var taskId in slot.Running)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
                continue;
            task.ChildId = null;
            task.Runner = null;
            if (task.Attempts > _settings.MaxCrashRetries || task.Completion?.Task.IsCompleted == true)
            {
                _tasks.Remove(taskId);
                Fail(task, new ChildCrashedException(slot.Handle.Pid, exited.ExitCode, task.Attempts));
            }
            else
            {
                task.QueueNode = _queue.AddFirst(task);
            }
        }
        if (!expected && !wasReady && !_terminating && ++_startFailures >= SupervisorSettings.MaxConsecutiveStartFailures)
        {
            TerminateAll(new InvalidOperationException(
                $"{_startFailures} child processes in a row exited (last code {exited.ExitCode}) before they were ready; see the log for their output."));
            return;
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
        // The shared primitives of this process learn it too: the child's waiters go, and what it held comes back.
        Primitives.Core.SharedHost.ProcessExited(address, slot.Uid);
    }

    /// <summary>
    /// Ends a child: at once (<paramref name="kill"/>), or gracefully by stopping its runners first and then
    /// closing its standard input, so that no remote actor of this process is left behind in the child.
    /// </summary>
    private void StopChild(ChildSlot slot, bool kill)
    {
        RemoveRoutees(slot);
        slot.State = ChildState.Exiting;
        if (kill)
            slot.Handle.Kill();
        else if (slot.Runners.Count == 0)
            ExitWhenIdle(slot);
        else
            slot.Runners.ForEach(Context.Stop);
        EnsureChildren();
    }

    private void RemoveRoutees(ChildSlot slot)
    {
        foreach (var runner in slot.Routees)
            _router.Tell(new RemoveRoutee(Routee.FromActorRef(runner)));
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
        foreach (var slot in _children.Values.Where(s => s.State != ChildState.Exiting).ToList())
            StopChild(slot, kill: false);
    }

    private void TerminateAll(Exception reason)
    {
        _terminating = true;
        _started.TrySetException(reason);
        Timers.CancelAll();
        var tasks = _tasks.Values.ToList();
        _tasks.Clear();
        _queue.Clear();
        foreach (var task in tasks)
            Fail(task, reason is PoolTerminatedException ? reason : new PoolTerminatedException("The pool was terminated: " + reason.Message, reason));
        foreach (var slot in _children.Values)
        {
            RemoveRoutees(slot);
            slot.Running.Clear();
            slot.State = ChildState.Exiting;
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
        $"tasks={_tasks.Count} queued={_queue.Count} closing={_closing} terminating={_terminating} children=[" +
        string.Join("; ", _children.Values.Select(s =>
            $"{s.Id}/pid {s.Handle.Pid}: {s.State} running={s.Running.Count} assigned={s.Assigned} runners={s.Runners.Count} routees={s.Routees.Count} exited={s.Handle.HasExited}")) + "]";

    private sealed record TaskTimedOut(long TaskId, int Attempt);

    private sealed class DispatchQueued
    {
        public static readonly DispatchQueued Instance = new();

        private DispatchQueued()
        {
        }
    }

    private sealed record EnforceTimeout(long TaskId);

    private sealed class StartTimedOut
    {
        public static readonly StartTimedOut Instance = new();

        private StartTimedOut()
        {
        }
    }
}
