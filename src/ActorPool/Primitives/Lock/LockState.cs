using Akka.Actor;
using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Lock.LockProtocol;

namespace ActorPool.Primitives.Lock;

/// <summary>
/// The lock itself: who has the token, who waits for it, and the waiters of its conditions. A process that
/// dies with the token gives it back, and the next grant says the lock was abandoned.
/// </summary>
internal sealed class LockState : ISharedState
{
    private readonly WaiterList<bool> _queue = new();          // data: for a condition waiter, whether notified
    private readonly HashSet<Caller> _wakes = new();           // condition waiters among _queue
    private readonly HashSet<Caller> _tries = new();           // immediate acquires among _queue
    private readonly Dictionary<string, WaiterList<bool>> _conditions = new();
    private IActorRef? _tokenAt;
    private bool _revokeSent;
    private bool _received;   // the holder's process said the token arrived
    private bool _abandoned;

    public void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case RequestToken:
                _queue.Add(caller, false);
                break;
            case TryRequestToken:
                // Free, or kept idle by the agent that had it last (it gives it back on the revocation that follows);
                // refused if others wait, or once the holder says it is in use (TokenBusy).
                if (_queue.Count > 0)
                {
                    context.Reply(caller, LockBusy.Instance);
                    break;
                }
                _queue.Add(caller, false);
                _tries.Add(caller);
                break;
            case TokenBusy:
                foreach (var trying in _tries)
                {
                    if (_queue.Remove(trying))
                        context.Reply(trying, LockBusy.Instance);
                }
                _tries.Clear();
                break;
            case ReturnToken:
                TakeBack(caller.Client);
                break;
            case WaitOn wait:
                Condition(wait.Condition).Add(caller, false);
                TakeBack(caller.Client);
                break;
            case Notify notify:
                var waiters = Condition(notify.Condition);
                for (var n = 0; waiters.Count > 0 && (notify.Count < 0 || n < notify.Count); n++)
                    Wake(waiters.TakeFirst().Caller, notified: true);
                context.Reply(caller, null);
                break;
            case CountWaiting:
                context.Reply(caller, _queue.Count);
                break;
            default:
                throw new NotSupportedException($"A lock does not take {op.GetType().Name}.");
        }
        GrantOrRevoke(context);
    }

    public void Cancel(Caller caller, ISharedContext context)
    {
        if (_wakes.Contains(caller))
            return; // already woken; it returns holding the lock, as a notified waiter
        if (_queue.Remove(caller))
        {
            _tries.Remove(caller);
            context.Cancelled(caller);
            return;
        }
        foreach (var waiters in _conditions.Values)
        {
            if (waiters.Remove(caller))
            {
                // A condition waiter that gives up still returns holding the lock.
                Wake(caller, notified: false);
                GrantOrRevoke(context);
                return;
            }
        }
    }

    public void Acknowledged(IActorRef client, IReadOnlyList<long> ids)
    {
        if (client.Equals(_tokenAt))
            _received = true;
    }

    public void ClientLost(IActorRef client, ISharedContext context)
    {
        foreach (var (caller, _) in _queue.RemoveClient(client))
        {
            _wakes.Remove(caller);
            _tries.Remove(caller);
        }
        foreach (var waiters in _conditions.Values)
            waiters.RemoveClient(client);
        if (client.Equals(_tokenAt))
        {
            // A process that died before the token reached it never held the lock.
            _abandoned = _received;
            _tokenAt = null;
            _revokeSent = false;
        }
        GrantOrRevoke(context);
    }

    private WaiterList<bool> Condition(string name)
    {
        if (!_conditions.TryGetValue(name, out var waiters))
            _conditions[name] = waiters = new WaiterList<bool>();
        return waiters;
    }

    private void Wake(Caller caller, bool notified)
    {
        _queue.Add(caller, notified);
        _wakes.Add(caller);
    }

    private void TakeBack(IActorRef client)
    {
        if (!client.Equals(_tokenAt))
            return;
        _tokenAt = null;
        _revokeSent = false;
    }

    /// <summary>Gives a free token to the first waiter, or asks its holder for it when someone waits.</summary>
    private void GrantOrRevoke(ISharedContext context)
    {
        if (_tokenAt is null && _queue.Count > 0)
        {
            var (caller, notified) = _queue.TakeFirst();
            _wakes.Remove(caller);
            _tries.Remove(caller);
            _tokenAt = caller.Client;
            _received = false;
            context.Reply(caller, new LockGrant(_abandoned, notified), acknowledge: true);
            _abandoned = false;
        }
        if (_tokenAt is not null && _queue.Count > 0 && !_revokeSent)
        {
            _revokeSent = true;
            context.Send(_tokenAt, RevokeToken.Instance);
        }
    }
}
