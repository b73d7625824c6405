using Akka.Actor;
using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Semaphore.SemaphoreProtocol;

namespace ActorPool.Primitives.Semaphore;

/// <summary>
/// Permits, their waiters, and how many each process holds (acquired and not released). When a process dies,
/// the permits it held come back, and the next grants of them say they were abandoned.
/// </summary>
internal sealed class SemaphoreState(int initial, int? maximum) : ISharedState
{
    private readonly WaiterList<bool> _waiters = new();
    private readonly Dictionary<IActorRef, int> _held = new();
    private int _count = initial;
    private int _abandoned;

    public void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case Acquire:
                _waiters.Add(caller, true);
                GrantWaiting(context);
                break;
            case Release release:
                if (maximum is { } max && (long)_count + release.Count > max)
                {
                    context.Fail(caller, new SemaphoreFullException($"Releasing {release.Count} would raise the count above its maximum of {max}."));
                    return;
                }
                var before = _count;
                _count += release.Count;
                if (_held.TryGetValue(caller.Client, out var held))
                    _held[caller.Client] = Math.Max(0, held - release.Count);
                context.Reply(caller, before);
                GrantWaiting(context);
                break;
            case CurrentCount:
                context.Reply(caller, _count);
                break;
            default:
                throw new NotSupportedException($"A semaphore does not take {op.GetType().Name}.");
        }
    }

    private void GrantWaiting(ISharedContext context)
    {
        while (_count > 0 && _waiters.Count > 0)
        {
            var (caller, _) = _waiters.TakeFirst();
            _count--;
            _held[caller.Client] = _held.GetValueOrDefault(caller.Client) + 1;
            var abandoned = _abandoned > 0;
            if (abandoned)
                _abandoned--;
            context.Reply(caller, abandoned);
        }
    }

    public void Cancel(Caller caller, ISharedContext context)
    {
        if (_waiters.Remove(caller))
            context.Cancelled(caller);
    }

    public void ClientLost(IActorRef client, ISharedContext context)
    {
        _waiters.RemoveClient(client);
        if (_held.Remove(client, out var held) && held > 0)
        {
            var back = maximum is { } max ? Math.Min(held, max - _count) : held;
            _count += back;
            _abandoned += back;
            GrantWaiting(context);
        }
    }
}
