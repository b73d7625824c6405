using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace ActorPool.Cluster;

/// <summary>
/// A driver's membership of its cluster for the pool's whole life. Akka.Remote 1.5.74 runs the node's coordinated shutdown
/// when an outbound TLS handshake fails (a peer that resets the connection mid-handshake), and on a cluster node that makes
/// it leave the cluster; the split-brain resolver may down it too. Either way the node is replaced by a new one at the same
/// address, and the worker hosts, which join the seed again once no driver is left, come back to it.
/// </summary>
internal sealed class DriverNode : IAsyncDisposable
{
    private static readonly TimeSpan FirstRestartDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRestartDelay = TimeSpan.FromSeconds(30);

    private readonly ClusterOptions _options;
    private readonly Config? _config;
    private readonly ILoggerFactory? _loggers;
    private readonly IActorRef _supervisor;
    private readonly ILoggingAdapter _log;
    private readonly TimeSpan _leaveWait;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Task _keeper;
    private ActorSystem _current;

    private DriverNode(ClusterOptions options, Config? config, ILoggerFactory? loggers, IActorRef supervisor, ILoggingAdapter log, TimeSpan leaveWait)
    {
        _options = options;
        _config = config;
        _loggers = loggers;
        _supervisor = supervisor;
        _log = log;
        _leaveWait = leaveWait;
        _current = StartNode();
        _keeper = Task.Run(KeepAsync);
    }

    /// <summary>The node now (a new one after the last was shut down under the pool).</summary>
    public ActorSystem Current => Volatile.Read(ref _current);

    /// <summary>Joins the cluster for a pool whose supervisor takes the worker hosts as slots.</summary>
    /// <param name="options">How to join.</param>
    /// <param name="config">The pool's own HOCON, if any.</param>
    /// <param name="loggers">Where the node logs.</param>
    /// <param name="supervisor">The pool's supervisor.</param>
    /// <param name="log">The pool's log (a node that is replaced takes its own log with it).</param>
    /// <param name="leaveWait">How long leaving the cluster may take, when the pool ends or a node is replaced.</param>
    public static DriverNode Start(ClusterOptions options, Config? config, ILoggerFactory? loggers, IActorRef supervisor, ILoggingAdapter log, TimeSpan leaveWait) =>
        new(options, config, loggers, supervisor, log, leaveWait);

    private ActorSystem StartNode()
    {
        var node = ClusterNode.Start(_options, ClusterNode.DriverRole, _config, _loggers);
        node.ActorOf(HostDirectoryActor.Props(_supervisor), HostDirectoryActor.Name);
        return node;
    }

    private async Task KeepAsync()
    {
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                await ReplaceWhenRemovedAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The keeper must not end while the pool lives: without it, a node shut down under the pool stays down.
                _log.Error(e, "Keeping the driver's cluster node failed; it goes on");
                await Task.Delay(FirstRestartDelay, _disposed.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ReplaceWhenRemovedAsync()
    {
        var node = Current;
        var removed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(node).RegisterOnMemberRemoved(() => removed.TrySetResult());
        await removed.Task.WaitAsync(_disposed.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_disposed.IsCancellationRequested)
            return;
        _log.Error(
            "This driver's cluster node was removed from the cluster ({0}); its worker hosts take none of its tasks until they " +
            "join the new node that replaces it at the same address", CoordinatedShutdown.Get(node).ShutdownReason?.ToString() ?? "downed");
        await ClusterNode.LeaveAsync(node, _leaveWait).ConfigureAwait(false);
        var delay = FirstRestartDelay;
        while (!_disposed.IsCancellationRequested)
        {
            try
            {
                Volatile.Write(ref _current, StartNode());
                _log.Info("The driver's new cluster node listens at {0}", ((ExtendedActorSystem)Current).Provider.DefaultAddress);
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The old node's port may not be free yet; a lasting cause (the certificate gone) is retried less often.
                _log.Warning("Could not start the driver's new cluster node ({0}); trying again in {1}", e.Message, delay);
                await Task.Delay(delay, _disposed.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRestartDelay.Ticks));
            }
        }
    }

    /// <summary>Leaves the cluster (the hosts learn at once that this driver left) and ends the node.</summary>
    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync().ConfigureAwait(false);
        await _keeper.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await ClusterNode.LeaveAsync(Current, _leaveWait).ConfigureAwait(false);
        _disposed.Dispose();
    }
}
