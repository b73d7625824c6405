using System.Diagnostics;

namespace ActorPool.Tests.Support;

/// <summary>Waits on a condition, with a limit that only a broken build reaches.</summary>
internal static class Wait
{
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
                return false;
            await Task.Delay(10);
        }
        return true;
    }

    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
                return false;
            await Task.Delay(10);
        }
        return true;
    }
}
