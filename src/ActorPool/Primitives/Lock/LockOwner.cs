namespace ActorPool.Primitives.Lock;

/// <summary>
/// Who holds a reentrant lock: the async flow that acquired it. The id is set outside any async method, so it
/// stays with the caller's flow (and the tasks it starts) after the call returns.
/// </summary>
internal static class LockOwner
{
    private static readonly AsyncLocal<long> s_current = new();
    private static long s_next;

    public static long Current
    {
        get
        {
            if (s_current.Value == 0)
                s_current.Value = Interlocked.Increment(ref s_next);
            return s_current.Value;
        }
    }
}
