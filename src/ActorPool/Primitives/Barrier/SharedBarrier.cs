using ActorPool.Primitives.Barrier;
using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Barrier.BarrierProtocol;

namespace ActorPool;

/// <summary>
/// A barrier for a fixed number of parties in any processes of a family: each calls
/// <see cref="SignalAndWaitAsync(CancellationToken)"/>, and all go on together when the last arrives; then it
/// is ready for the next round.
/// </summary>
/// <remarks>
/// A party that leaves while others wait (its call is cancelled or times out, or its process dies) breaks the
/// barrier: every waiter fails with <see cref="SharedBarrierBrokenException"/>, as do later arrivals until
/// <see cref="ResetAsync"/>.
/// </remarks>
public sealed class SharedBarrier
{
    private readonly string _path;

    /// <summary>Creates a barrier hosted in this process.</summary>
    /// <param name="parties">How many parties each round waits for.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parties"/> is below 1.</exception>
    public SharedBarrier(int parties)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parties);
        Parties = parties;
        _path = SharedHost.Instance.Host(SharedObjectActor.Props(new BarrierState(parties)), "barrier");
    }

    /// <summary>How many parties each round waits for.</summary>
    public int Parties { get; }

    /// <summary>Arrives and waits for the other parties of the round.</summary>
    /// <returns>This party's arrival index in the round, from 0 to <see cref="Parties"/> - 1.</returns>
    /// <exception cref="SharedBarrierBrokenException">The barrier is or became broken.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; the barrier is broken for the others.</exception>
    /// <exception cref="SharedObjectLostException">The barrier's process exited.</exception>
    public Task<int> SignalAndWaitAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<int>(_path, SignalAndWait.Instance, cancellationToken);

    /// <summary>As <see cref="SignalAndWaitAsync(CancellationToken)"/>, waiting at most <paramref name="timeout"/>.</summary>
    /// <returns>This party's arrival index in the round.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SharedBarrierBrokenException">The barrier is or became broken, or the timeout passed (which breaks it).</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting; the barrier is broken for the others.</exception>
    /// <exception cref="SharedObjectLostException">The barrier's process exited.</exception>
    public async Task<int> SignalAndWaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var (done, index) = await SharedCall.InvokeWithTimeoutAsync(_path, SignalAndWait.Instance, timeout, cancellationToken).ConfigureAwait(false);
        return done ? (int)index! : throw new SharedBarrierBrokenException($"The barrier's other parties did not arrive within {timeout}; it is broken now.");
    }

    /// <summary>Breaks the barrier: waiters fail, and so do later arrivals until <see cref="ResetAsync"/>.</summary>
    /// <exception cref="SharedObjectLostException">The barrier's process exited.</exception>
    public Task AbortAsync(CancellationToken cancellationToken = default) => SharedCall.InvokeAsync(_path, Abort.Instance, cancellationToken);

    /// <summary>Makes the barrier empty and unbroken; parties waiting now fail with <see cref="SharedBarrierBrokenException"/>.</summary>
    /// <exception cref="SharedObjectLostException">The barrier's process exited.</exception>
    public Task ResetAsync(CancellationToken cancellationToken = default) => SharedCall.InvokeAsync(_path, Reset.Instance, cancellationToken);

    /// <summary>How many parties wait in the current round now (aioprocessing's <c>n_waiting</c>).</summary>
    /// <exception cref="SharedObjectLostException">The barrier's process exited.</exception>
    public Task<int> WaitingAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<int>(_path, CountWaiting.Instance, cancellationToken);

    /// <summary>Whether the barrier is broken now.</summary>
    /// <exception cref="SharedObjectLostException">The barrier's process exited.</exception>
    public Task<bool> IsBrokenAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<bool>(_path, IsBroken.Instance, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"SharedBarrier({_path})";
}
