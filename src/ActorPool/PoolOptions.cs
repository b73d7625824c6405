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
    /// <remarks>
    /// Default 16; at least 1. Where tasks run on the child's thread pool (<c>actorpool.task-dispatcher = off</c>, the
    /// default), the child raises that pool's minimum of threads by this many (at most 256), so that tasks holding their
    /// thread (CPU-bound or synchronous code) do not keep the child's own messages, its results and its answers to
    /// liveness probes among them, waiting for a thread. The threads are made only when work waits for one; a burst of
    /// short tasks may make up to that many, which leave again after about 20 s idle.
    /// </remarks>
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

    /// <summary>The fewest child processes the pool keeps: it starts with this many, grows up to <see cref="Processes"/> while tasks wait, and shrinks back.</summary>
    /// <remarks>
    /// Default null: <see cref="Processes"/>, a pool of fixed size. Between 1 and <see cref="Processes"/>. When it is
    /// lower, the pool starts a child whenever tasks wait that the children it has (and those starting) cannot take,
    /// and ends a child that has had no task for <see cref="ChildIdleTimeout"/> while it has more than this many.
    /// </remarks>
    public int? MinProcesses { get; init; }

    /// <summary>How long a child of an elastic pool (<see cref="MinProcesses"/> below <see cref="Processes"/>) may have no task before it is ended.</summary>
    /// <remarks>Default 30 s; positive. Not used by a pool of fixed size.</remarks>
    public TimeSpan ChildIdleTimeout { get; init; } = PoolDefaults.ChildIdleTimeout;

    /// <summary>Children started ahead of need: each is ready (its initializer has run) and takes the place of a child that retires or dies at once.</summary>
    /// <remarks>
    /// Default 0; not negative. A spare takes no task until it takes a leaving child's place, and a new spare is
    /// started only while no other child is starting, so spares use time when cores would idle; on a machine whose
    /// cores are busy they only move the cost of a start.
    /// </remarks>
    public int SpareProcesses { get; init; }

    /// <summary>A child is replaced once it has lived this long; it finishes the tasks it has first. Null for never.</summary>
    /// <remarks>Default null; positive.</remarks>
    public TimeSpan? MaxChildLifetime { get; init; }

    /// <summary>
    /// A child whose resident memory (RSS, in bytes) is over this after a task is replaced; it finishes the tasks it has
    /// first. Null for no limit.
    /// </summary>
    /// <remarks>
    /// Default null; positive. Checked after each task, as Celery's max-memory-per-child is. An idle child is about
    /// 80-90 MB of RSS (much of it shared with its siblings), so a limit must leave room above that.
    /// </remarks>
    public long? MaxMemoryPerChild { get; init; }

    /// <summary>Decides which child runs each task of <c>ApplyAsync</c>, <c>Map</c>, <c>StarMap</c> and <c>MapUnordered</c>.</summary>
    /// <remarks>
    /// Default null: tasks are placed the way the <c>/pool/router</c> deployment routes (round-robin unless HOCON
    /// says otherwise; see <see cref="TaskPlacement"/> for each router type). <see cref="TaskPlacement"/> makes the
    /// built-in placements; an <see cref="ITaskPlacement"/> of your own may keep state, so give each pool its own
    /// instance. <see cref="ProcessPool.Router"/> keeps routing as its deployment says.
    /// </remarks>
    public ITaskPlacement? Placement { get; init; }

    /// <summary>Where the pool's log goes: Akka's events and ActorPool's own, as structured entries; categories are the logging classes.</summary>
    /// <remarks>
    /// Default null: warnings and errors go to standard error (never standard output), lower levels nowhere. Which
    /// events are produced at all is <c>akka.loglevel</c> (WARNING unless <see cref="Config"/> says otherwise).
    /// </remarks>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The pool's name in its metrics (tag <c>actorpool.pool.name</c>) and spans.</summary>
    /// <remarks>Default <c>"actorpool"</c>; not empty. Give pools of one process names of their own to tell their metrics apart.</remarks>
    public string Name { get; init; } = "actorpool";

    /// <summary>Where the pool's <c>ActorPool</c> meter comes from, for dependency injection; null for a meter of ActorPool's own.</summary>
    /// <remarks>
    /// Either way the instruments are on a meter named <c>ActorPool</c>: tasks submitted and completed (by
    /// <c>actorpool.task.outcome</c>), task duration measured in the child, tasks queued and in flight, child starts and
    /// exits (by <c>actorpool.child.exit_reason</c>) and each child's resident memory. See the README's Observability.
    /// </remarks>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <summary>HOCON that overrides ActorPool's <c>actorpool</c> section, Akka settings and the router deployment.</summary>
    public Config? Config { get; init; }

    /// <summary>
    /// Makes this process the driver of a pool over several machines: it joins the ActorPool cluster these options
    /// describe, and every worker host in it (<see cref="ActorPoolWorker"/>) takes this pool's tasks beside its local
    /// children, each up to its own capacity. Null (the default): local children only.
    /// </summary>
    /// <remarks>
    /// A lost host's running tasks run again elsewhere, counted against <see cref="MaxCrashRetries"/>. Payloads of a
    /// clustered pool travel over Akka.Remote (the shared-memory path is for one machine). See the README's "Several machines".
    /// </remarks>
    public ClusterOptions? Cluster { get; init; }

    /// <summary>
    /// Options from HOCON: the <c>actorpool.pool</c> section sets the options (<c>processes</c>, <c>min-processes</c>,
    /// <c>spare-processes</c>, <c>child-concurrency</c>, <c>max-tasks-per-child</c>, <c>max-crash-retries</c>,
    /// <c>child-idle-timeout</c>, <c>task-timeout</c>, <c>max-child-lifetime</c>, <c>max-memory-per-child</c>, <c>name</c>;
    /// <c>off</c> for no limit), and the whole configuration becomes <see cref="Config"/> (router deployment, Akka
    /// settings, the rest of <c>actorpool</c>). Options the section leaves out keep their defaults; code may change any
    /// of them after (<c>with { ... }</c>).
    /// </summary>
    /// <param name="config">The configuration, e.g. <c>ConfigurationFactory.ParseString(File.ReadAllText("pool.conf"))</c>.</param>
    /// <returns>The options; <see cref="ProcessPool.StartAsync"/> checks them.</returns>
    /// <exception cref="ConfigurationException">A value in the section is not of its kind (a number, a duration, a size).</exception>
    public static PoolOptions FromConfig(Config config) => Configuration.PoolOptionsReader.Read(config);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Processes, nameof(Processes));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ChildConcurrency, nameof(ChildConcurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxTasksPerChild, nameof(MaxTasksPerChild));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCrashRetries, nameof(MaxCrashRetries));
        ArgumentNullException.ThrowIfNull(InitArgs, nameof(InitArgs));
        ArgumentException.ThrowIfNullOrWhiteSpace(Name, nameof(Name));
        if (TaskTimeout is { } timeout && timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(TaskTimeout), timeout, "TaskTimeout must be positive.");
        if (MinProcesses is { } min && (min < 1 || min > Processes))
            throw new ArgumentOutOfRangeException(nameof(MinProcesses), min, $"MinProcesses must be between 1 and Processes ({Processes}).");
        if (ChildIdleTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ChildIdleTimeout), ChildIdleTimeout, "ChildIdleTimeout must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegative(SpareProcesses, nameof(SpareProcesses));
        if (MaxChildLifetime is { } lifetime && lifetime <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(MaxChildLifetime), lifetime, "MaxChildLifetime must be positive.");
        if (MaxMemoryPerChild is { } memory && memory <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxMemoryPerChild), memory, "MaxMemoryPerChild must be a positive number of bytes.");
        Cluster?.Validate();
    }
}
