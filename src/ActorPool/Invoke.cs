using ActorPool.Functions;

namespace ActorPool;

/// <summary>
/// The message for <c>Ask&lt;R&gt;</c> against <see cref="ProcessPool.Router"/>: a task function and its
/// arguments, already checked and serialized. The answer is the function's result, or a
/// <see cref="Akka.Actor.Status.Failure"/> carrying a <see cref="ProxyException"/>.
/// </summary>
public sealed partial class Invoke
{
    private Invoke(byte[] call)
    {
        Call = call;
    }

    internal byte[] Call { get; }

    /// <summary>An invoke received from another process (its call is checked where it is run).</summary>
    internal static Invoke FromCall(byte[] call) => new(call);

    // Made without a pool, so checked against ActorPool's default settings; the child that runs it decodes it with its own.
    private static Invoke From(Delegate fn, params object?[] args) => new(PreparedFunction.Prepare(fn, nameof(fn)).Encode(args, Serialization.PayloadCodec.Default));
}
