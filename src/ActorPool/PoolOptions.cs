using Akka.Actor;
using Akka.Configuration;

namespace ActorPool;

/// <summary>Options of a <see cref="ProcessPool"/>.</summary>
public sealed record PoolOptions
{
    /// <summary>Number of child processes.</summary>
    /// <remarks>Default <see cref="Environment.ProcessorCount"/>; at least 1.</remarks>
    public int Processes { get; init; } = Environment.ProcessorCount;

    /// <summary>Tasks one child runs at once.</summary>
    /// <remarks>Default 16; at least 1.</remarks>
    public int ChildConcurrency { get; init; } = PoolDefaults.ChildConcurrency;

    /// <summary>A child is replaced after exactly this many tasks; 0 never replaces it.</summary>
    /// <remarks>Default 0; not negative.</remarks>
    public int MaxTasksPerChild { get; init; }

    /// <summary>A task function that runs once in every child (and every replacement) before its first task.</summary>
    /// <remarks>It may be sync or async; if it throws while the pool starts, <see cref="ProcessPool.StartAsync"/> fails with its error.</remarks>
    public Delegate? Initializer { get; init; }

    /// <summary>Arguments for <see cref="Initializer"/>.</summary>
    /// <remarks>Default empty.</remarks>
    public object?[] InitArgs { get; init; } = [];

    /// <summary>Runs in the child for every task that throws, before the caller is told.</summary>
    /// <remarks>
    /// It must be able to travel like a task function. If it throws, the task runner actor fails and
    /// <see cref="SupervisorStrategy"/> decides what happens to it.
    /// </remarks>
    public Action<Exception>? ExceptionHandler { get; init; }

    /// <summary>The Akka supervisor strategy for the task-runner actors in the children.</summary>
    /// <remarks>Default null: one-for-one Restart, as for any Akka actor.</remarks>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    /// <summary>Time limit of each task, counted from when it starts in a child; null for none.</summary>
    /// <remarks>
    /// The caller gets <see cref="TimeoutException"/> and the function's token is cancelled; a function still
    /// running <c>actorpool.task-timeout-grace</c> (5 s) later costs its child, which is replaced.
    /// </remarks>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>How many times a task whose child died under it is run again.</summary>
    /// <remarks>Default 3; not negative. Then the task fails with <see cref="ChildCrashedException"/>.</remarks>
    public int MaxCrashRetries { get; init; } = PoolDefaults.MaxCrashRetries;

    /// <summary>HOCON that overrides ActorPool's <c>actorpool</c> section, Akka settings and the router deployment.</summary>
    public Config? Config { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Processes, nameof(Processes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChildConcurrency, nameof(ChildConcurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTasksPerChild, nameof(MaxTasksPerChild));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCrashRetries, nameof(MaxCrashRetries));
        ArgumentNullException.ThrowIfNull(InitArgs, nameof(InitArgs));
        if (TaskTimeout is { } timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(TaskTimeout), timeout, "TaskTimeout must be positive.");
    }
}
