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
        await pool.AttachAsync(started).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Disposing waits for the tasks in flight, then ends the children (bounded by actorpool.dispose-grace). A host that
        // stops sooner goes on without waiting; the provider's disposal of the pool waits for the same disposal.
        var stopping = pool.StopAsync();
        try
        {
            await stopping.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            loggerFactory?.CreateLogger<ActorPoolHostedService>().LogWarning("The host stopped before pool '{Pool}' had finished its tasks and ended its children", pool.Name);
        }
    }
}
