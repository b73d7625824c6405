using Akka.Actor;
using Akka.Event;
using ActorPool.Serialization;

namespace ActorPool.Supervision;

/// <summary>
/// Fails the tasks that reach the pool's supervisor after it has stopped (they become dead letters), so that no
/// caller waits forever on a pool that has ended; the supervisor fails those it held as it stops.
/// </summary>
internal sealed class OrphanedTaskActor : UntypedActor
{
    public const string Name = "orphaned-tasks";

    private readonly PayloadCodec _codec;

    public OrphanedTaskActor(PayloadCodec codec) => _codec = codec;

    /// <summary>An actor subscribed to the dead letters of <paramref name="system"/>.</summary>
    public static IActorRef Start(ActorSystem system, PayloadCodec codec)
    {
        var actor = ((ExtendedActorSystem)system).SystemActorOf(Akka.Actor.Props.Create(() => new OrphanedTaskActor(codec)), Name);
        system.EventStream.Subscribe(actor, typeof(DeadLetter));
        return actor;
    }

    protected override void OnReceive(object message)
    {
        if (message is not DeadLetter { Message: SupervisionProtocol.SubmitTask submit })
            return;
        _codec.ReleaseSlots(submit.Task.Call);
        submit.Task.Fail(new PoolTerminatedException("The pool's supervisor has stopped; the pool takes no more tasks (its log says why)."));
    }
}
