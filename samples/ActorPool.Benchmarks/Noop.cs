namespace ActorPool.Benchmarks;

/// <summary>The task functions the scenarios run, in the children and in-process for the floors.</summary>
public static class Work
{
    public static int Noop(int x) => x;

    /// <summary>Item 0 of every 10 waits 50 ms; the others return at once: tasks whose durations vary widely.</summary>
    public static async Task<int> OneInTenSlowAsync(int item)
    {
        if (item % 10 == 0)
            await Task.Delay(50);
        return item;
    }

    public static async Task<int> DelayAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    /// <summary>
    /// About <paramref name="milliseconds"/> of CPU on one core: a fixed amount of work (calibrated on this
    /// machine), not a span of wall-clock time, so that tasks sharing a core take longer, as real work does.
    /// </summary>
    public static long Spin(int milliseconds)
    {
        long n = 0;
        for (long i = 0; i < milliseconds * IterationsPerMillisecond; i++)
            n += (long)Math.Sqrt(n + i);
        return n;
    }

    /// <summary>Spin's iterations per millisecond of one core, measured once per process.</summary>
    private static readonly long IterationsPerMillisecond = Calibrate();

    private static long Calibrate()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long n = 0, i = 0;
        while (watch.ElapsedMilliseconds < 50)
        {
            for (var k = 0; k < 10_000; k++, i++)
                n += (long)Math.Sqrt(n + i);
        }
        GC.KeepAlive(n);
        return Math.Max(1, i / watch.ElapsedMilliseconds);
    }

    public static byte[] EchoBytes(byte[] data) => data;

    public static Dictionary<string, int> EchoDictionary(Dictionary<string, int> data) => data;
}
