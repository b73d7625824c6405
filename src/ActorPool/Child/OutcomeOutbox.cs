using System.Collections.Concurrent;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Child;

/// <summary>
/// The outcomes of a child's tracked tasks on their way to the supervisor. Tasks finish on pool threads
/// and add their outcome here; the first one to arrive after a flush asks for the next flush, and every
/// outcome that arrives before it happens travels in the same <see cref="TasksFinished"/> message. One
/// outbox per child process, shared by its runners, so that any runner's flush sends all of them.
/// </summary>
internal sealed class OutcomeOutbox
{
    private readonly ConcurrentQueue<TaskOutcome> _outcomes = new();
    private int _flushRequested;

    /// <summary>Adds an outcome; true when the caller must ask for a flush (none is under way).</summary>
    public bool Add(TaskOutcome outcome)
    {
        _outcomes.Enqueue(outcome);
        return Interlocked.Exchange(ref _flushRequested, 1) == 0;
    }

    /// <summary>Takes every outcome added so far; null when there is none.</summary>
    public TasksFinished? Take()
    {
        // Cleared before draining: an outcome added from here on asks for a flush of its own.
        Volatile.Write(ref _flushRequested, 0);
        if (_outcomes.IsEmpty)
            return null;
        var taken = new List<TaskOutcome>(_outcomes.Count);
        while (_outcomes.TryDequeue(out var outcome))
            taken.Add(outcome);
        return new TasksFinished([.. taken]);
    }
}
