using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>Makes one call on a shared object from the calling thread, through this process's client actor.</summary>
internal static class SharedCall
{
    /// <summary>Sends <paramref name="op"/> to the object at <paramref name="path"/> and returns its reply; see <see cref="ActorCall"/>.</summary>
    /// <exception cref="OperationCanceledException">The call was cancelled before it took effect.</exception>
    /// <exception cref="SharedObjectLostException">The object's process exited, or the object is gone.</exception>
    public static Task<object?> InvokeAsync(string path, ISharedOp op, CancellationToken cancellationToken)
    {
        var host = SharedHost.Instance;
        return ActorCall.InvokeAsync<object?>(
            host.Client, (id, done) => new SharedClientActor.Call(id, host.Resolve(path), op, done), id => new SharedClientActor.CancelCall(id), cancellationToken);
    }

    /// <summary>As <see cref="InvokeAsync"/>, giving up after <paramref name="timeout"/>: Done is false when it did.</summary>
    public static Task<(bool Done, object? Value)> InvokeWithTimeoutAsync(string path, ISharedOp op, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var host = SharedHost.Instance;
        return ActorCall.InvokeWithTimeoutAsync<object?>(
            host.Client, (id, done) => new SharedClientActor.Call(id, host.Resolve(path), op, done), id => new SharedClientActor.CancelCall(id), timeout, cancellationToken);
    }

    /// <summary>Checks a timeout argument: non-negative or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static void ValidateTimeout(TimeSpan timeout, string paramName)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(paramName, timeout, "The timeout must be non-negative or Timeout.InfiniteTimeSpan.");
    }
}
