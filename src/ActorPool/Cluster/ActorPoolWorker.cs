using System.CommandLine;
using System.Runtime.InteropServices;
using Akka.Actor;
using Akka.Event;
using ActorPool.Cluster;
using ActorPool.Supervision;

namespace ActorPool;

/// <summary>
/// The worker mode of an application: a worker host joins an ActorPool cluster and runs drivers' tasks on a local pool
/// of its own child processes (so supervision, recycling, timeouts and kills stay on the host that owns the children).
/// A worker must run the same build as its drivers, because children find task methods by type and metadata token:
/// start it from the application itself,
/// <code>if (ActorPoolWorker.IsWorkerCommand(args)) return await ActorPoolWorker.RunAsync(args);</code>
/// then <c>myapp actorpool-worker --seed akka.ssl.tcp://actorpool@driver:4053 --certificate cluster.pfx --processes 16</c>.
/// </summary>
public static class ActorPoolWorker
{
    /// <summary>The first argument that selects the worker mode.</summary>
    public const string Command = "actorpool-worker";

    /// <summary>Whether <paramref name="args"/> ask for the worker mode (their first is <see cref="Command"/>).</summary>
    /// <param name="args">The application's command-line arguments.</param>
    public static bool IsWorkerCommand(string[] args) => args is [Command, ..];

    /// <summary>
    /// Runs the worker that <paramref name="args"/> describe until SIGTERM or Ctrl+C (or <paramref name="cancellationToken"/>):
    /// then it takes no new task, finishes those it has (for at most <c>actorpool.dispose-grace</c>) and leaves the cluster.
    /// Invalid arguments are described on standard error.
    /// </summary>
    /// <param name="args">The application's arguments, the first being <see cref="Command"/>; <c>--help</c> lists the rest.</param>
    /// <param name="cancellationToken">Stops the worker as a signal does.</param>
    /// <returns>The process exit code: 0 after a clean stop, 2 for invalid arguments (a certificate that cannot serve included). A pool that cannot start throws, as <see cref="ProcessPool.StartAsync"/> does.</returns>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = new WorkerCommand();
        var parsed = command.Root.Parse(IsWorkerCommand(args) ? args[1..] : args);
        if (parsed.Errors.Count > 0 || parsed.Action is not null)
        {
            if (parsed.Action is not null)
                return await parsed.InvokeAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var error in parsed.Errors)
                await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 2;
        }
        (ClusterOptions cluster, PoolOptions pool) options;
        try
        {
            options = command.Read(parsed);
            options.cluster.Validate();
            options.cluster.EnsureCertificate();
            options.pool.Validate();
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOn(stop));
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOn(stop));
        await RunAsync(options.cluster, options.pool, stop.Token).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// Runs a worker host until <paramref name="cancellationToken"/> is cancelled: it takes no new task then, finishes those
    /// it has (for at most <c>actorpool.dispose-grace</c>), leaves the cluster and ends its pool. A host the cluster downed
    /// (it was on the losing side of a partition) joins again with a new node; its pool and children stay.
    /// </summary>
    /// <param name="cluster">How to join the cluster.</param>
    /// <param name="pool">The host's local pool (<see cref="PoolOptions.Processes"/>, <see cref="PoolOptions.ChildConcurrency"/>, ...); null for the defaults. Its <see cref="PoolOptions.Cluster"/> must be null.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static async Task RunAsync(ClusterOptions cluster, PoolOptions? pool = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        cluster.Validate();
        cluster.EnsureCertificate();
        pool ??= new PoolOptions();
        if (pool.Cluster is not null)
            throw new ArgumentException("A worker host's own pool has no Cluster of its own: the worker joins the cluster for it.", nameof(pool));
        pool = pool with { Config = pool.Config is null ? ClusterNode.OneMachineOff : ClusterNode.OneMachineOff.WithFallback(pool.Config) };
        await using var local = await ProcessPool.StartAsync(pool, cancellationToken).ConfigureAwait(false);
        var timeout = pool.TaskTimeout is { } limit && limit != Timeout.InfiniteTimeSpan ? limit : (TimeSpan?)null;
        var capacity = (int)Math.Min((long)pool.Processes * SupervisorSettings.InFlightPerChild(pool.ChildConcurrency, timeout), int.MaxValue);
        var backoff = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            // A node that keeps failing at once (a driver that refuses this host's certificate, a port still held) joins
            // again after a wait that doubles up to MaxRejoinDelay; one that was a member for a while joins again at once.
            if (backoff > TimeSpan.Zero)
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
                break;
            var lived = System.Diagnostics.Stopwatch.StartNew();
            ExtendedActorSystem node;
            try
            {
                node = ClusterNode.Start(cluster, ClusterNode.WorkerRole, pool.Config, pool.LoggerFactory);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                backoff = NextRejoinDelay(backoff, lived.Elapsed);
                local.System.Log.Warning("This worker host could not start its cluster node ({0}); it tries again in {1}", e.Message, backoff);
                continue;
            }
            var gateway = node.ActorOf(HostGatewayActor.Props(local, capacity), ClusterNode.GatewayName);
            var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var alone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(node).RegisterOnMemberRemoved(() => removed.TrySetResult());
            node.ActorOf(DriverWatchActor.Props(alone), "actorpool-drivers");
            try
            {
                await Task.WhenAny(removed.Task, alone.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                var grace = local.DisposeGrace;
                try
                {
                    await gateway.Ask(ClusterProtocol.DrainHost.Instance, grace, CancellationToken.None).ConfigureAwait(false);
                }
                catch (AskTimeoutException)
                {
                    node.Log.Warning("The worker's running tasks did not finish within {0}; it leaves without them", grace);
                }
                await ClusterNode.LeaveAsync(node, grace).ConfigureAwait(false);
                return;
            }
            if (removed.Task.IsCompleted || Akka.Cluster.Cluster.Get(node).IsTerminated)
            {
                backoff = NextRejoinDelay(backoff, lived.Elapsed);
                node.Log.Warning("This worker host was removed from the cluster; it joins again in {0}", backoff);
            }
            else
            {
                // Nothing failed: the next driver should find this host at once.
                backoff = TimeSpan.Zero;
                node.Log.Info("The last driver left the cluster; this worker host joins the seed again, for the next");
            }
            await ClusterNode.LeaveAsync(node, local.DisposeGrace).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan MaxRejoinDelay = TimeSpan.FromSeconds(30);

    private static TimeSpan NextRejoinDelay(TimeSpan last, TimeSpan lived) =>
        lived > MaxRejoinDelay ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(Math.Max(last.Ticks * 2, TimeSpan.TicksPerSecond), MaxRejoinDelay.Ticks));

    private static Action<PosixSignalContext> StopOn(CancellationTokenSource stop) => context =>
    {
        // The first signal drains: the worker ends itself once its tasks are done and it has left the cluster. A second
        // one while it drains ends the process as the signal would (its children end with it).
        if (stop.IsCancellationRequested)
            return;
        context.Cancel = true;
        stop.Cancel();
    };
}
