using ActorPool.Primitives.Core;
using ActorPool.Primitives.Lock;
using Agent = ActorPool.Primitives.Lock.LockAgentProtocol;

namespace ActorPool;

/// <summary>
/// A mutual-exclusion lock shared by the processes of a family: create it in any of them and pass it to tasks
/// as an argument. Not reentrant: acquiring it again before releasing waits, as aioprocessing's Lock does.
/// </summary>
/// <remarks>
/// Many callers may wait at once, in any processes; they get the lock in the order they asked. If a process
/// dies holding it, the lock is released and the next holder's <see cref="SharedReleaser.Abandoned"/> is true;
/// waiting calls of a dead process are removed. The process that last used the lock keeps it until another
/// process asks for it, so that acquiring again from the same process costs no message.
/// </remarks>
public sealed class SharedLock
{
    private readonly string _path;
    private readonly bool _reentrant;

    /// <summary>Creates a lock hosted in this process.</summary>
    public SharedLock()
        : this(reentrant: false)
    {
    }

    internal SharedLock(bool reentrant)
    {
        _reentrant = reentrant;
        _path = SharedHost.Instance.Host(SharedObjectActor.Props(new LockState()), reentrant ? "rlock" : "lock");
    }

    internal string Path => _path;

    /// <summary>Waits for the lock and takes it.</summary>
    /// <returns>A releaser: dispose it (<c>await using</c>) to release the lock.</returns>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was taken.</exception>
    /// <exception cref="SharedObjectLostException">The lock's process exited.</exception>
    public Task<SharedReleaser> AcquireAsync(CancellationToken cancellationToken = default) =>
        // Not async itself: the owner an RLock records must stay with the caller's flow after this returns.
        AcquireAsync(_reentrant ? LockOwner.Current : 0, cancellationToken);

    private async Task<SharedReleaser> AcquireAsync(long owner, CancellationToken cancellationToken)
    {
        var agent = LockAgentCall.AgentOf(_path, _reentrant);
        var abandoned = await LockAgentCall.InvokeAsync(agent, (id, done) => new Agent.Acquire(id, owner, done), cancellationToken).ConfigureAwait(false);
        return new SharedReleaser(abandoned, () => ReleaseAsync(owner));
    }

    /// <summary>Waits at most <paramref name="timeout"/> for the lock.</summary>
    /// <returns>A releaser, or null when the lock was not free within <paramref name="timeout"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is negative and not infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the lock was taken.</exception>
    /// <exception cref="SharedObjectLostException">The lock's process exited.</exception>
    public Task<SharedReleaser?> TryAcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        TryAcquireAsync(_reentrant ? LockOwner.Current : 0, timeout, cancellationToken);

    private async Task<SharedReleaser?> TryAcquireAsync(long owner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var agent = LockAgentCall.AgentOf(_path, _reentrant);
        // First ask whether it is free now, however short the timeout: the answer may take a round trip, and a free
        // lock must not be missed for it. Only a lock that is not free is then waited for, up to the timeout.
        var abandoned = await LockAgentCall.TryImmediateAsync(agent, (id, done) => new Agent.Acquire(id, owner, done, Immediate: true), cancellationToken).ConfigureAwait(false);
        if (abandoned is null && timeout != TimeSpan.Zero)
            abandoned = await LockAgentCall.InvokeWithTimeoutAsync(agent, (id, done) => new Agent.Acquire(id, owner, done), timeout, cancellationToken).ConfigureAwait(false);
        return abandoned is { } value ? new SharedReleaser(value, () => ReleaseAsync(owner)) : null;
    }

    /// <summary>Releases the lock, which must be held in this process.</summary>
    /// <exception cref="SynchronizationLockException">The lock is not held in this process.</exception>
    public Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ReleaseAsync(_reentrant ? LockOwner.Current : 0);
    }

    internal Task ReleaseAsync(long owner)
    {
        var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        LockAgentCall.AgentOf(_path, _reentrant).Tell(new Agent.Release(owner, completion), Akka.Actor.ActorRefs.NoSender);
        return completion.Task;
    }

    /// <summary>How many processes wait for the lock now.</summary>
    internal Task<int> WaitingProcessesAsync() =>
        SharedCall.InvokeAsync<int>(_path, LockProtocol.CountWaiting.Instance, CancellationToken.None);

    /// <inheritdoc />
    public override string ToString() => $"SharedLock({_path})";
}
