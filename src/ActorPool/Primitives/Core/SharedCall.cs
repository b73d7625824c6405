using Akka.Actor;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>Makes one call on a shared object from the calling thread, through this process's client actor.</summary>
internal static class SharedCall
{
    private static long s_nextId;

    /// <summary>
    /// Sends <paramref name="op"/> and returns its reply. Cancelling asks the object to drop the call; the call
    /// then ends as the object decides: cancelled if it had not taken effect, else with its result, so that a
    /// cancelled call never loses what it took.
    /// </summary>
    /// <exception cref="OperationCanceledException">The call was cancelled before it took effect.</exception>
    /// <exception cref="SharedObjectLostException">The object's process exited, or the object is gone.</exception>
    public static async Task<object?> InvokeAsync(string path, ISharedOp op, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var host = SharedHost.Instance;
        var id = Interlocked.Increment(ref s_nextId);
        var completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Client.Tell(new SharedClientActor.Call(id, host.Resolve(path), op, completion));
        if (!cancellationToken.CanBeCanceled)
            return await completion.Task.ConfigureAwait(false);
        await using var registration = cancellationToken.Register(() => host.Client.Tell(new SharedClientActor.CancelCall(id))).ConfigureAwait(false);
        try
        {
            return await completion.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>As <see cref="InvokeAsync"/>, giving up after <paramref name="timeout"/>: returns false when it did.</summary>
    public static async Task<(bool Done, object? Value)> InvokeWithTimeoutAsync(
        string path, ISharedOp op, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
            return (true, await InvokeAsync(path, op, cancellationToken).ConfigureAwait(false));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Sent before the clock starts: a zero timeout still asks once, and the object answers at once if it can.
        var call = InvokeAsync(path, op, deadline.Token);
        deadline.CancelAfter(timeout);
        try
        {
            return (true, await call.ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, null);
        }
    }

    /// <summary>Checks a timeout argument: non-negative or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static void ValidateTimeout(TimeSpan timeout, string paramName)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(paramName, timeout, "The timeout must be non-negative or Timeout.InfiniteTimeSpan.");
    }
}
