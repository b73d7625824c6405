using Akka.Actor;
using Akka.Event;
using static ActorPool.Cluster.ClusterProtocol;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Cluster;

/// <summary>
/// A driver's side of one worker host: to the pool's supervisor it is the host's one task runner (with the host's whole
/// capacity), and it carries the runner protocol to and from the host's gateway over the cluster's TLS links. When the host
/// is lost (unreachable, removed, its gateway gone) the link stops, and the supervisor runs the host's tasks elsewhere; a
/// late answer of the host has nowhere to arrive, so every result reaches its caller once.
/// </summary>
internal sealed class HostLinkActor : UntypedActor, IWithTimers, IWithUnboundedStash
{
    private static readonly TimeSpan HelloInterval = TimeSpan.FromSeconds(1);

    private readonly IActorRef _supervisor;
    private readonly Address _host;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IReadOnlyDictionary<string, Guid> _assemblies = AssemblyIdentity.OfApplication();
    private readonly CancellationTokenSource _stopped = new();
    private IActorRef? _gateway;
    private int _childId;

    public HostLinkActor(IActorRef supervisor, Address host)
    {
        _supervisor = supervisor;
        _host = host;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    /// <param name="supervisor">The pool's supervisor, in the pool's own ActorSystem.</param>
    /// <param name="host">The worker host's cluster address.</param>
    public static Props Props(IActorRef supervisor, Address host) => Akka.Actor.Props.Create(() => new HostLinkActor(supervisor, host));

    protected override void PreStart()
    {
        SayHello();
        Timers.StartPeriodicTimer(Hello.Instance, Hello.Instance, HelloInterval);
    }

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Hello: SayHello(); break;
            // Only what claims to come from the host's gateway counts. The claim is the sender's own (a member holds the
            // cluster's certificate and could forge it): this keeps out confusion, not a member bent on harm.
            case HostWelcome or HostRefused when !Sender.Path.Address.Equals(_host): Unhandled(message); break;
            case TasksFinished or ChildRetiring or ChildDrained when !Sender.Equals(_gateway): Unhandled(message); break;
            case HostWelcome welcome: Welcomed(welcome); break;
            case HostRefused refused: Refused(refused); break;
            case HostAdmitted admitted when Sender.Equals(_supervisor): _childId = admitted.ChildId; Stash.UnstashAll(); break;
            case RunTasks or CancelTask: _gateway?.Tell(message, Self); break;
            case TasksFinished: _supervisor.Tell(message, Self); break;
            // A host that is leaving says so right after its welcome, before the supervisor has given the host its slot.
            case ChildRetiring or ChildDrained when _childId == 0: Stash.Stash(); break;
            case ChildRetiring retiring: _supervisor.Tell(retiring with { ChildId = _childId }, Self); break;
            case ChildDrained: _supervisor.Tell(new ChildDrained(_childId), Self); break;
            // Ended with the link: a caller of a host that is lost gets a failure rather than no answer.
            case Invoke invoke when _gateway is not null: _gateway.Ask<object>(invoke, null, _stopped.Token).PipeTo(Sender); break;
            case Terminated: Context.Stop(Self); break;
            default: Unhandled(message); break;
        }
    }

    protected override void PostStop()
    {
        _stopped.Cancel();
        _stopped.Dispose();
    }

    private void SayHello() =>
        Context.ActorSelection(new RootActorPath(_host) / "user" / ClusterNode.GatewayName).Tell(new HostHello(_assemblies), Self);

    private void Welcomed(HostWelcome welcome)
    {
        if (_gateway is not null)
            return;
        Timers.Cancel(Hello.Instance);
        _gateway = Sender;
        Context.Watch(_gateway);
        _log.Info("Worker host {0} ({1}, process {2}) takes up to {3} tasks at once", _host, welcome.Host, welcome.Pid, welcome.Capacity);
        _supervisor.Tell(new HostJoined(Self, welcome.Capacity, welcome.Pid, welcome.Host), Self);
    }

    private void Refused(HostRefused refused)
    {
        _log.Error("Worker host {0} refused this driver: {1}", _host, refused.Reason);
        Context.Stop(Self);
    }

    private sealed class Hello
    {
        public static readonly Hello Instance = new();
    }
}
