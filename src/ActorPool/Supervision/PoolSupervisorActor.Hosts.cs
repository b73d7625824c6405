using Akka.Actor;
using Akka.Event;
using Akka.Routing;
using ActorPool.Cluster;
using static ActorPool.Cluster.ClusterProtocol;

namespace ActorPool.Supervision;

// The supervisor's handling of worker hosts, when the pool has a cluster: each is a slot with the host's capacity, whose
// one runner is the host's link; losing the link is losing the host (its tasks run again, as for a crashed child).
internal sealed partial class PoolSupervisorActor
{
    private void HostJoined(HostJoined joined)
    {
        if (!Accepting)
        {
            joined.Link.Tell(PoisonPill.Instance);
            return;
        }
        var handle = new HostHandle(++_nextChildId, joined.Pid, joined.Link);
        var slot = new ChildSlot(handle, spare: false) { IsHost = true, HostName = joined.Host, Capacity = joined.Capacity, State = ChildState.Ready };
        handle.Attach(Self, _log);
        _children.Add(slot);
        slot.Runners.Add(joined.Link);
        Context.Watch(joined.Link);
        slot.Routees.Add(joined.Link);
        _router.Tell(new AddRoutee(Routee.FromActorRef(joined.Link)));
        _registry.HostAdded(joined.Capacity);
        joined.Link.Tell(new HostAdmitted(slot.Id));
        _log.Info("Worker host {0} joined as slot {1} (process {2} there), taking up to {3} tasks at once", joined.Host, slot.Id, joined.Pid, joined.Capacity);
        Dispatch();
    }
}
