using System.Runtime.CompilerServices;
using ActorPool.Serialization;

namespace ActorPool;

/// <summary>A child process that returns its target's result, like aiomultiprocess's <c>Worker</c>, but never a silent default.</summary>
/// <typeparam name="R">Type of the target's result.</typeparam>
public sealed class Worker<R> : ChildProcess
{
    internal Worker(Delegate target, object?[] args, ChildProcessOptions? options) : base(target, args, options)
    {
        Result = ResultAsync();
    }

    /// <summary>
    /// The target's result. Faults with <see cref="ProxyException"/> when the target threw, and with
    /// <see cref="ChildCrashedException"/> (with the exit code) when the process died before answering.
    /// </summary>
    public Task<R> Result { get; }

    /// <summary>Gets an awaiter for <see cref="Result"/>.</summary>
    /// <returns>The awaiter.</returns>
    public TaskAwaiter<R> GetAwaiter() => Result.GetAwaiter();

    private async Task<R> ResultAsync()
    {
        var outcome = await Outcome.ConfigureAwait(false);
        if (outcome.Result is { } result)
            return (R)PayloadCodec.Default.Deserialize(result)!;
        if (outcome.Error is { } error)
            throw ProxyException.From(error, PayloadCodec.Default);
        throw new ChildCrashedException(Pid, outcome.ExitCode, attempts: 1);
    }
}
