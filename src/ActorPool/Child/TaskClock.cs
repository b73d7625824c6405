using System.Diagnostics;

namespace ActorPool.Child;

/// <summary>How long a task's function ran in the child: from when it passed the concurrency gate to when it ended.</summary>
internal sealed class TaskClock
{
    private long _started;
    private long _stopped;

    public void Start() => _started = Stopwatch.GetTimestamp();

    public void Stop()
    {
        if (_started != 0)
            _stopped = Stopwatch.GetTimestamp();
    }

    public TimeSpan Elapsed => _stopped == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_started, _stopped);
}
