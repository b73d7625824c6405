using ActorPool.Execution;

namespace ActorPool.Primitives.Core;

/// <summary>The envelope every shared object speaks: batched requests from a process, batched replies to it.</summary>
internal static class SharedProtocol
{
    /// <summary>An operation on a shared object; each kind of object has its own in its protocol.</summary>
    public interface ISharedOp : IPoolMessage;

    /// <summary>Requests from one process to one shared object, in the order they were made; the sender is the process's client.</summary>
    public sealed record Requests(IReadOnlyList<Request> Items) : IPoolMessage;

    /// <summary>One call: the client's id of it (every call gets exactly one <see cref="Reply"/>) and its operation.</summary>
    public sealed record Request(long Id, ISharedOp Op) : IPoolMessage;

    /// <summary>Replies from one shared object to one process's client.</summary>
    public sealed record Replies(IReadOnlyList<Reply> Items) : IPoolMessage;

    /// <summary>
    /// The one answer to a call: a value, an error, or that the call was cancelled before it took effect. With
    /// Acknowledge, the value is an item that the object keeps until the client says it arrived (<see cref="Ack"/>).
    /// </summary>
    public sealed record Reply(long Id, object? Value = null, Exception? Error = null, bool Cancelled = false, bool Acknowledge = false) : IPoolMessage;

    /// <summary>The caller gave up on call <paramref name="Target"/>: answer it as cancelled unless it already took effect.</summary>
    public sealed record Cancel(long Target) : ISharedOp;

    /// <summary>Local news: a child process at <paramref name="Address"/> exited; its clients and objects are gone.</summary>
    public sealed record ProcessGone(Akka.Actor.Address Address);

    /// <summary>The items of these calls reached their process; the object forgets them.</summary>
    public sealed record Ack(IReadOnlyList<long> Targets) : ISharedOp;
}
