using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Hosting;

/// <summary>
/// The options of a pool that a host starts (<see cref="ActorPoolServiceCollectionExtensions.AddActorPool(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{ActorPoolOptions}?)"/>):
/// <see cref="PoolOptions"/> in the options pattern's form, bound from configuration and then changed in code.
/// Each property means what the <see cref="PoolOptions"/> property of the same name means; the host supplies the
/// pool's name, its <c>ILoggerFactory</c> and its <c>IMeterFactory</c>.
/// </summary>
public sealed class ActorPoolOptions
{
    /// <inheritdoc cref="PoolOptions.Processes"/>
    public int Processes { get; set; } = Environment.ProcessorCount;

    /// <inheritdoc cref="PoolOptions.ChildConcurrency"/>
    public int ChildConcurrency { get; set; } = new PoolOptions().ChildConcurrency;

    /// <inheritdoc cref="PoolOptions.MaxTasksPerChild"/>
    public int MaxTasksPerChild { get; set; }

    /// <inheritdoc cref="PoolOptions.MinProcesses"/>
    public int? MinProcesses { get; set; }

    /// <inheritdoc cref="PoolOptions.SpareProcesses"/>
    public int SpareProcesses { get; set; }

    /// <inheritdoc cref="PoolOptions.ChildIdleTimeout"/>
    public TimeSpan ChildIdleTimeout { get; set; } = new PoolOptions().ChildIdleTimeout;

    /// <inheritdoc cref="PoolOptions.MaxChildLifetime"/>
    public TimeSpan? MaxChildLifetime { get; set; }

    /// <inheritdoc cref="PoolOptions.MaxMemoryPerChild"/>
    public long? MaxMemoryPerChild { get; set; }

    /// <inheritdoc cref="PoolOptions.TaskTimeout"/>
    public TimeSpan? TaskTimeout { get; set; }

    /// <inheritdoc cref="PoolOptions.MaxCrashRetries"/>
    public int MaxCrashRetries { get; set; } = new PoolOptions().MaxCrashRetries;

    /// <summary>HOCON text that overrides ActorPool's <c>actorpool</c> section, Akka settings and the router deployment (see <see cref="PoolOptions.Config"/>); bindable from configuration.</summary>
    /// <remarks>Default null. <see cref="Config"/>, if also set, takes precedence over it.</remarks>
    public string? Hocon { get; set; }

    /// <inheritdoc cref="PoolOptions.Config"/>
    public Config? Config { get; set; }

    /// <inheritdoc cref="PoolOptions.Initializer"/>
    public Delegate? Initializer { get; set; }

    /// <inheritdoc cref="PoolOptions.InitArgs"/>
    public object?[] InitArgs { get; set; } = [];

    /// <inheritdoc cref="PoolOptions.ExceptionHandler"/>
    public Action<Exception>? ExceptionHandler { get; set; }

    /// <inheritdoc cref="PoolOptions.SupervisorStrategy"/>
    public SupervisorStrategy? SupervisorStrategy { get; set; }

    /// <inheritdoc cref="PoolOptions.Placement"/>
    public ITaskPlacement? Placement { get; set; }

    /// <summary>The pool's options, with what the host supplies.</summary>
    internal PoolOptions ToPoolOptions(string name, Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory, System.Diagnostics.Metrics.IMeterFactory? meterFactory)
    {
        var config = Config;
        if (!string.IsNullOrWhiteSpace(Hocon))
            config = config is null ? ConfigurationFactory.ParseString(Hocon) : config.WithFallback(ConfigurationFactory.ParseString(Hocon));
        return new PoolOptions
        {
            Name = name,
            Processes = Processes,
            ChildConcurrency = ChildConcurrency,
            MaxTasksPerChild = MaxTasksPerChild,
            MinProcesses = MinProcesses,
            SpareProcesses = SpareProcesses,
            ChildIdleTimeout = ChildIdleTimeout,
            MaxChildLifetime = MaxChildLifetime,
            MaxMemoryPerChild = MaxMemoryPerChild,
            TaskTimeout = TaskTimeout,
            MaxCrashRetries = MaxCrashRetries,
            Config = config,
            Initializer = Initializer,
            InitArgs = InitArgs,
            ExceptionHandler = ExceptionHandler,
            SupervisorStrategy = SupervisorStrategy,
            Placement = Placement,
            LoggerFactory = loggerFactory,
            MeterFactory = meterFactory,
        };
    }
}
