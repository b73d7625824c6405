using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorPool.Cluster;

/// <summary>
/// Follows the cluster's membership for a driver: a worker host that is up (or weakly up) and reachable has a <see cref="HostLinkActor"/>;
/// one that becomes unreachable, leaves or is removed loses it (and so its place in the pool).
/// </summary>
internal sealed class HostDirectoryActor : UntypedActor
{
    /// <summary>The directory's name under <c>/user</c> of a driver's cluster system.</summary>
    public const string Name = "actorpool-hosts";

    private readonly IActorRef _supervisor;
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<UniqueAddress, IActorRef> _links = [];
    // Kept from the events themselves: Cluster.State is updated by another subscriber, maybe after this one hears of it.
    private readonly HashSet<UniqueAddress> _unreachable = [];
    private long _nextLink;

    public HostDirectoryActor(IActorRef supervisor) => _supervisor = supervisor;

    /// <param name="supervisor">The pool's supervisor, which gets each host as a slot.</param>
    public static Props Props(IActorRef supervisor) => Akka.Actor.Props.Create(() => new HostDirectoryActor(supervisor));

    /// <summary>Whether <paramref name="actor"/> is a host's link (this directory's child), even one that has stopped since.</summary>
    public static bool IsLink(IActorRef actor) => actor.Path.Elements is ["user", Name, _];

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ClusterEvent.MemberUp up: Link(up.Member); break;
            // Weakly up: the leader let it in while some member is unreachable (a host just lost, not downed yet). It is
            // reachable and takes tasks; waiting for Up would wait for the resolver to settle the other one first.
            case ClusterEvent.MemberWeaklyUp weaklyUp: Link(weaklyUp.Member); break;
            case ClusterEvent.ReachableMember reachable: Reachable(reachable.Member); break;
            case ClusterEvent.UnreachableMember unreachable: _unreachable.Add(unreachable.Member.UniqueAddress); Unlink(unreachable.Member, lost: true); break;
            case ClusterEvent.MemberRemoved removed: _unreachable.Remove(removed.Member.UniqueAddress); Unlink(removed.Member, lost: false); break;
            case ClusterEvent.IMemberEvent: break;
            case Terminated terminated: Forget(terminated.ActorRef); break;
            default: Unhandled(message); break;
        }
    }

    /// <summary>A host that was cut off answers again (the partition healed): it takes tasks again, through a new link.</summary>
    private void Reachable(Member member)
    {
        _unreachable.Remove(member.UniqueAddress);
        if (member.Status is MemberStatus.Up or MemberStatus.WeaklyUp)
            Link(member);
    }

    private void Link(Member member)
    {
        if (!member.HasRole(ClusterNode.WorkerRole) || _links.ContainsKey(member.UniqueAddress) || _unreachable.Contains(member.UniqueAddress))
            return;
        var link = Context.ActorOf(HostLinkActor.Props(_supervisor, member.Address), $"host-{++_nextLink}");
        Context.Watch(link);
        _links[member.UniqueAddress] = link;
    }

    /// <param name="member">The host.</param>
    /// <param name="lost">Unreachable (news: its running tasks run again elsewhere) rather than gone after it left.</param>
    private void Unlink(Member member, bool lost)
    {
        if (!_links.Remove(member.UniqueAddress, out var link))
            return;
        // The supervisor warns of a lost host once, in its words (with the tasks it had); this is the detail of why.
        if (lost)
            _log.Info("Worker host {0} is unreachable", member.Address);
        else
            _log.Info("Worker host {0} left the cluster", member.Address);
        Context.Unwatch(link);
        Context.Stop(link);
    }

    private void Forget(IActorRef link)
    {
        foreach (var (address, known) in _links)
        {
            if (known.Equals(link))
            {
                _links.Remove(address);
                return;
            }
        }
    }
}
