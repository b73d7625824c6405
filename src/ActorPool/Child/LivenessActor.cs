using Akka.Actor;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Child;

/// <summary>
/// Answers the parent's liveness probes in a child. It runs on a thread of its own (a pinned dispatcher), and the probes
/// and answers travel through Akka.Remote's actors on the thread pool, where <see cref="TaskThreads"/> keeps threads for
/// them beside busy tasks: a healthy child does not look hung. A child that does not answer (stopped, deadlocked in the
/// runtime, swapping) is killed by its parent and its tasks run again elsewhere.
/// </summary>
internal sealed class LivenessActor : UntypedActor
{
    /// <summary>Its name under <c>/system</c>, where the parent finds it from the child's address.</summary>
    public const string Name = "actorpool-liveness";

    /// <summary>The dispatcher that gives it its own thread (<c>actorpool.liveness-dispatcher</c>).</summary>
    public const string DispatcherId = "actorpool.liveness-dispatcher";

    private readonly int _childId;

    public LivenessActor(int childId)
    {
        _childId = childId;
    }

    public static Props Props(int childId) => Akka.Actor.Props.Create<LivenessActor>(childId).WithDispatcher(DispatcherId);

    protected override void OnReceive(object message)
    {
        if (message is Probe)
            Sender.Tell(new ProbeAnswered(_childId));
        else
            Unhandled(message);
    }
}
