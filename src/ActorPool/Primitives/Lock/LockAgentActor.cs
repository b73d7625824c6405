using Akka.Actor;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Lock.LockProtocol;
using Agent = ActorPool.Primitives.Lock.LockAgentProtocol;

namespace ActorPool.Primitives.Lock;

/// <summary>
/// This process's side of one shared lock. Once it has the lock's token, acquiring and releasing here needs
/// no message; it gives the token back when the lock revokes it for another process, or when a caller waits on
/// a condition. Reentrancy (for <see cref="SharedRLock"/>) is counted here, per async flow.
/// </summary>
internal sealed class LockAgentActor : ReceiveActor
{
    private readonly IActorRef _lock;
    private readonly bool _reentrant;
    private readonly LinkedList<Agent.Acquire> _waiters = new();
    private readonly Dictionary<long, Agent.Wait> _conditionWaits = new();   // by request id
    private readonly Dictionary<long, long> _requestOfWait = new();          // caller id -> request id
    private readonly Dictionary<long, TaskCompletionSource<bool>> _calls = new();
    private long _nextRequest;
    private long? _tokenRequest;
    private bool _token;
    private bool _revoked;
    private bool _abandoned;
    private long _holder;
    private int _depth;
    private string? _lost;

    public LockAgentActor(IActorRef lockRef, bool reentrant)
    {
        _lock = lockRef;
        _reentrant = reentrant;
        Context.Watch(_lock);
        Receive<Agent.Acquire>(OnAcquire);
        Receive<Agent.Release>(OnRelease);
        Receive<Agent.Wait>(OnWait);
        Receive<Agent.Notify>(OnNotify);
        Receive<Agent.Cancel>(OnCancel);
        Receive<Replies>(OnReplies);
        Receive<RevokeToken>(_ => OnRevoke());
        Receive<Terminated>(t => Lose(t.AddressTerminated));
        Receive<ProcessGone>(g =>
        {
            if (g.Address.Equals(_lock.Path.Address))
                Lose(processGone: true);
        });
    }

    public static Props Props(IActorRef lockRef, bool reentrant) => Akka.Actor.Props.Create(() => new LockAgentActor(lockRef, reentrant));

    private void OnAcquire(Agent.Acquire acquire)
    {
        if (_lost is not null)
        {
            acquire.Completion.TrySetException(new SharedObjectLostException(_lost));
            return;
        }
        if (_reentrant && _depth > 0 && _holder == acquire.Owner)
        {
            _depth++;
            acquire.Completion.TrySetResult(false);
            return;
        }
        if (_token && _depth == 0 && _waiters.Count == 0)
        {
            Grant(acquire);
            return;
        }
        if (acquire.Immediate)
        {
            // Free only if no one here holds or waits for it and the lock itself says so: one round trip, no queue.
            if (_token || _waiters.Count > 0 || _tokenRequest is not null)
            {
                acquire.Completion.TrySetCanceled();
                return;
            }
            _waiters.AddLast(acquire);
            _tokenRequest = ++_nextRequest;
            Send(TryRequestToken.Instance, _tokenRequest.Value);
            return;
        }
        _waiters.AddLast(acquire);
        EnsureRequested();
    }

    private void Grant(Agent.Acquire acquire)
    {
        _holder = acquire.Owner;
        _depth = 1;
        acquire.Completion.TrySetResult(_abandoned);
        _abandoned = false;
    }

    private void OnRelease(Agent.Release release)
    {
        if (_depth == 0)
        {
            release.Completion.TrySetException(new SynchronizationLockException("The lock is not held in this process."));
            return;
        }
        if (_reentrant && _holder != release.Owner)
        {
            release.Completion.TrySetException(new SynchronizationLockException("The lock is held by another caller."));
            return;
        }
        if (--_depth == 0)
        {
            _holder = 0;
            PassOn();
        }
        release.Completion.TrySetResult(false);
    }

    /// <summary>The lock is free here: give it back if revoked, else to the next local waiter, else keep it.</summary>
    private void PassOn()
    {
        if (!_token || _depth > 0)
            return;
        if (_revoked)
        {
            GiveBack(ReturnToken.Instance, 0);
            if (_waiters.Count > 0)
                EnsureRequested();
        }
        else if (_waiters.Count > 0)
        {
            var next = _waiters.First!.Value;
            _waiters.RemoveFirst();
            Grant(next);
        }
    }

