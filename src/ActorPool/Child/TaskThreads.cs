namespace ActorPool.Child;

/// <summary>
/// Gives the thread pool of a child whose task functions run on it a thread for each task that may run at once, beyond
/// one per processor (the pool's own minimum). A task function may hold its thread for as long as it runs (CPU-bound
/// code, synchronous I/O), and Akka.Remote's actors, which carry the child's results and its answers to liveness probes,
/// queue behind such tasks on the same pool; past its minimum the pool adds a thread only every half second or so, so a
/// child whose tasks blocked every thread could stay silent for longer than the liveness timeout and be killed as hung.
/// </summary>
internal static class TaskThreads
{
    // A pool's ChildConcurrency can be large for tasks that mostly await I/O and hold no thread; the threads are made
    // only when work waits for one, but a burst of such tasks should not make hundreds of them.
    internal const int MostReserved = 256;

    /// <summary>Raises the thread pool's minimum of worker threads to <paramref name="concurrency"/> (at most <see cref="MostReserved"/>) more than the processor count; never lowers it.</summary>
    public static void Reserve(int concurrency)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Environment.ProcessorCount + Math.Min(concurrency, MostReserved);
        if (wanted > workers)
            ThreadPool.SetMinThreads(wanted, completionPorts);
    }
}
