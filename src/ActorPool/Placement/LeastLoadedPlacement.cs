namespace ActorPool.Placement;

/// <summary>
/// Each task to the child with the fewest tasks running, the counterpart of Akka's smallest-mailbox router (a task
/// placed and not finished is in the child's mailbox or running). Ties go to the children in turn, so that sequential
/// tasks on idle children spread over them.
/// </summary>
internal sealed class LeastLoadedPlacement : ITaskPlacement
{
    private int _next;

    public PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task)
    {
        var count = children.Count;
        PlacementChild? best = null;
        var bestAt = 0;
        for (var i = 0; i < count; i++)
        {
            var at = (_next + i) % count;
            var child = children[at];
            if (child.HasRoom && (best is null || child.Running < best.Running))
                (best, bestAt) = (child, at);
        }
        if (best is not null)
            _next = (bestAt + 1) % count;
        return best;
    }
}
