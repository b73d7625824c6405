using Akka.Actor;
using ActorPool.Primitives.Core;

namespace ActorPool.Primitives.Lock;

/// <summary>Calls this process's agent of a lock, passing cancellation on to it (see <see cref="ActorCall"/>).</summary>
internal static class LockAgentCall
{
    public static IActorRef AgentOf(string path, bool reentrant) =>
        SharedHost.Instance.AgentFor(path, lockRef => LockAgentActor.Props(lockRef, reentrant));

    public static Task<bool> InvokeAsync(IActorRef agent, Func<long, TaskCompletionSource<bool>, object> make, CancellationToken cancellationToken) =>
        ActorCall.InvokeAsync(agent, make, Cancel, cancellationToken);

    /// <summary>As <see cref="InvokeAsync"/>, giving up after <paramref name="timeout"/>: null when it did.</summary>
    public static async Task<bool?> InvokeWithTimeoutAsync(
        IActorRef agent, Func<long, TaskCompletionSource<bool>, object> make, TimeSpan timeout, CancellationToken cancellationToken)
    {
        SharedCall.ValidateTimeout(timeout, nameof(timeout));
        var (done, value) = await ActorCall.InvokeWithTimeoutAsync(agent, make, Cancel, timeout, cancellationToken).ConfigureAwait(false);
        return done ? value : null;
    }

    /// <summary>An immediate acquire: the abandoned flag when it was granted, null when the lock was not free.</summary>
    public static async Task<bool?> TryImmediateAsync(IActorRef agent, Func<long, TaskCompletionSource<bool>, object> make, CancellationToken cancellationToken)
    {
        try
        {
            return await InvokeAsync(agent, make, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // the agent refused: the lock is not free
        }
    }

    private static object Cancel(long id) => new LockAgentProtocol.Cancel(id);
}
