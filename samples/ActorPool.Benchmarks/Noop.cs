namespace ActorPool.Benchmarks;

/// <summary>The task functions the scenarios run, in the children and in-process for the floors.</summary>
public static class Work
{
    public static int Noop(int x) => x;

    public static async Task<int> DelayAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    /// <summary>About <paramref name="milliseconds"/> of CPU on one core.</summary>
    public static long Spin(int milliseconds)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long n = 0;
        while (watch.ElapsedMilliseconds < milliseconds)
            n += (long)Math.Sqrt(n + 1);
        return n;
    }

    public static byte[] EchoBytes(byte[] data) => data;

    public static Dictionary<string, int> EchoDictionary(Dictionary<string, int> data) => data;
}