    private void OnRevoke()
    {
        if (!_token)
            return; // given back already
        _revoked = true;
        // In use here: say so at once, so that an immediate acquire elsewhere does not wait for the release.
        if (_depth > 0)
            Send(TokenBusy.Instance, 0);
        PassOn();
    }

    private void OnWait(Agent.Wait wait)
    {
        if (_depth == 0 || !_token)
        {
            wait.Completion.TrySetException(new SynchronizationLockException("Waiting on a condition needs its lock held in this process."));
            return;
        }
        var request = ++_nextRequest;
        _conditionWaits[request] = wait;
        _requestOfWait[wait.Id] = request;
        _depth = 0;
        _holder = 0;
        GiveBack(new WaitOn(wait.Condition), request);
        if (_waiters.Count > 0)
            EnsureRequested();
    }

    private void OnNotify(Agent.Notify notify)
    {
        if (_depth == 0)
        {
            notify.Completion.TrySetException(new SynchronizationLockException("Notifying a condition needs its lock held in this process."));
            return;
        }
        var request = ++_nextRequest;
        _calls[request] = notify.Completion;
        Send(new Notify(notify.Condition, notify.Count), request);
    }

    private void OnCancel(Agent.Cancel cancel)
    {
        var waiter = _waiters.FirstOrDefault(w => w.Id == cancel.Id);
        if (waiter is not null)
        {
            _waiters.Remove(waiter);
            waiter.Completion.TrySetCanceled();
        }
        else if (_requestOfWait.TryGetValue(cancel.Id, out var request))
        {
            Send(new Cancel(request), 0);
        }
    }

    private void OnReplies(Replies replies)
    {
        foreach (var reply in replies.Items)
        {
            if (reply.Acknowledge)
                Send(new Ack([reply.Id]), 0);
            if (reply.Id == _tokenRequest)
            {
                _tokenRequest = null;
                if (reply.Error is { } error)
                    FailAll(error);
                else if (reply.Value is LockBusy)
                    Refused();
                else
                    TokenArrived((LockGrant)reply.Value!);
            }
            else if (_conditionWaits.Remove(reply.Id, out var wait))
            {
                _requestOfWait.Remove(wait.Id);
                if (reply.Error is { } error)
                {
                    wait.Completion.TrySetException(error);
                    continue;
                }
                _token = true;
                _revoked = false;
                _holder = 0; // conditions are over a SharedLock, which has no owner to check
                _depth = 1;
                wait.Completion.TrySetResult(((LockGrant)reply.Value!).Notified);
            }
            else if (_calls.Remove(reply.Id, out var call))
            {
                if (reply.Error is { } error)
                    call.TrySetException(error);
                else
                    call.TrySetResult(true);
            }
        }
    }

    /// <summary>The lock was not free for an immediate acquire: it ends, and whoever asked for the lock since waits properly.</summary>
    private void Refused()
    {
        foreach (var immediate in _waiters.Where(w => w.Immediate).ToList())
        {
            _waiters.Remove(immediate);
            immediate.Completion.TrySetCanceled();
        }
        if (_waiters.Count > 0)
            EnsureRequested();
    }

    private void TokenArrived(LockGrant grant)
    {
        _token = true;
        _revoked = false;
        _abandoned |= grant.Abandoned;
        PassOn();
    }

    private void EnsureRequested()
    {
        if (_token || _tokenRequest is not null)
            return;
        _tokenRequest = ++_nextRequest;
        Send(RequestToken.Instance, _tokenRequest.Value);
    }

    private void GiveBack(ISharedOp op, long request)
    {
        _token = false;
        _revoked = false;
        Send(op, request);
    }

    private void Send(ISharedOp op, long request) => _lock.Tell(new Requests([new Request(request, op)]), Self);

    private void Lose(bool processGone)
    {
        _lost = SharedObjectLostException.Reason(_lock.Path, processGone);
        FailAll(new SharedObjectLostException(_lost));
        _token = false;
    }

    private void FailAll(Exception error)
    {
        foreach (var waiter in _waiters)
            waiter.Completion.TrySetException(error);
        _waiters.Clear();
        foreach (var wait in _conditionWaits.Values)
            wait.Completion.TrySetException(error);
        _conditionWaits.Clear();
        _requestOfWait.Clear();
        foreach (var call in _calls.Values)
            call.TrySetException(error);
        _calls.Clear();
    }

    protected override void PostStop()
    {
        // Leaving gracefully (the process ends its ActorSystem): a token kept for later goes back unused.
        if (_token && _depth == 0)
            _lock.Tell(new Requests([new Request(0, ReturnToken.Instance)]), Self);
    }
}
