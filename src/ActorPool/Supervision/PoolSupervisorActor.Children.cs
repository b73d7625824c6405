using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using ActorPool.Child;
using ActorPool.Diagnostics;
using ActorPool.Execution;
using ActorPool.Launch;
using static ActorPool.Execution.ExecutionProtocol;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool.Supervision;

// The supervisor's handling of children: starting, deploying runners, readiness, retirement, exits and replacement.
internal sealed partial class PoolSupervisorActor
{
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
            else if (mayStart && _settings.Sizing.MayStart(_children.StartingAll))
                Spawn(spare: false);
            else
                break; // backing off after children died while starting (SpawnDue comes back here), or as many start as may
        }
        if (mayStart && _started.Task.IsCompleted && Accepting
            && _settings.Sizing.StartSpare(_children.Active(spare: true), _children.StartingAll))
            Spawn(spare: true);
        if (promoted)
            Dispatch();
    }

    /// <summary>The backoff after children died while starting is over: the pool starts what it lacks.</summary>
    private void SpawnWhenDue()
    {
        // Timers and DateTime.UtcNow are different clocks: a timer that fired a little early is armed again for what is
        // left, or EnsureChildren would find the backoff still running and the pool would wait with no timer armed.
        if (_spawnNotBefore - DateTime.UtcNow is var left && left > TimeSpan.Zero)
        {
            Timers.StartSingleTimer(SpawnDue.Instance, SpawnDue.Instance, left);
            return;
        }
        EnsureChildren();
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
            var bootstrap = new ChildBootstrap(id, Environment.ProcessId, _settings.UserConfig, Hosting.ProcessFamily.Credential, _settings.Certificate is not null);
            var slot = new ChildSlot(_launcher.Start(id, bootstrap, Self), spare) { StartedAt = Now };
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
            slot.Heard(Now);
            slot.IdleSince = DateTime.UtcNow;
            _startFailures.ChildReady();
            _initFailures = 0;
            _log.Debug("Child {0} (process {1}) is ready", childId, slot.Handle.Pid);
            // The pool's start limit runs from its last progress: its children start a core's worth at a time, so a
            // pool of many more processes than cores needs several start times in all.
            if (!_started.Task.IsCompleted)
                Timers.StartSingleTimer(StartTimedOut.Instance, StartTimedOut.Instance, _settings.ChildStartTimeout);
            if (_settings.MaxChildLifetime is { } lifetime)
                Timers.StartSingleTimer(("lifetime", slot.Id), new LifetimeReached(slot.Id), lifetime);
        }
        if (!_started.Task.IsCompleted && _children.ReadyForTasks >= _settings.Sizing.Min)
        {
            Timers.Cancel(StartTimedOut.Instance);
            // Health says so before StartAsync returns.
            _poolReady = true;
            PublishHealth();
            // A router routes in the sender's thread but takes its routees through its mailbox: StartAsync returns once
            // the router has applied the AddRoutee messages above (its answer to GetRoutees comes after them), so that
            // the caller's first Router.Ask cannot find it without routees.
            _router.Tell(GetRoutees.Instance, Self);
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
        // One retiring straight from its start has run tasks, which is an answer: it is judged by its silence from now.
        if (!slot.EverHeard)
            slot.Heard(Now);
        slot.State = ChildState.Retiring;
        slot.RetireReason = reason;
        slot.Spare = false;
        Timers.Cancel(("lifetime", slot.Id));
        EnsureChildren();
    }

    private void Drained(int childId)
    {
        if (!_children.TryGet(childId, out var slot) || slot.State != ChildState.Retiring)
            return;
        // A host says it is drained once it has answered every task it ran: tasks of its slot still open were sent after
        // that, and it hands them back unrun, to a link that is stopped by then. They go back to the queue now.
        if (slot.IsHost && slot.Running.Count > 0)
        {
            foreach (var taskId in slot.Running)
            {
                if (_tasks.TryGet(taskId, out var task) && task.QueueNode is null)
                    HandBack(task);
            }
            slot.Running.Clear();
            _dispatch.Request();
        }
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
            if (!slot.IsHost && slot.TakesTasks && slot.Running.Count == 0
                && _settings.Sizing.MayShrink(_children.Active(spare: false), slot.IdleSince, now))
            {
                Retire(slot.Id, RetireReason.Idle);
            }
        }
    }

    private void RunnerStopped(IActorRef runner, bool connectionLost)
    {
        var slot = _children.OwnerOf(runner);
        if (slot is null)
            return;
        // A host's link that stopped with tasks open (lost, or stopped before they were handed back) can answer none of them.
        if ((connectionLost || slot.IsHost) && (slot.State != ChildState.Exiting || slot.IsHost && slot.Running.Count > 0))
        {
            // Akka.Remote gave up on the child while its process lives, or a worker host's link stopped (the host was
            // lost): no answer of its can arrive any more, so end it now and run its tasks elsewhere.
            if (slot.IsHost)
                _log.Warning("Lost worker host {0} (slot {1}, process {2} there) with {3} running tasks; they run again elsewhere",
                    slot.HostName, slot.Id, slot.Handle.Pid, slot.Running.Count);
            else
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
        if (slot.IsHost)
        {
            _registry.HostRemoved(slot.Capacity ?? 0);
        }
        else
        {
            _registry.Remove(slot.Handle.Pid);
            _areas.Retire(slot.Handle.Pid);
        }
        if (!expected)
            _log.Warning("Child {0} (process {1}) exited with code {2} while in state {3}", slot.Id, slot.Handle.Pid, exited.ExitCode, slot.State);
        // The child metrics count this machine's children; a worker host's are counted by its own pool.
        if (!slot.IsHost)
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
        // A child the pool killed for an overdue start counts as one killed while it started: the next waits a backoff.
        var overdue = slot.ExitReason == ChildExitReasons.StartFailed;
        if ((!expected || overdue) && !wasReady && !_terminating)
        {
            var now = DateTime.UtcNow;
            if ((overdue ? _startFailures.KilledWhileStarting(now) : _startFailures.ExitedBeforeReady(exited.ExitCode, slot.Handle.RecentErrorOutput.Length > 0, now))
                is not { } backoff)
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
        Hosting.ProcessFamily.MemberExited(address, slot.Uid);
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
}
