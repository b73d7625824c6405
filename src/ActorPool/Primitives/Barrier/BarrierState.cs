using Akka.Actor;
using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Barrier.BarrierProtocol;
using static ActorPool.Primitives.Core.SharedProtocol;

namespace ActorPool.Primitives.Barrier;

/// <summary>
/// Parties waiting for the rest of their round. A party that leaves mid-round (cancelled, timed out, or its
/// process died) breaks the barrier for everyone in it, so that nobody waits for a party that will not come.
/// </summary>
internal sealed class BarrierState(int parties) : ISharedState
{
    private readonly WaiterList<int> _arrived = new();
    private bool _broken;

    public void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case SignalAndWait when _broken:
                context.Fail(caller, Broken());
                break;
            case SignalAndWait:
                _arrived.Add(caller, _arrived.Count);
                if (_arrived.Count == parties)
                {
                    foreach (var (party, index) in _arrived.TakeAll())
                        context.Reply(party, index);
                }
                break;
            case Abort:
                Break(context);
                context.Reply(caller, null);
                break;
            case Reset:
                Break(context);
                _broken = false;
                context.Reply(caller, null);
                break;
            case CountWaiting:
                context.Reply(caller, _arrived.Count);
                break;
            case IsBroken:
                context.Reply(caller, _broken);
                break;
            default:
                throw new NotSupportedException($"A barrier does not take {op.GetType().Name}.");
        }
    }

    public void Cancel(Caller caller, ISharedContext context)
    {
        if (!_arrived.Remove(caller))
            return;
        context.Cancelled(caller);
        Break(context);
    }

    public void ClientLost(IActorRef client, ISharedContext context)
    {
        if (_arrived.RemoveClient(client).Count > 0)
            Break(context);
    }

    private void Break(ISharedContext context)
    {
        _broken = true;
        foreach (var (party, _) in _arrived.TakeAll())
            context.Fail(party, Broken());
    }

    private static SharedBarrierBrokenException Broken() =>
        new("The barrier is broken: a party left, timed out or died while others waited, or it was aborted or reset.");
}
