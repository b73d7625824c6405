using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>Makes one call on a shared object from the calling thread, through this process's client actor.</summary>
internal static class SharedCall
{
    /// <summary>Sends <paramref name="op"/> to the object at <paramref name="path"/> and returns its reply; see <see cref="ActorCall"/>.</summary>
    /// <exception cref="OperationCanceledException">The call was cancelled before it took effect.</exception>
    /// <exception cref="SharedObjectLostException">The object's process exited, or the object is gone.</exception>
    public static Task<object?> InvokeAsync(string path, ISharedOp op, CancellationToken cancellationToken) =>
        ActorCall.InvokeAsync(SharedHost.Instance.Client, CallTo(path, op), Cancel, cancellationToken);

    /// <summary>As <see cref="InvokeAsync"/>, for an operation whose reply is a <typeparamref name="TResult"/>.</summary>
    public static async Task<TResult> InvokeAsync<TResult>(string path, ISharedOp op, CancellationToken cancellationToken) =>
        (TResult)(await InvokeAsync(path, op, cancellationToken).ConfigureAwait(false))!;

    /// <summary>As <see cref="InvokeAsync"/>, giving up after <paramref name="timeout"/>: Done is false when it did.</summary>
    public static Task<(bool Done, object? Value)> InvokeWithTimeoutAsync(string path, ISharedOp op, TimeSpan timeout, CancellationToken cancellationToken) =>
        ActorCall.InvokeWithTimeoutAsync(SharedHost.Instance.Client, CallTo(path, op), Cancel, timeout, cancellationToken);

    private static Func<long, TaskCompletionSource<object?>, object> CallTo(string path, ISharedOp op) =>
        (id, done) => new SharedClientActor.Call(id, SharedHost.Instance.Resolve(path), op, done);

    private static object Cancel(long id) => new SharedClientActor.CancelCall(id);

    /// <summary>Checks a timeout argument: non-negative or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static void ValidateTimeout(TimeSpan timeout, string paramName)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(paramName, timeout, "The timeout must be non-negative or Timeout.InfiniteTimeSpan.");
    }
}
