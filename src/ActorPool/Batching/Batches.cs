using Akka.Actor;

namespace ActorPool.Batching;

/// <summary>
/// Items for several actors, collected while an actor handles what is in its mailbox and sent as one message per
/// target: the tasks the supervisor places on each runner, the calls a process makes on each shared object, the
/// replies a shared object makes to each client. Used by one actor only (not thread-safe).
/// </summary>
/// <typeparam name="TItem">What is collected.</typeparam>
/// <param name="wrap">Makes the one message that carries a target's items.</param>
internal sealed class Batches<TItem>(Func<List<TItem>, object> wrap)
{
    private readonly Dictionary<IActorRef, List<TItem>> _byTarget = [];

    public bool IsEmpty => _byTarget.Count == 0;

    public void Add(IActorRef target, TItem item)
    {
        if (!_byTarget.TryGetValue(target, out var items))
            _byTarget[target] = items = [];
        items.Add(item);
    }

    /// <summary>Forgets what was collected for a target that is gone.</summary>
    public void Drop(IActorRef target) => _byTarget.Remove(target);

    /// <summary>Sends what was collected for <paramref name="target"/> now, so that a message sent next follows it.</summary>
    public void SendTo(IActorRef target, IActorRef sender)
    {
        if (_byTarget.Remove(target, out var items))
            target.Tell(wrap(items), sender);
    }

    /// <summary>Sends every target what was collected for it.</summary>
    public void SendAll(IActorRef sender)
    {
        foreach (var (target, items) in _byTarget)
            target.Tell(wrap(items), sender);
        _byTarget.Clear();
    }
}
