using ActorPool.Primitives.Core;
using ActorPool.Primitives.Queue;
using static ActorPool.Primitives.Queue.QueueProtocol;

namespace ActorPool;

/// <summary>
/// A FIFO queue shared by the processes of a family: this one, the pools and child processes it starts, and
/// theirs. Create it in any of them and pass it to a task as an argument; every copy works on the same queue,
/// which lives in the process that created it.
/// </summary>
/// <typeparam name="T">The type of the items; they are serialized as task arguments are.</typeparam>
/// <remarks>
/// Unlike aioprocessing's queue, any number of callers may wait in <see cref="GetAsync"/> at once, and
/// cancelling a get never loses an item: either the call is cancelled before it took one, or it returns it.
/// An item handed to a process that dies before receiving it goes back to the front of the queue, and a
/// waiting call of a process that dies is removed. If the queue's own process exits, calls fail with
/// <see cref="SharedObjectLostException"/>.
/// </remarks>
public class SharedQueue<T>
{
    private readonly string _path;
    private readonly int _capacity;

    /// <summary>Creates a queue hosted in this process.</summary>
    /// <param name="capacity">The most items it holds before <see cref="PutAsync"/> waits; 0 (the default) for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public SharedQueue(int capacity = 0)
        : this(capacity, joinable: false)
    {
    }

    private protected SharedQueue(int capacity, bool joinable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _capacity = capacity;
        _path = SharedHost.Instance.Host(SharedObjectActor.Props(new QueueState(capacity, joinable)), "queue");
    }

    /// <summary>The most items the queue holds; 0 when it has no limit.</summary>
    public int Capacity => _capacity;

    private protected string Path => _path;

    /// <summary>Adds an item at the back, waiting while the queue is full.</summary>
    /// <exception cref="ArgumentException">The item cannot be serialized.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the item was added.</exception>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public Task PutAsync(T item, CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(_path, new Put(SharedPayload.Encode(item, nameof(item))), cancellationToken);

    /// <summary>Adds an item, waiting at most <paramref name="timeout"/> for room.</summary>
    /// <returns>False when the queue stayed full for <paramref name="timeout"/>; the item was not added.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="ArgumentException">The item cannot be serialized.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the item was added.</exception>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public async Task<bool> TryPutAsync(T item, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var op = new Put(SharedPayload.Encode(item, nameof(item)));
        var (done, _) = await SharedCall.InvokeWithTimeoutAsync(_path, op, timeout, cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <summary>Takes the oldest item, waiting while the queue is empty.</summary>
    /// <exception cref="OperationCanceledException">Cancelled before an item was taken; no item is lost.</exception>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public async Task<T> GetAsync(CancellationToken cancellationToken = default) =>
        SharedPayload.Decode<T>(await SharedCall.InvokeAsync(_path, Get.Instance, cancellationToken).ConfigureAwait(false));

    /// <summary>Takes the oldest item, waiting at most <paramref name="timeout"/> (zero: only if one is there now).</summary>
    /// <returns>Whether an item was taken, and the item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before an item was taken; no item is lost.</exception>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public async Task<(bool Success, T Item)> TryGetAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var (done, bytes) = await SharedCall.InvokeWithTimeoutAsync(_path, Get.Instance, timeout, cancellationToken).ConfigureAwait(false);
        return done ? (true, SharedPayload.Decode<T>(bytes)) : (false, default!);
    }

    /// <summary>The number of items in the queue now (items handed out but not yet received are not counted).</summary>
    /// <exception cref="SharedObjectLostException">The queue's process exited.</exception>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<int>(_path, Count.Instance, cancellationToken);

    /// <summary>The number of gets waiting now, in all processes.</summary>
    internal Task<int> WaitingGettersAsync() =>
        SharedCall.InvokeAsync<int>(_path, CountGetters.Instance, CancellationToken.None);

    /// <summary>Waits until the queue holds an item, without taking it; for a pipe end's poll.</summary>
    internal async Task<bool> WaitReadableAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (done, _) = await SharedCall.InvokeWithTimeoutAsync(_path, WaitReadable.Instance, timeout, cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}({_path})";
}
