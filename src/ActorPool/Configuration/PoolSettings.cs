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
    public static PoolSettings From(Config config)
    {
        var section = config.GetConfig("actorpool");
        var settings = new PoolSettings(
            section.GetTimeSpan("child-start-timeout", TimeSpan.FromSeconds(60)),
            section.GetTimeSpan("dispose-grace", TimeSpan.FromSeconds(10)),
            section.GetInt("map-window-factor", 4),
            section.GetByteSize("max-payload-size") ?? 96L * 1024 * 1024,
            section.GetTimeSpan("task-timeout-grace", TimeSpan.FromSeconds(5)),
            section.GetBoolean("remote.tls", true),
            section.GetTimeSpan("system-shutdown-wait", TimeSpan.FromSeconds(2)),
            ReadEnvironment(section.GetConfig("child-environment")),
            section.GetString("child-idle-trim", "1s") is "off" ? Timeout.InfiniteTimeSpan : section.GetTimeSpan("child-idle-trim", TimeSpan.FromSeconds(1)),
            section.GetTimeSpan("liveness.interval", TimeSpan.FromMilliseconds(500)),
            section.GetString("liveness.timeout", "3s") is "off" ? null : section.GetTimeSpan("liveness.timeout", TimeSpan.FromSeconds(3)),
            ReadStartsAtOnce(section.GetString("child-starts-at-once", "auto")));
        if (settings.MapWindowFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.map-window-factor must be at least 1.");
        if (settings.LivenessInterval <= TimeSpan.Zero || settings.LivenessTimeout is { } timeout && timeout < 2 * settings.LivenessInterval)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.liveness.interval must be positive and liveness.timeout at least twice as long (or off).");
        if (settings.MaxPayloadSize < 1024)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.max-payload-size must be at least 1KiB.");
        return settings;
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
