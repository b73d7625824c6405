using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorPool.Hosting;

/// <summary>Starts one pool when the host starts (its children are ready when the host is), and disposes it when the host stops.</summary>
internal sealed class ActorPoolHostedService(
    DeferredProcessPool pool, IOptionsMonitor<ActorPoolOptions> options, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = await ProcessPool.StartAsync(options.Get(pool.Name).ToPoolOptions(pool.Name, loggerFactory, meterFactory), cancellationToken).ConfigureAwait(false);
        pool.Attach(started);
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        // Disposing waits for the tasks in flight and then ends the children; it is bounded by actorpool.dispose-grace.
        await pool.StopAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
}
