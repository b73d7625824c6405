namespace ActorPool.Primitives.Lock;

/// <summary>What callers in this process ask of their lock agent. Each carries the task its caller awaits.</summary>
internal static class LockAgentProtocol
{
    /// <summary>Acquire for <paramref name="Owner"/> (the caller's async flow); the result says whether the lock was abandoned.</summary>
    public sealed record Acquire(long Id, long Owner, TaskCompletionSource<bool> Completion);

    /// <summary>Release once for <paramref name="Owner"/>.</summary>
    public sealed record Release(long Owner, TaskCompletionSource<bool> Completion);

    /// <summary>Release, wait on <paramref name="Condition"/> and acquire again; the result says whether a notify woke it.</summary>
    public sealed record Wait(long Id, string Condition, TaskCompletionSource<bool> Completion);

    /// <summary>Wake up to <paramref name="Count"/> waiters of <paramref name="Condition"/> (all when negative).</summary>
    public sealed record Notify(string Condition, int Count, TaskCompletionSource<bool> Completion);

    /// <summary>The caller of <paramref name="Id"/> gave up.</summary>
    public sealed record Cancel(long Id);
}
