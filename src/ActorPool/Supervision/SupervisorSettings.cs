using Akka.Actor;

namespace ActorPool.Supervision;

/// <summary>What the pool's supervisor needs from <see cref="PoolOptions"/> and the merged configuration.</summary>
internal sealed record SupervisorSettings(
    int Processes,
    int ChildConcurrency,
    int MaxTasksPerChild,
    int MaxCrashRetries,
    SupervisorStrategy? Strategy,
    byte[]? Initializer,
    byte[]? ExceptionHandler,
    string UserConfig,
    TimeSpan ChildStartTimeout,
    TimeSpan? TaskTimeout,
    TimeSpan TaskTimeoutGrace,
    byte[]? Certificate)
{
    /// <summary>Children whose launch or initializer fails this many times in a row end the pool instead of respawning.</summary>
    public const int MaxConsecutiveStartFailures = 3;
}
