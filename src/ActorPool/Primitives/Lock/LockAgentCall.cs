using Akka.Actor;
using ActorPool.Primitives.Core;

namespace ActorPool.Primitives.Lock;

/// <summary>Calls this process's agent of a lock, passing cancellation on to it.</summary>
internal static class LockAgentCall
{
    private static long s_nextId;

    public static IActorRef AgentOf(string path, bool reentrant) =>
        SharedHost.Instance.AgentFor(path, lockRef => LockAgentActor.Props(lockRef, reentrant));

    /// <summary>Sends the message <paramref name="make"/> builds and awaits its task; cancellation goes to the agent, which decides.</summary>
    public static async Task<bool> InvokeAsync(
        IActorRef agent, Func<long, TaskCompletionSource<bool>, object> make, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var id = Interlocked.Increment(ref s_nextId);
        var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Tell(make(id, completion));
        if (!cancellationToken.CanBeCanceled)
            return await completion.Task.ConfigureAwait(false);
        await using var registration = cancellationToken.Register(() => agent.Tell(new LockAgentProtocol.Cancel(id))).ConfigureAwait(false);
        try
        {
            return await completion.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>As <see cref="InvokeAsync"/>, giving up after <paramref name="timeout"/>: null when it did.</summary>
    public static async Task<bool?> InvokeWithTimeoutAsync(
        IActorRef agent, Func<long, TaskCompletionSource<bool>, object> make, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        if (timeout == Timeout.InfiniteTimeSpan)
            return await InvokeAsync(agent, make, cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var call = InvokeAsync(agent, make, deadline.Token);
        deadline.CancelAfter(timeout);
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
