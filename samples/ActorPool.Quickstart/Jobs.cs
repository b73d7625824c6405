namespace ActorPool.Quickstart;

/// <summary>Task functions: they run in the child processes.</summary>
public static class Jobs
{
    public static async Task<int> SquareAsync(int x)
    {
        await Task.Yield();
        return x * x;
    }

    public static async Task<(int Input, int Pid)> WhereAmIAsync(int x)
    {
        await Task.Delay(20);
        return (x, Environment.ProcessId);
    }

    public static int Divide(int a, int b) => a / b;

    /// <summary>Takes words until the queue is empty and counts each in the shared dictionary, under the lock.</summary>
    public static async Task CountWordsAsync(SharedQueue<string> words, SharedDictionary<string, int> counts, SharedLock countLock)
    {
        while (await words.TryGetAsync(TimeSpan.Zero) is (true, var word))
        {
            await using (await countLock.AcquireAsync())
            {
                var (found, count) = await counts.TryGetAsync(word);
                await counts.SetAsync(word, found ? count + 1 : 1);
            }
        }
    }
}
