using ActorPool.Primitives.Core;
using ActorPool.Primitives.Event;
using static ActorPool.Primitives.Event.EventProtocol;

namespace ActorPool;

/// <summary>
/// A flag shared by the processes of a family that callers can wait on: <see cref="SetAsync"/> wakes every
/// waiter at once; <see cref="ClearAsync"/> makes later waits wait again.
/// </summary>
public sealed class SharedEvent
{
    private readonly string _path;

    /// <summary>Creates an event hosted in this process, not set.</summary>
    public SharedEvent() => _path = SharedHost.Instance.Host(SharedObjectActor.Props(new EventState()), "event");

    /// <summary>Sets the event and wakes every waiter.</summary>
    /// <exception cref="SharedObjectLostException">The event's process exited.</exception>
    public Task SetAsync(CancellationToken cancellationToken = default) => SharedCall.InvokeAsync(_path, Set.Instance, cancellationToken);

    /// <summary>Clears the event.</summary>
    /// <exception cref="SharedObjectLostException">The event's process exited.</exception>
    public Task ClearAsync(CancellationToken cancellationToken = default) => SharedCall.InvokeAsync(_path, Clear.Instance, cancellationToken);

    /// <summary>Whether the event is set now.</summary>
    /// <exception cref="SharedObjectLostException">The event's process exited.</exception>
    public Task<bool> IsSetAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<bool>(_path, IsSet.Instance, cancellationToken);

    /// <summary>Waits until the event is set.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    /// <exception cref="SharedObjectLostException">The event's process exited.</exception>
    public Task WaitAsync(CancellationToken cancellationToken = default) => SharedCall.InvokeAsync(_path, Wait.Instance, cancellationToken);

    /// <summary>Waits at most <paramref name="timeout"/> for the event to be set.</summary>
    /// <returns>True when it was set; false when the timeout passed first.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    /// <exception cref="SharedObjectLostException">The event's process exited.</exception>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var (done, _) = await SharedCall.InvokeWithTimeoutAsync(_path, Wait.Instance, timeout, cancellationToken).ConfigureAwait(false);
        return done;
    }

    /// <inheritdoc />
    public override string ToString() => $"SharedEvent({_path})";
}
