using Akka.Configuration;

namespace ActorPool.Configuration;

/// <summary>The one place that decides precedence: user HOCON, then ActorPool's reference.</summary>
internal static class PoolConfig
{
    public static Config Merge(Config? user) =>
        user is null || user.IsEmpty ? ReferenceConfig.Load() : user.WithFallback(ReferenceConfig.Load());

    /// <summary>The dispatcher <c>actorpool.task-dispatcher</c> names, or null for the .NET thread pool (<c>off</c>).</summary>
    public static string? TaskDispatcher(Config config) =>
        config.GetString("actorpool.task-dispatcher", "off") is var id && id is not ("off" or "") ? id : null;
}
