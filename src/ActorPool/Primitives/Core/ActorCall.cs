using Akka.Actor;

namespace ActorPool.Primitives.Core;

/// <summary>
/// A call from the calling thread to a local actor that completes the caller's task. Cancelling tells the actor,
/// which decides how the call ends: cancelled if it had not taken effect, else with its result, so that a
/// cancelled call never loses what it took.
/// </summary>
internal static class ActorCall
{
    private static long s_nextId;

    /// <param name="target">The actor that takes the call.</param>
    /// <param name="make">Builds the call's message from its id and the task source the actor completes.</param>
    /// <param name="cancel">Builds the message that tells the actor the caller gave up on the call with this id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<T> InvokeAsync<T>(
        IActorRef target, Func<long, TaskCompletionSource<T>, object> make, Func<long, object> cancel, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var id = Interlocked.Increment(ref s_nextId);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        target.Tell(make(id, completion));
        if (!cancellationToken.CanBeCanceled)
            return await completion.Task.ConfigureAwait(false);
        await using var registration = cancellationToken.Register(() => target.Tell(cancel(id))).ConfigureAwait(false);
        try
        {
            return await completion.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>As <see cref="InvokeAsync"/>, giving up after <paramref name="timeout"/>: Done is false when it did.</summary>
    public static async Task<(bool Done, T? Value)> InvokeWithTimeoutAsync<T>(
        IActorRef target, Func<long, TaskCompletionSource<T>, object> make, Func<long, object> cancel, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
            return (true, await InvokeAsync(target, make, cancel, cancellationToken).ConfigureAwait(false));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Sent before the clock starts: a zero timeout still asks once, and the actor answers at once if it can.
        var call = InvokeAsync(target, make, cancel, deadline.Token);
        deadline.CancelAfter(timeout);
        try
        {
            return (true, await call.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, default);
        }
    }
}
