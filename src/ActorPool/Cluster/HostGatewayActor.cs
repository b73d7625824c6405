using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ActorPool.Batching;
using ActorPool.Execution;
using ActorPool.Serialization;
using static ActorPool.Cluster.ClusterProtocol;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Cluster;

/// <summary>
/// A worker host's door for drivers: it answers a driver's link as a child's task runner answers the supervisor
/// (<see cref="RunTasks"/> in, <see cref="TasksFinished"/> out) and runs the tasks on the host's own local pool, so that
/// the children, their supervision, recycling and kills stay on the host that owns them. Nothing is deployed here
/// from outside: a driver can only hand it calls to run.
/// </summary>
internal sealed class HostGatewayActor : UntypedActor
{
    private readonly ProcessPool _pool;
    private readonly PayloadCodec _codec;
    private readonly int _capacity;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<IActorRef> _links = [];
    private readonly Dictionary<(IActorRef Link, long TaskId), CancellationTokenSource> _running = [];
    private readonly Batches<TaskOutcome> _outcomes = new(batch => new TasksFinished([.. batch]));
    private readonly AfterMailbox _flush;
    private readonly List<IActorRef> _drainWaiters = [];
    private bool _draining;

    public HostGatewayActor(ProcessPool pool, int capacity)
    {
        _pool = pool;
        _codec = PayloadCodec.For(pool.System);
        _capacity = capacity;
        _flush = new AfterMailbox(Self, Flush.Instance);
    }

