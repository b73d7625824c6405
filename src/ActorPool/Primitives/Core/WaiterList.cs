using Akka.Actor;

namespace ActorPool.Primitives.Core;

/// <summary>Calls waiting in a shared object, first come first served, removable by call or by process.</summary>
/// <typeparam name="TData">What each waiting call brings (an item to put, a number of permits).</typeparam>
internal sealed class WaiterList<TData>
{
    private readonly LinkedList<(Caller Caller, TData Data)> _order = new();
    private readonly Dictionary<Caller, LinkedListNode<(Caller Caller, TData Data)>> _byCaller = new();

    public int Count => _order.Count;

    public void Add(Caller caller, TData data) => _byCaller[caller] = _order.AddLast((caller, data));

    public (Caller Caller, TData Data) First => _order.First!.Value;

    public (Caller Caller, TData Data) TakeFirst()
    {
        var first = _order.First!.Value;
        Remove(first.Caller);
        return first;
    }

    public bool Contains(Caller caller) => _byCaller.ContainsKey(caller);

    public bool TryRemove(Caller caller, out TData data)
    {
        if (_byCaller.Remove(caller, out var node))
        {
            _order.Remove(node);
            data = node.Value.Data;
            return true;
        }
        data = default!;
        return false;
    }

    public bool Remove(Caller caller) => TryRemove(caller, out _);

    /// <summary>Removes every call of <paramref name="client"/>'s process; returns them in order.</summary>
    public List<(Caller Caller, TData Data)> RemoveClient(IActorRef client)
    {
        var removed = _order.Where(w => w.Caller.Client.Equals(client)).ToList();
        foreach (var waiter in removed)
            Remove(waiter.Caller);
        return removed;
    }

    /// <summary>Takes every waiting call, in order.</summary>
    public List<(Caller Caller, TData Data)> TakeAll()
    {
        var all = _order.ToList();
        _order.Clear();
        _byCaller.Clear();
        return all;
    }
}
