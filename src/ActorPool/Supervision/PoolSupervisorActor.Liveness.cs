using Akka.Actor;
using Akka.Event;
using ActorPool.Diagnostics;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Supervision;

// The supervisor's periodic tick: liveness probes of the children (a hung child is killed) and their memory for metrics.
internal sealed partial class PoolSupervisorActor
{
    /// <summary>Every liveness interval: children overdue at start, each child's memory for metrics (only while something listens), then the probes.</summary>
    private void Tick()
    {
        EndOverdueStarts();
        if (_telemetry.MeasuresMemory)
        {
            foreach (var slot in _children.All)
            {
                if (!slot.IsHost && slot.State != ChildState.Exiting && ResidentMemory.Of(slot.Handle.Pid) is { } bytes)
                    _telemetry.ChildMemory(slot.Number, bytes);
            }
        }
        if (_liveness.Probes)
            ProbeChildren();
    }

    /// <summary>
    /// Probes every child that listens. One that missed two probes takes no new task; one silent for the liveness
    /// timeout is hung (stopped, deadlocked, swapping): it is killed, and its tasks run again as for a crash. The parent's
    /// own stalls do not count as silence (up to <see cref="Liveness.MostTimeoutsForgiven"/> timeouts of it).
    /// </summary>
    private void ProbeChildren()
    {
        var now = Now;
        var stall = _liveness.ParentStall(now, _poolEcho.Tick(now));
        foreach (var slot in _children.All.ToList())
        {
            if (slot.Liveness is null || slot.State == ChildState.Exiting)
                continue;
            // Not judged by its silence before it has been heard: EndOverdueStarts covers a child that hangs while it starts.
            if (!slot.EverHeard)
            {
                slot.Liveness.Tell(Probe.Instance);
                continue;
            }
            slot.ParentStalls += stall;
            var verdict = _liveness.Judge(slot.LastHeard, slot.ParentStalls, now);
            if (verdict == LivenessVerdict.Hung)
            {
                _log.Warning("Child {0} (process {1}) has not answered for {2}; killing it, its tasks run again elsewhere",
                    slot.Id, slot.Handle.Pid, now - slot.LastHeard);
                StopChild(slot, kill: true, ChildExitReasons.Hung);
                continue;
            }
            // Only an answer clears it (Answered): a child the parent could not hear is not known to answer again.
            if (verdict == LivenessVerdict.Unresponsive)
                slot.Unresponsive = true;
            slot.Liveness.Tell(Probe.Instance);
        }
    }

    /// <summary>
    /// A child started after the pool that is not ready within child-start-timeout is killed, and another takes its place
    /// after a backoff (Exited counts it as a child killed while it started). While the pool starts, its own start limit
    /// applies instead: no child ready for child-start-timeout.
    /// </summary>
    private void EndOverdueStarts()
    {
        if (!_started.Task.IsCompleted)
            return;
        var now = Now;
        foreach (var slot in _children.All.ToList())
        {
            if (slot.IsHost || !slot.Starting || now - slot.StartedAt <= _settings.ChildStartTimeout)
                continue;
            _log.Warning("Child {0} (process {1}) is not ready {2} after it was started; killing it, another starts in its place",
                slot.Id, slot.Handle.Pid, now - slot.StartedAt);
            StopChild(slot, kill: true, ChildExitReasons.StartFailed);
        }
    }

    /// <summary>The scheduler's monotonic clock, which liveness counts silence on.</summary>
    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    private void Answered(int childId)
    {
        if (!_children.TryGet(childId, out var slot))
            return;
        slot.Heard(Now);
        if (slot.Unresponsive)
        {
            slot.Unresponsive = false;
            Dispatch();
        }
    }
}
