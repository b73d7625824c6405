using Akka.Actor;
using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Event.EventProtocol;

namespace ActorPool.Primitives.Event;

/// <summary>A flag and the callers waiting for it to be set; setting it wakes them all at once.</summary>
internal sealed class EventState : ISharedState
{
    private readonly WaiterList<bool> _waiters = new();
    private bool _set;

    public void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case Set:
                _set = true;
                foreach (var (waiter, _) in _waiters.TakeAll())
                    context.Reply(waiter, null);
                context.Reply(caller, null);
                break;
            case Clear:
                _set = false;
                context.Reply(caller, null);
                break;
            case IsSet:
                context.Reply(caller, _set);
                break;
            case Wait when _set:
                context.Reply(caller, null);
                break;
            case Wait:
                _waiters.Add(caller, true);
                break;
            default:
                throw new NotSupportedException($"An event does not take {op.GetType().Name}.");
        }
    }

    public void Cancel(Caller caller, ISharedContext context)
    {
        if (_waiters.Remove(caller))
            context.Cancelled(caller);
    }

    public void ClientLost(IActorRef client, ISharedContext context) => _waiters.RemoveClient(client);
}
