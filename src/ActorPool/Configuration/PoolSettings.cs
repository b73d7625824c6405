using Akka.Configuration;

namespace ActorPool.Configuration;

/// <summary>The <c>actorpool</c> section of the merged configuration, read once.</summary>
internal sealed record PoolSettings(
    TimeSpan ChildStartTimeout,
    TimeSpan DisposeGrace,
    int MapWindowFactor,
    long MaxPayloadSize,
    TimeSpan TaskTimeoutGrace,
    bool Tls,
    TimeSpan SystemShutdownWait,
    IReadOnlyDictionary<string, string> ChildEnvironment,
    TimeSpan ChildIdleTrim,
    TimeSpan LivenessInterval,
    TimeSpan? LivenessTimeout,
    int ChildStartsAtOnce)
{
    /// <summary>The longest wait <see cref="Task.Delay(TimeSpan)"/> and <c>WaitAsync</c> take: int.MaxValue - 1 ms, about 24.8 days.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    public static PoolSettings From(Config config)
    {
        var section = config.GetConfig("actorpool");
        var settings = new PoolSettings(
            Duration(section, "child-start-timeout", TimeSpan.FromSeconds(60), positive: true),
            Duration(section, "dispose-grace", TimeSpan.FromSeconds(10), infinite: true),
            section.GetInt("map-window-factor", 4),
            section.GetByteSize("max-payload-size") ?? 96L * 1024 * 1024,
            Duration(section, "task-timeout-grace", TimeSpan.FromSeconds(5)),
            section.GetBoolean("remote.tls", true),
            Duration(section, "system-shutdown-wait", TimeSpan.FromSeconds(2), infinite: true),
            ReadEnvironment(section.GetConfig("child-environment")),
            section.GetString("child-idle-trim", "1s") is "off" ? Timeout.InfiniteTimeSpan : Duration(section, "child-idle-trim", TimeSpan.FromSeconds(1), infinite: true),
            Duration(section, "liveness.interval", TimeSpan.FromMilliseconds(500), positive: true),
            section.GetString("liveness.timeout", "3s") is "off" ? null : Duration(section, "liveness.timeout", TimeSpan.FromSeconds(3), positive: true),
            ReadStartsAtOnce(section.GetString("child-starts-at-once", "auto")));
        if (settings.MapWindowFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.map-window-factor must be at least 1.");
        if (settings.LivenessInterval <= TimeSpan.Zero || settings.LivenessTimeout is { } timeout && timeout < 2 * settings.LivenessInterval)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.liveness.interval must be positive and liveness.timeout at least twice as long (or off).");
        if (settings.MaxPayloadSize < 1024)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.max-payload-size must be at least 1KiB.");
        return settings;
    }

    // A duration the pool waits out: a clear error naming the setting for text that is not one, or one out of range.
    // Where its wait takes it, "infinite" (Timeout.InfiniteTimeSpan) is one too.
    private static TimeSpan Duration(Config section, string key, TimeSpan fallback, bool positive = false, bool infinite = false)
    {
        TimeSpan value;
        try
        {
            value = section.GetTimeSpan(key, fallback);
        }
        catch (Exception e) when (e is FormatException or ConfigurationException or OverflowException)
        {
            throw new ArgumentException($"actorpool.{key} must be a duration such as 10s or 500ms, not '{section.GetString(key)}'.", "config", e);
        }
        if (infinite && value == Timeout.InfiniteTimeSpan)
            return value;
        if (value < TimeSpan.Zero || (positive && value == TimeSpan.Zero) || value > LongestWait)
            throw new ArgumentOutOfRangeException("config", $"actorpool.{key} must be {(positive ? "positive" : "zero or more")} and at most 24 days, not {value}.");
        return value;
    }

    private static int ReadStartsAtOnce(string text) =>
        text == "auto" ? Environment.ProcessorCount
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= 1 ? count
        : throw new ArgumentOutOfRangeException("config", $"actorpool.child-starts-at-once must be auto or a whole number of at least 1, not '{text}'.");

    private static Dictionary<string, string> ReadEnvironment(Config? section)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section is null || section.IsEmpty)
            return environment;
        foreach (var (name, value) in section.AsEnumerable())
            environment[name] = value.GetString() ?? string.Empty;
        return environment;
    }
}