    /// <param name="pool">The host's local pool, which runs every task a driver sends.</param>
    /// <param name="capacity">How many tasks each driver may have on the host at once: its processes x their in-flight tasks (with several drivers, the surplus waits in the host's pool).</param>
    public static Props Props(ProcessPool pool, int capacity) => Akka.Actor.Props.Create(() => new HostGatewayActor(pool, capacity));

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case HostHello hello: Welcome(hello); break;
            case RunTasks run: Run(run); break;
            case CancelTask cancel: Cancel(cancel.TaskId); break;
            case Finished finished: Finish(finished); break;
            case Flush: _flush.Arrived(); _outcomes.SendAll(Self); break;
            // From a welcomed driver only (its link's ask comes from a temporary actor of the same node): an Invoke names
            // its method by token, which only a driver of the same build may do.
            case Invoke invoke when _links.Any(link => link.Path.Address.Equals(Sender.Path.Address)):
                _pool.Router.Ask<object>(invoke).PipeTo(Sender);
                break;
            case Invoke:
                Sender.Tell(new Status.Failure(new InvalidOperationException("This worker host has not welcomed the driver that sent the call.")));
                break;
            case Terminated terminated: DriverGone(terminated.ActorRef); break;
            case DrainHost: Drain(); break;
            default: Unhandled(message); break;
        }
    }

    protected override void PostStop()
    {
        foreach (var source in _running.Values)
            source.Cancel();
    }

    private void Welcome(HostHello hello)
    {
        if (Refusal(hello) is { } refusal)
        {
            _log.Warning("Refused the driver at {0}: {1}", Sender.Path.Address, refusal);
            Sender.Tell(new HostRefused(refusal));
            return;
        }
        var added = _links.Add(Sender);
        if (added)
        {
            Context.Watch(Sender);
            _log.Info("Driver {0} joined; it may run {1} tasks here at once", Sender.Path.Address, _capacity);
        }
        Sender.Tell(new HostWelcome(_capacity, Environment.ProcessId, Environment.MachineName));
        if (_draining)
        {
            Sender.Tell(new ChildRetiring(0, RetireReason.HostLeaving));
            // A link welcomed just now has nothing running here (a hello repeated for a known link must not say so).
            if (added)
                Sender.Tell(new ChildDrained(0));
        }
    }

    /// <summary>Why a driver's hello is refused; null to welcome it. Never throws: a restarted gateway would forget its drivers.</summary>
    private static string? Refusal(HostHello hello)
    {
        if (hello.Assemblies is null)
            return "the driver's hello lists no assemblies to compare.";
        try
        {
            return AssemblyIdentity.FirstMismatch(hello.Assemblies);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An unreadable file, or a name from the driver that is no file name here.
            return $"this worker could not compare its assemblies with the driver's: {e.Message}";
        }
    }

    private void Run(RunTasks run)
    {
        var link = Sender;
        var known = _links.Contains(link);
        foreach (var task in run.Tasks)
        {
            if (_draining || !known)
            {
                _outcomes.Add(link, new TaskBounced(task.TaskId));
                continue;
            }
            var source = new CancellationTokenSource();
            _running[(link, task.TaskId)] = source;
            _ = RunAsync(_pool, _codec, task, link, source.Token, Self);
        }
        if (!_outcomes.IsEmpty)
            _flush.Request();
        if (!known)
        {
            // A link this gateway never welcomed (or forgot): it runs nothing of it, so its driver takes the slot out.
            _outcomes.SendAll(Self);
            link.Tell(new ChildRetiring(0, RetireReason.HostLeaving));
            link.Tell(new ChildDrained(0));
        }
    }

    private static async Task RunAsync(ProcessPool pool, PayloadCodec codec, RunTask task, IActorRef link, CancellationToken token, IActorRef gateway)
    {
        var clock = Stopwatch.StartNew();
        TaskOutcome outcome;
        try
        {
            var result = await pool.RunEncodedAsync(task.Call, task.TraceParent, token).ConfigureAwait(false);
            outcome = new TaskSucceeded(task.TaskId, result, clock.Elapsed);
        }
        catch (ProxyException e)
        {
            outcome = new TaskFaulted(task.TaskId, e.ToError(codec), clock.Elapsed);
        }
        catch (Exception e)
        {
            // The host's own pool failed the task (its child crashed too often, the pool is ending): the driver's caller
            // gets that error as it would get a child's.
            outcome = new TaskFaulted(task.TaskId, RemoteError.From(e, Environment.ProcessId, codec), clock.Elapsed);
        }
        gateway.Tell(new Finished(link, outcome));
    }

    private void Cancel(long taskId)
    {
        if (_running.TryGetValue((Sender, taskId), out var source))
            source.Cancel();
    }

    private void Finish(Finished finished)
    {
        if (_running.Remove((finished.Link, finished.Outcome.TaskId), out var source))
            source.Dispose();
        if (_links.Contains(finished.Link))
        {
            _outcomes.Add(finished.Link, finished.Outcome);
            _flush.Request();
        }
        DrainedWhenIdle();
    }

    /// <summary>A driver left or was lost: the tasks it sent stop (their tokens are cancelled); the host stays for the next.</summary>
    private void DriverGone(IActorRef link)
    {
        if (!_links.Remove(link))
            return;
        _outcomes.Drop(link);
        var stopped = 0;
        foreach (var ((owner, _), source) in _running)
        {
            if (owner.Equals(link))
            {
                source.Cancel();
                stopped++;
            }
        }
        _log.Info("Driver {0} is gone; cancelled its {1} running tasks", link.Path.Address, stopped);
    }

    private void Drain()
    {
        _draining = true;
        _drainWaiters.Add(Sender);
        foreach (var link in _links)
            link.Tell(new ChildRetiring(0, RetireReason.HostLeaving));
        DrainedWhenIdle();
    }

    private void DrainedWhenIdle()
    {
        if (!_draining || _running.Count > 0 || _drainWaiters.Count == 0)
            return;
        _outcomes.SendAll(Self);
        foreach (var link in _links)
            link.Tell(new ChildDrained(0));
        foreach (var waiter in _drainWaiters)
            waiter.Tell(DrainHost.Instance);
        _drainWaiters.Clear();
    }

    private sealed record Finished(IActorRef Link, TaskOutcome Outcome);

    private sealed class Flush
    {
        public static readonly Flush Instance = new();
    }
}
