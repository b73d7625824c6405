using Akka.Actor;

namespace ActorPool.Supervision;

/// <summary>The pool's children, by id and in the order placement walks them.</summary>
internal sealed class ChildFleet
{
    private readonly Dictionary<int, ChildSlot> _byId = [];
    private readonly List<ChildSlot> _order = [];

    public int Count => _byId.Count;

    /// <summary>Every child, in the order they were added (the order placement walks).</summary>
    public IReadOnlyList<ChildSlot> All => _order;

    public void Add(ChildSlot slot)
    {
        slot.Number = LowestFreeNumber();
        _byId.Add(slot.Id, slot);
        _order.Add(slot);
    }

    public bool TryGet(int id, out ChildSlot slot) => _byId.TryGetValue(id, out slot!);

    public bool Remove(int id, out ChildSlot slot)
    {
        if (!_byId.Remove(id, out slot!))
            return false;
        _order.Remove(slot);
        return true;
    }

    /// <summary>The child that a runner was deployed into, or null.</summary>
    public ChildSlot? OwnerOf(IActorRef runner) => _order.FirstOrDefault(s => s.Runners.Contains(runner));

    // The counts are of local children: worker hosts come and go with the cluster, not with the pool's sizing.

    /// <summary>Local children that take tasks now or will once started: launching, deploying or ready, spares included.</summary>
    public int Active(bool spare) => _order.Count(s => !s.IsHost && s.Spare == spare && s.State is ChildState.Launching or ChildState.Deploying or ChildState.Ready);

    /// <summary>Local children that are starting (not ready yet).</summary>
    public int Starting(bool spare) => _order.Count(s => !s.IsHost && s.Spare == spare && s.Starting);

    /// <summary>Local children that are starting, spares or not.</summary>
    public int StartingAll => _order.Count(s => !s.IsHost && s.Starting);

    /// <summary>Non-spare local children that are ready.</summary>
    public int ReadyForTasks => _order.Count(s => !s.IsHost && s.TakesTasks);

    /// <summary>A ready spare, to take the place of a child that left; null if none.</summary>
    public ChildSlot? ReadySpare() => _order.FirstOrDefault(s => s.Spare && s.State == ChildState.Ready);

    /// <summary>A spare that is still starting; null if none.</summary>
    public ChildSlot? StartingSpare() => _order.FirstOrDefault(s => s.Spare && s.Starting);

    private int LowestFreeNumber()
    {
        var number = 0;
        while (_order.Any(s => s.Number == number))
            number++;
        return number;
    }
}
