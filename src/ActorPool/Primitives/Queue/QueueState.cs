using Akka.Actor;
using ActorPool.Primitives.Core;
using static ActorPool.Primitives.Core.SharedProtocol;
using static ActorPool.Primitives.Queue.QueueProtocol;

namespace ActorPool.Primitives.Queue;

/// <summary>
/// A FIFO queue of serialized items with optional capacity. An item handed to a getter stays here until the
/// getter's process acknowledges it, and goes back to the front if that process dies first, so that no item is
/// lost between the queue and a process that dies.
/// </summary>
internal sealed class QueueState(int capacity, bool joinable) : ISharedState
{
    private readonly LinkedList<byte[]> _items = new();
    private readonly WaiterList<byte[]> _putters = new();
    private readonly WaiterList<bool> _getters = new();
    private readonly WaiterList<bool> _readers = new();
    private readonly WaiterList<bool> _joiners = new();
    private readonly Dictionary<Caller, byte[]> _unacknowledged = new();
    private long _unfinished;

    public void Handle(Caller caller, ISharedOp op, ISharedContext context)
    {
        switch (op)
        {
            case Put put:
                OnPut(caller, put.Item, context);
                break;
            case Get:
                if (_items.Count > 0)
                    GiveFirst(caller, context);
                else
                    _getters.Add(caller, true);
                break;
            case Count:
                context.Reply(caller, _items.Count);
                break;
            case CountGetters:
                context.Reply(caller, _getters.Count);
                break;
            case WaitReadable:
                if (_items.Count > 0)
                    context.Reply(caller, true);
                else
                    _readers.Add(caller, true);
                break;
            case TaskDone when joinable:
                if (_unfinished == 0)
                {
                    context.Fail(caller, new InvalidOperationException("TaskDone was called more times than there were items."));
                    return;
                }
                _unfinished--;
                context.Reply(caller, null);
                if (_unfinished == 0)
                    ReleaseJoiners(context);
                break;
            case Join when joinable:
                if (_unfinished == 0)
                    context.Reply(caller, null);
                else
                    _joiners.Add(caller, true);
                break;
            default:
                throw new NotSupportedException($"A queue does not take {op.GetType().Name}.");
        }
    }

    private void OnPut(Caller caller, byte[] item, ISharedContext context)
    {
        if (capacity > 0 && _items.Count >= capacity)
        {
            _putters.Add(caller, item);
            return;
        }
        Accept(item, context);
        context.Reply(caller, null);
    }

    /// <summary>Takes in an item that has room: straight to a waiting getter, else to the back of the queue.</summary>
    private void Accept(byte[] item, ISharedContext context)
    {
        if (joinable)
            _unfinished++;
        _items.AddLast(item);
        if (_getters.Count > 0)
            GiveFirst(_getters.TakeFirst().Caller, context);
        else
            WakeReaders(context);
    }

    private void GiveFirst(Caller getter, ISharedContext context)
    {
        var item = _items.First!.Value;
        _items.RemoveFirst();
        _unacknowledged[getter] = item;
        context.Reply(getter, item, acknowledge: true);
        if (_putters.Count > 0)
        {
            var (putter, waiting) = _putters.TakeFirst();
            Accept(waiting, context);
            context.Reply(putter, null);
        }
    }

    private void WakeReaders(ISharedContext context)
    {
        foreach (var (reader, _) in _readers.TakeAll())
            context.Reply(reader, true);
    }

    private void ReleaseJoiners(ISharedContext context)
    {
        foreach (var (joiner, _) in _joiners.TakeAll())
            context.Reply(joiner, null);
    }

    public void Cancel(Caller caller, ISharedContext context)
    {
        if (_getters.Remove(caller) || _putters.Remove(caller) || _readers.Remove(caller) || _joiners.Remove(caller))
            context.Cancelled(caller);
    }

    public void Acknowledged(IActorRef client, IReadOnlyList<long> ids)
    {
        foreach (var id in ids)
            _unacknowledged.Remove(new Caller(client, id));
    }

    public void ClientLost(IActorRef client, ISharedContext context)
    {
        _getters.RemoveClient(client);
        _putters.RemoveClient(client);
        _readers.RemoveClient(client);
        _joiners.RemoveClient(client);
        var undelivered = _unacknowledged.Where(u => u.Key.Client.Equals(client)).OrderByDescending(u => u.Key.Id).ToList();
        foreach (var (caller, item) in undelivered)
        {
            _unacknowledged.Remove(caller);
            // Back to the front, in the order they were taken; the next getter has them first.
            _items.AddFirst(item);
        }
        foreach (var _ in undelivered)
        {
            if (_getters.Count == 0)
                break;
            GiveFirst(_getters.TakeFirst().Caller, context);
        }
        if (_items.Count > 0)
            WakeReaders(context);
    }
}
