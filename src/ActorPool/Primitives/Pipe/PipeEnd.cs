namespace ActorPool;

/// <summary>One end of a <see cref="SharedPipe"/>; pass it to a task as an argument to use it in another process.</summary>
/// <typeparam name="T">The type of the messages.</typeparam>
/// <remarks>Each direction is a <see cref="SharedQueue{T}"/>, with its guarantees: a cancelled receive loses no message.</remarks>
public sealed class PipeEnd<T>
{
    private readonly SharedQueue<T>? _send;
    private readonly SharedQueue<T>? _receive;

    internal PipeEnd(SharedQueue<T>? send, SharedQueue<T>? receive)
    {
        _send = send;
        _receive = receive;
    }

    /// <summary>Whether this end sends (false for the receiving end of a one-way pipe).</summary>
    public bool CanSend => _send is not null;

    /// <summary>Whether this end receives (false for the sending end of a one-way pipe).</summary>
    public bool CanReceive => _receive is not null;

    /// <summary>Sends a message to the other end.</summary>
    /// <exception cref="InvalidOperationException">This end only receives.</exception>
    /// <exception cref="ArgumentException">The message cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The pipe's process exited.</exception>
    public Task SendAsync(T message, CancellationToken cancellationToken = default) =>
        (_send ?? throw new InvalidOperationException("This end of a one-way pipe only receives.")).PutAsync(message, cancellationToken);

    /// <summary>Receives the next message from the other end, waiting until there is one.</summary>
    /// <exception cref="InvalidOperationException">This end only sends.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before a message was taken; none is lost.</exception>
    /// <exception cref="SharedObjectLostException">The pipe's process exited.</exception>
    public Task<T> ReceiveAsync(CancellationToken cancellationToken = default) => Receiving.GetAsync(cancellationToken);

    /// <summary>Waits at most <paramref name="timeout"/> (zero: not at all) for a message to receive, without taking it.</summary>
    /// <returns>Whether a message is there to receive.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="InvalidOperationException">This end only sends.</exception>
    /// <exception cref="SharedObjectLostException">The pipe's process exited.</exception>
    public Task<bool> PollAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Primitives.Core.SharedCall.ValidateTimeout(timeout, nameof(timeout));
        return Receiving.WaitReadableAsync(timeout, cancellationToken);
    }

    private SharedQueue<T> Receiving => _receive ?? throw new InvalidOperationException("This end of a one-way pipe only sends.");
}
