using Akka.Actor;
using Akka.Event;
using ActorPool.Cluster;
using ActorPool.Diagnostics;
using ActorPool.Execution;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Supervision;

// The supervisor's handling of tasks: taking them, placing them on children, their outcomes, timeouts and cancellation.
internal sealed partial class PoolSupervisorActor
{
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
        _dispatch.Request();
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
        // A worker host is not killed for one task: its own pool has cancelled the function's token.
        if (!_tasks.TryGet(taskId, out var task) || task.ChildId is not { } childId || !_children.TryGet(childId, out var slot) || slot.IsHost)
            return;
        _log.Warning(
            "Task {0} ignored its cancellation for {1} after its TaskTimeout; killing child {2} (process {3}) to stop it",
            taskId, _settings.TaskTimeoutGrace, childId, slot.Handle.Pid);
        StopChild(slot, kill: true, ChildExitReasons.TimedOut);
    }

    /// <summary>Places queued tasks on children with room for them: one <see cref="RunTasks"/> per runner.</summary>
    private void Dispatch()
    {
        if (_tasks.Queued > 0 && _placer.Refresh(_children.All))
            PlaceQueued();
        _outgoing.SendAll(Self);
        // Tasks still waiting in an elastic pool may call for another child.
        if (_tasks.Queued > 0 && _settings.Sizing.Elastic)
            EnsureChildren();
    }

    /// <summary>
    /// Walks the queue in order while a child has room. A task the placement leaves waiting (its child is full, with
    /// consistent hashing) keeps its place, and the tasks after it may go first.
    /// </summary>
    private void PlaceQueued()
    {
        for (var node = _tasks.FirstQueued; node is not null && _placer.AnyRoom;)
        {
            var task = node.Value;
            node = node.Next;
            if (_placer.Choose(task) is not { } slot)
                continue;
            _tasks.Dequeue(task);
            task.ChildId = slot.Id;
            task.LastChild = slot.Number;
            task.Attempts++;
            task.Runner = slot.NextRunner();
            slot.Running.Add(task.Id);
            slot.Assigned++;
            _placer.Placed(slot);
            _outgoing.Add(task.Runner, new RunTask(task.Id, task.Call, task.TraceParent));
            if (_settings.TaskTimeout is { } limit)
                Timers.StartSingleTimer(("timeout", task.Id), new TaskTimedOut(task.Id, task.Attempts), limit);
        }
    }

    private void Finished(TasksFinished finished)
    {
        var fromHost = HostDirectoryActor.IsLink(Sender);
        foreach (var outcome in finished.Outcomes)
        {
            // A worker host's answer counts only for a task its link holds now: after a host was lost or let go, its task
            // is queued again or runs elsewhere, and what the host says of it late must not finish or move it.
            if (fromHost && (!_tasks.TryGet(outcome.TaskId, out var placed) || placed.QueueNode is not null || !Sender.Equals(placed.Runner)))
            {
                _log.Debug("Dropped a late answer for task {0} from worker host link {1}", outcome.TaskId, Sender.Path);
                continue;
            }
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
                case TaskUndelivered undelivered:
                    Undelivered(undelivered.TaskId);
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

    /// <summary>A task reached a runner that had just been stopped; it never ran. Placed again (the runner's Terminated follows).</summary>
    private void Undelivered(long taskId)
    {
        if (!_tasks.TryGet(taskId, out var task) || task.QueueNode is not null)
            return;
        if (task.ChildId is { } childId && _children.TryGet(childId, out var slot) && slot.Running.Remove(taskId))
        {
            slot.Assigned--;
            // Until its Terminated arrives, the stopped runner would be chosen again: leave it out of placement now.
            if (task.Runner is { } runner)
                slot.Refused(runner);
            ExitWhenIdle(slot);
        }
        HandBack(task);
    }

    /// <summary>A retiring child handed a task back without running it: it goes first in the queue, its attempt not counted.</summary>
    private void Bounce(long taskId)
    {
        if (!_tasks.TryGet(taskId, out var task) || task.QueueNode is not null)
            return;
        if (task.ChildId is { } childId && _children.TryGet(childId, out var slot))
        {
            slot.Running.Remove(taskId);
            slot.Assigned = Math.Max(slot.Assigned, _settings.MaxTasksPerChild);
            // A host takes no more on this link (it is leaving, or its gateway no longer knows the link): unlike a child's
            // task count, nothing else would keep the task from being sent straight back to it.
            if (slot.IsHost)
                Retiring(slot.Id, RetireReason.HostLeaving);
            ExitWhenIdle(slot);
        }
        HandBack(task);
    }

    /// <summary>
    /// A task that never ran goes first in the queue, its attempt not counted; one its caller gave up on meanwhile
    /// (cancelled, timed out) is not run anywhere.
    /// </summary>
    private void HandBack(PendingTask task)
    {
        if (task.Completion?.Task.IsCompleted == true)
        {
            _tasks.Remove(task.Id, out _);
            return;
        }
        task.Attempts--;
        _tasks.Requeue(task);
    }
}
