using Akka.Configuration;

namespace ActorPool.SharedMemory;

/// <summary>The <c>actorpool.shared-memory</c> section: whether large payloads travel through shared memory, and from what size.</summary>
internal sealed record SharedMemorySettings(bool Enabled, long Threshold, long AreaSize, string Root)
{
    public static SharedMemorySettings From(Config config)
    {
        var section = config.GetConfig("actorpool.shared-memory");
        var settings = section is null || section.IsEmpty
            ? new SharedMemorySettings(false, long.MaxValue, 0, "/dev/shm")
            : new SharedMemorySettings(
                section.GetBoolean("enabled", true),
                section.GetByteSize("threshold") ?? 64 * 1024,
                section.GetByteSize("area-size") ?? 1L << 30,
                section.GetString("directory", "/dev/shm"));
        if (settings.Enabled && settings.Threshold < 1024)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.shared-memory.threshold must be at least 1KiB.");
        if (settings.Enabled && settings.AreaSize < 1024 * 1024)
            throw new ArgumentOutOfRangeException(nameof(config), "actorpool.shared-memory.area-size must be at least 1MiB.");
        return settings;
    }
}
