using Akka.Actor;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Core;

/// <summary>
/// The state of a shared object that answers every call at once and lends nothing to a process (a dictionary,
/// a list, a value): a cancellation always comes after the answer, and a process's death changes nothing.
/// </summary>
internal abstract class NonWaitingState : ISharedState
{
    public abstract void Handle(Caller caller, ISharedOp op, ISharedContext context);

    public void Cancel(Caller caller, ISharedContext context)
    {
    }

    public void ClientLost(IActorRef client, ISharedContext context)
    {
    }
}
