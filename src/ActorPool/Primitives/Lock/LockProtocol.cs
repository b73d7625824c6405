using ActorPool.Execution;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Lock;

/// <summary>
/// How a lock's agents (one per process that uses it) share its token with the lock. The process holding the
/// token acquires and releases locally, with no message, until the lock revokes the token because another
/// process asked for it.
/// </summary>
internal static class LockProtocol
{
    /// <summary>An agent asks for the token; the reply is a <see cref="LockGrant"/>.</summary>
    public sealed record RequestToken : ISharedOp
    {
        public static readonly RequestToken Instance = new();
    }

    /// <summary>An agent asks for the token only if the lock is free now: the reply is a <see cref="LockGrant"/> or <see cref="LockBusy"/>, and nothing is queued.</summary>
    public sealed record TryRequestToken : ISharedOp
    {
        public static readonly TryRequestToken Instance = new();
    }

    /// <summary>The lock is held, or others wait for it: a <see cref="TryRequestToken"/> is refused.</summary>
    public sealed record LockBusy : IPoolMessage
    {
        public static readonly LockBusy Instance = new();
    }

    /// <summary>The agent holding the token, to the lock: the lock is in use here, and the token comes back when it is released (one-way).</summary>
    public sealed record TokenBusy : ISharedOp
    {
        public static readonly TokenBusy Instance = new();
    }

    /// <summary>An agent gives the token back (one-way).</summary>
    public sealed record ReturnToken : ISharedOp
    {
        public static readonly ReturnToken Instance = new();
    }

    /// <summary>An agent gives the token back and waits on a condition; the reply is the <see cref="LockGrant"/> that wakes it.</summary>
    public sealed record WaitOn(string Condition) : ISharedOp;

    /// <summary>Moves up to <paramref name="Count"/> waiters of a condition (all when negative) to the lock's queue.</summary>
    public sealed record Notify(string Condition, int Count) : ISharedOp;

    /// <summary>Replies how many processes wait for the token; for tests that must know one does.</summary>
    public sealed record CountWaiting : ISharedOp
    {
        public static readonly CountWaiting Instance = new();
    }

    /// <summary>The token, to an agent.</summary>
    /// <param name="Abandoned">The process that had it before died with it.</param>
    /// <param name="Notified">For a condition waiter: woken by a notify, not by its timeout or cancellation.</param>
    public sealed record LockGrant(bool Abandoned, bool Notified) : IPoolMessage;

    /// <summary>The lock, to the agent holding the token: another process waits; give it back when free.</summary>
    public sealed record RevokeToken : IPoolMessage
    {
        public static readonly RevokeToken Instance = new();
    }
}
