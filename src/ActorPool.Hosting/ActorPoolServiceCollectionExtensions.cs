using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorPool.Hosting;

/// <summary>Registers pools that start and stop with the host.</summary>
public static class ActorPoolServiceCollectionExtensions
{
    /// <summary>The name of the pool <see cref="AddActorPool(IServiceCollection, Action{ActorPoolOptions}?)"/> registers.</summary>
    public const string DefaultName = "actorpool";

    /// <summary>The configuration section the default pool's options are bound from; a named pool's are under <c>ActorPool:Pools:&lt;name&gt;</c>.</summary>
    public const string ConfigurationSection = "ActorPool";

    /// <summary>
    /// Registers the default pool: <see cref="IProcessPool"/> for consumers (also keyed by <see cref="DefaultName"/>),
    /// started when the host starts and disposed when it stops; its options are bound from the configuration section
    /// <c>ActorPool</c> and then given to <paramref name="configure"/>, and checked when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the options after configuration has been bound; null for none.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The default pool is registered already.</exception>
    public static IServiceCollection AddActorPool(this IServiceCollection services, Action<ActorPoolOptions>? configure = null)
    {
        Register(services, DefaultName, ConfigurationSection, configure);
        services.AddSingleton<IProcessPool>(sp => sp.GetRequiredKeyedService<IProcessPool>(DefaultName));
        return services;
    }

    /// <summary>
    /// Registers a named pool: <see cref="IProcessPool"/> keyed by <paramref name="name"/> (<c>[FromKeyedServices("name")]</c>),
    /// started when the host starts and disposed when it stops; its options are bound from the configuration section
    /// <c>ActorPool:Pools:&lt;name&gt;</c> and then given to <paramref name="configure"/>, and checked when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The pool's name: its key, and its name in metrics and logs.</param>
    /// <param name="configure">Changes the options after configuration has been bound; null for none.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A pool of that name is registered already.</exception>
    public static IServiceCollection AddActorPool(this IServiceCollection services, string name, Action<ActorPoolOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Register(services, name, $"{ConfigurationSection}:Pools:{name}", configure);
        return services;
    }

    /// <summary>
    /// Adds a health check of a pool registered with <c>AddActorPool</c>: unhealthy while it lacks ready children (they
    /// are starting, or dying as they start) or is not running, degraded while children fail to start but enough are ready.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="poolName">The pool; null for the default pool.</param>
    /// <param name="checkName">The check's name; null for <c>actorpool</c> or <c>actorpool-&lt;pool name&gt;</c>.</param>
    /// <param name="tags">Tags of the check.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddActorPool(this IHealthChecksBuilder builder, string? poolName = null, string? checkName = null, IEnumerable<string>? tags = null)
    {
        var key = poolName ?? DefaultName;
        return builder.Add(new HealthCheckRegistration(
            checkName ?? (poolName is null ? DefaultName : $"{DefaultName}-{poolName}"),
            sp => new ActorPoolHealthCheck(sp.GetRequiredKeyedService<IProcessPool>(key)),
            failureStatus: HealthStatus.Unhealthy,
            tags));
    }

    private static void Register(IServiceCollection services, string name, string section, Action<ActorPoolOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PoolRegistration) && Equals(d.ServiceKey, name)))
            throw new InvalidOperationException($"An ActorPool named '{name}' is registered already.");
        services.AddKeyedSingleton(name, new PoolRegistration(name));

        var options = services.AddOptions<ActorPoolOptions>(name).BindConfiguration(section);
        if (configure is not null)
            options.Configure(configure);
        options.ValidateOnStart();
        services.AddSingleton<IValidateOptions<ActorPoolOptions>>(new ActorPoolOptionsValidator(name, section));

        // One per service provider. The host stops the pool; disposing the provider stops it too, if the host did not.
        services.AddKeyedSingleton(name, (_, _) => new DeferredProcessPool(name));
        services.AddKeyedSingleton<IProcessPool>(name, (sp, _) => sp.GetRequiredKeyedService<DeferredProcessPool>(name));
        services.AddSingleton<IHostedService>(sp => new ActorPoolHostedService(
            sp.GetRequiredKeyedService<DeferredProcessPool>(name), sp.GetRequiredService<IOptionsMonitor<ActorPoolOptions>>(),
            sp.GetService<ILoggerFactory>(), sp.GetService<IMeterFactory>()));
    }

    /// <summary>Marks a name as taken.</summary>
    private sealed record PoolRegistration(string Name);
}
