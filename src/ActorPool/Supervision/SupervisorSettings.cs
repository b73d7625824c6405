using Akka.Actor;
using Akka.Routing;

namespace ActorPool.Supervision;

/// <summary>What the pool's supervisor needs from <see cref="PoolOptions"/> and the merged configuration.</summary>
internal sealed record SupervisorSettings(
    FleetSizing Sizing,
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
    byte[]? Certificate,
    TimeSpan IdleTrimDelay,
    TimeSpan? MaxChildLifetime,
    long MaxMemoryPerChild,
    TimeSpan LivenessInterval,
    TimeSpan? LivenessTimeout,
    RouterConfig Router,
    ITaskPlacement Placement)
{
    /// <summary>Children whose initializer fails this many times in a row (after the pool started) end the pool instead of respawning.</summary>
    public const int MaxConsecutiveStartFailures = 3;

    /// <summary>
    /// Tracked tasks the supervisor places on a child at once: its ChildConcurrency, and as many again waiting in
    /// the child, so that a child never idles for the round trip between one task's end and the next task's
    /// arrival. Without the extra when TaskTimeout is set, because its clock starts when the task is placed.
    /// </summary>
    public static int InFlightPerChild(int childConcurrency, TimeSpan? taskTimeout) =>
        taskTimeout is null ? (int)Math.Min(2L * childConcurrency, int.MaxValue) : childConcurrency;
}
