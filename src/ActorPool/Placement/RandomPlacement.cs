namespace ActorPool.Placement;

/// <summary>Each task to a child with room chosen at random, as Akka's random router does.</summary>
internal sealed class RandomPlacement(Random random) : ITaskPlacement
{
    public PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task)
    {
        var withRoom = 0;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].HasRoom)
                withRoom++;
        }
        if (withRoom == 0)
            return null;
        var pick = random.Next(withRoom);
        for (var i = 0; ; i++)
        {
            if (children[i].HasRoom && pick-- == 0)
                return children[i];
        }
    }
}
