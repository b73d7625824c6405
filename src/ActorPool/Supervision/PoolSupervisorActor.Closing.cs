using ActorPool.Diagnostics;

namespace ActorPool.Supervision;

// How the pool ends: closing (tasks finish, then children exit), terminating, and a start that timed out.
internal sealed partial class PoolSupervisorActor
{
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
            TerminateAll(new TimeoutException(
                $"The pool's children did not all start: none became ready for {_settings.ChildStartTimeout} ({_children.ReadyForTasks} of {_settings.Sizing.Min} ready)."));
    }
}
