using Akka.Configuration;

namespace ActorPool.Configuration;

/// <summary>The one place that decides precedence: user HOCON, then ActorPool's reference.</summary>
internal static class PoolConfig
{
    public static Config Merge(Config? user) =>
        user is null || user.IsEmpty ? ReferenceConfig.Load() : user.WithFallback(ReferenceConfig.Load());
}
