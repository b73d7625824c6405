using ActorPool.Primitives.Lock;
using Agent = ActorPool.Primitives.Lock.LockAgentProtocol;

namespace ActorPool;

/// <summary>
/// A condition variable over a <see cref="SharedLock"/>, shared by the processes of a family: callers that
/// hold the lock wait until another caller notifies them; every wait releases the lock and takes it again
/// before it returns, also when it times out or is cancelled.
/// </summary>
public sealed class SharedCondition
{
    private readonly SharedLock _lock;
    private readonly string _name = Guid.NewGuid().ToString("N");

    /// <summary>Creates a condition over <paramref name="sharedLock"/>, or over a new lock when null.</summary>
    public SharedCondition(SharedLock? sharedLock = null) => _lock = sharedLock ?? new SharedLock();

    /// <summary>The lock a caller must hold to wait or notify.</summary>
    public SharedLock Lock => _lock;

    /// <summary>Releases the lock, waits for a notify, and takes the lock again.</summary>
    /// <exception cref="SynchronizationLockException">The lock is not held in this process.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the lock is held again before this is thrown.</exception>
    /// <exception cref="SharedObjectLostException">The lock's process exited.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        await WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>As <see cref="WaitAsync(CancellationToken)"/>, waiting at most <paramref name="timeout"/> for the notify.</summary>
    /// <returns>False when the timeout passed first (the lock is held again either way).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="SynchronizationLockException">The lock is not held in this process.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the lock is held again before this is thrown.</exception>
    /// <exception cref="SharedObjectLostException">The lock's process exited.</exception>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Primitives.Core.SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var agent = LockAgentCall.AgentOf(_lock.Path, reentrant: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The agent answers a cancelled wait only once the lock is held again, with false.
        var wait = LockAgentCall.InvokeAsync(agent, (id, done) => new Agent.Wait(id, _name, done), deadline.Token);
        if (timeout != Timeout.InfiniteTimeSpan)
            deadline.CancelAfter(timeout);
        var notified = await wait.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return notified;
    }

    /// <summary>Waits until <paramref name="predicate"/> is true, checking it with the lock held after each notify.</summary>
    /// <param name="predicate">Checked first, then after every wake-up.</param>
    /// <param name="timeout">The most to wait in all; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Cancels the wait; the lock is held again before it throws.</param>
    /// <returns>The predicate's last value: false only when the timeout passed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    public async Task<bool> WaitForAsync(Func<CancellationToken, ValueTask<bool>> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        Primitives.Core.SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var end = timeout == Timeout.InfiniteTimeSpan ? (DateTime?)null : DateTime.UtcNow + timeout;
        while (!await predicate(cancellationToken).ConfigureAwait(false))
        {
            var left = end is { } e ? e - DateTime.UtcNow : Timeout.InfiniteTimeSpan;
            if (end is not null && left <= TimeSpan.Zero)
                return false;
            await WaitAsync(left, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Waits, with no time limit, until <paramref name="predicate"/> is true.</summary>
    public async Task WaitForAsync(Func<bool> predicate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        await WaitForAsync(_ => ValueTask.FromResult(predicate()), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wakes up to <paramref name="count"/> waiters; they take the lock in turn once it is released.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="SynchronizationLockException">The lock is not held in this process.</exception>
    public Task NotifyAsync(int count = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return NotifyCoreAsync(count, cancellationToken);
    }

    /// <summary>Wakes every waiter.</summary>
    /// <exception cref="SynchronizationLockException">The lock is not held in this process.</exception>
    public Task NotifyAllAsync(CancellationToken cancellationToken = default) => NotifyCoreAsync(-1, cancellationToken);

    private Task NotifyCoreAsync(int count, CancellationToken cancellationToken)
    {
        var agent = LockAgentCall.AgentOf(_lock.Path, reentrant: false);
        return LockAgentCall.InvokeAsync(agent, (_, done) => new Agent.Notify(_name, count, done), cancellationToken);
    }
}
