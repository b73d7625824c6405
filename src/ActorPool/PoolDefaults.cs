namespace ActorPool;

/// <summary>Defaults of <see cref="PoolOptions"/>, as aiomultiprocess has them.</summary>
internal static class PoolDefaults
{
    public const int ChildConcurrency = 16;

    public const int MaxCrashRetries = 3;

    public static readonly TimeSpan ChildIdleTimeout = TimeSpan.FromSeconds(30);
}
