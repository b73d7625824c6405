namespace ActorPool.Tests.Support;

/// <summary>Task functions that work on shared primitives from inside a child process.</summary>
public static class SharedJobs
{
    /// <summary>Takes <paramref name="count"/> items from one queue and puts each, doubled, on the other.</summary>
    public static async Task<int> DoubleEachAsync(SharedQueue<int> input, SharedQueue<int> output, int count)
    {
        for (var i = 0; i < count; i++)
            await output.PutAsync(2 * await input.GetAsync());
        return Environment.ProcessId;
    }

    /// <summary>Puts <paramref name="count"/> numbers from <paramref name="first"/> on, then returns the pid.</summary>
    public static async Task<int> PutRangeAsync(SharedQueue<int> queue, int first, int count)
    {
        for (var i = first; i < first + count; i++)
            await queue.PutAsync(i);
        return Environment.ProcessId;
    }

    /// <summary>Tells the test its pid through <paramref name="started"/>, then waits for an item that never comes.</summary>
    public static async Task<int> AnnounceThenGetAsync(SharedQueue<int> started, SharedQueue<int> queue)
    {
        await started.PutAsync(Environment.ProcessId);
        return await queue.GetAsync();
    }
}
