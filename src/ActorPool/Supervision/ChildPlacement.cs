namespace ActorPool.Supervision;

/// <summary>Chooses the child that runs a task, among those with room for one.</summary>
internal interface IChildPlacement
{
    /// <summary>One of <paramref name="children"/> for which <paramref name="hasRoom"/> holds, or null when none has room.</summary>
    ChildSlot? Choose(IReadOnlyList<ChildSlot> children, Func<ChildSlot, bool> hasRoom);
}

/// <summary>Round-robin over the children with room, the default, as aiomultiprocess's scheduler does.</summary>
internal sealed class RoundRobinPlacement : IChildPlacement
{
    private int _next;

    public ChildSlot? Choose(IReadOnlyList<ChildSlot> children, Func<ChildSlot, bool> hasRoom)
    {
        // Runs once per task placed: walks the kept list instead of copying it each time.
        var count = children.Count;
        for (var i = 0; i < count; i++)
        {
            var slot = children[(_next + i) % count];
            if (hasRoom(slot))
            {
                _next = (_next + i + 1) % count;
                return slot;
            }
        }
        return null;
    }
}
