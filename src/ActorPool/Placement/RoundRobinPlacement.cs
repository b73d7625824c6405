namespace ActorPool.Placement;

/// <summary>Each task to the next child with room, in turn: the default, as aiomultiprocess's scheduler does.</summary>
internal sealed class RoundRobinPlacement : ITaskPlacement
{
    private int _next;

    public PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task)
    {
        var count = children.Count;
        for (var i = 0; i < count; i++)
        {
            var child = children[(_next + i) % count];
            if (child.HasRoom)
            {
                _next = (_next + i + 1) % count;
                return child;
            }
        }
        return null;
    }
}
