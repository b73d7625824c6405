using Akka.Routing;

namespace ActorPool.Tests.Support;

/// <summary>An argument whose key places its task under consistent hashing.</summary>
public sealed record KeyedItem(string Key) : IConsistentHashable
{
    public object ConsistentHashKey => Key;
}

/// <summary>Task functions with a keyed argument, for the tests of placement.</summary>
public static class KeyedJobs
{
    public static async Task<int> PidAsync(KeyedItem item)
    {
        _ = item;
        await Task.Yield();
        return Environment.ProcessId;
    }

    /// <summary>Ends its process the first time (no marker yet), as a crash would; returns the pid the next.</summary>
    public static int ExitOnceThenPid(KeyedItem item, string marker)
    {
        _ = item;
        if (File.Exists(marker))
            return Environment.ProcessId;
        File.WriteAllText(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Environment.Exit(3);
        return 0;
    }
}
