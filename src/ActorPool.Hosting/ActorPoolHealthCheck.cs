using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorPool.Hosting;

/// <summary>
/// A pool's <see cref="PoolHealth"/> as a health check: unhealthy while it has fewer ready children than it needs
/// (starting, or dying as they start: a restart storm) or is not running, degraded while children fail to start but
/// enough are ready.
/// </summary>
internal sealed class ActorPoolHealthCheck(IProcessPool pool) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = pool.Health;
        var data = new Dictionary<string, object>
        {
            ["readyChildren"] = health.ReadyChildren,
            ["minimumChildren"] = health.MinimumChildren,
            ["startFailuresInARow"] = health.StartFailuresInARow,
            ["recentStartFailures"] = health.RecentStartFailures,
        };
        if (health.LastRestartStorm is { } storm)
            data["lastRestartStorm"] = storm;
        var status = health.Status switch
        {
            PoolHealthStatus.Healthy => HealthStatus.Healthy,
            PoolHealthStatus.Degraded => HealthStatus.Degraded,
            _ => context.Registration.FailureStatus,
        };
        return Task.FromResult(new HealthCheckResult(status, health.Description, data: data));
    }
}
