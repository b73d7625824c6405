using ActorPool.Primitives.Core;
using ActorPool.Primitives.Queue;
using static ActorPool.Primitives.Queue.QueueProtocol;

namespace ActorPool;

/// <summary>
/// A <see cref="SharedQueue{T}"/> that also counts unfinished items: each item put is unfinished until a
/// consumer calls <see cref="TaskDone"/> for it, and <see cref="JoinAsync"/> waits until none is.
/// </summary>
/// <typeparam name="T">The type of the items.</typeparam>
public sealed class SharedJoinableQueue<T> : SharedQueue<T>
{
    /// <summary>Creates a joinable queue hosted in this process.</summary>
    /// <param name="capacity">The most items it holds before <c>PutAsync</c> waits; 0 (the default) for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public SharedJoinableQueue(int capacity = 0)
        : base(capacity, joinable: true)
    {
    }

    /// <summary>Marks one item taken earlier as fully processed.</summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put.</exception>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public Task TaskDone(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(Path, QueueProtocol.TaskDone.Instance, cancellationToken);

    /// <summary>Waits until every item put so far has been marked done with <see cref="TaskDone"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public Task JoinAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(Path, Join.Instance, cancellationToken);
}
