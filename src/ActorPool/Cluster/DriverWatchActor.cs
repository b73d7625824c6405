using Akka.Actor;
using Akka.Cluster;

namespace ActorPool.Cluster;

/// <summary>
/// On a worker host: tells when the last driver has left the host's cluster. Workers alone in a cluster would wait there
/// for ever, since the next driver founds a cluster of its own at the seed; so the worker then joins the seed again.
/// </summary>
internal sealed class DriverWatchActor : UntypedActor
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly HashSet<UniqueAddress> _drivers = [];
    private readonly TaskCompletionSource _alone;

    public DriverWatchActor(TaskCompletionSource alone) => _alone = alone;

    /// <param name="alone">Completed once every driver this node has seen is removed from the cluster.</param>
    public static Props Props(TaskCompletionSource alone) => Akka.Actor.Props.Create(() => new DriverWatchActor(alone));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            // A node that is shutting down (downed itself, left) hears every member removed as its last news: that is
            // its own removal, which the worker sees for itself, not the drivers'.
            case ClusterEvent.MemberRemoved when _cluster.IsTerminated:
                break;
            case ClusterEvent.MemberRemoved removed:
                if (_drivers.Remove(removed.Member.UniqueAddress) && _drivers.Count == 0)
                    _alone.TrySetResult();
                break;
            case ClusterEvent.IMemberEvent { Member: var member } when !member.HasRole(ClusterNode.WorkerRole):
                _drivers.Add(member.UniqueAddress);
                break;
            case ClusterEvent.IMemberEvent:
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
