namespace ActorPool.Primitives.Lock;

/// <summary>What callers in this process ask of their lock agent. Each carries the task its caller awaits.</summary>
internal static class LockAgentProtocol
{
    /// <summary>Acquire for <paramref name="Owner"/> (the caller's async flow); the result says whether the lock was abandoned.</summary>
    /// <param name="Id">The call's id, for its cancellation.</param>
    /// <param name="Owner">The caller's async flow (0 for a lock that is not reentrant).</param>
    /// <param name="Completion">Completed with whether the lock was abandoned when it is taken.</param>
    /// <param name="Immediate">Only if the lock is free now: otherwise the call ends as cancelled, and nothing waits.</param>
    public sealed record Acquire(long Id, long Owner, TaskCompletionSource<bool> Completion, bool Immediate = false);

    /// <summary>Release once for <paramref name="Owner"/>.</summary>
    public sealed record Release(long Owner, TaskCompletionSource<bool> Completion);

    /// <summary>Release, wait on <paramref name="Condition"/> and acquire again; the result says whether a notify woke it.</summary>
    public sealed record Wait(long Id, string Condition, TaskCompletionSource<bool> Completion);

    /// <summary>Wake up to <paramref name="Count"/> waiters of <paramref name="Condition"/> (all when negative).</summary>
    public sealed record Notify(string Condition, int Count, TaskCompletionSource<bool> Completion);

    /// <summary>The caller of <paramref name="Id"/> gave up.</summary>
    public sealed record Cancel(long Id);
}
