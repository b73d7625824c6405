using ActorPool.Launch;
using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class RoundRobinPlacementTests
{
    private static ChildSlot Ready(int id) => new(new FakeChildHandle(id), spare: false) { State = ChildState.Ready };

    [Fact]
    public void Choose_AllWithRoom_TakesThemInTurn()
    {
        var children = new[] { Ready(1), Ready(2), Ready(3) };
        var placement = new RoundRobinPlacement();

        var chosen = Enumerable.Range(0, 6).Select(_ => placement.Choose(children, _ => true)!.Id);

        Assert.Equal([1, 2, 3, 1, 2, 3], chosen);
    }

    [Fact]
    public void Choose_SomeFull_SkipsThemAndNullWhenNoneHasRoom()
    {
        var children = new[] { Ready(1), Ready(2), Ready(3) };
        var placement = new RoundRobinPlacement();

        Assert.Equal(2, placement.Choose(children, s => s.Id == 2)!.Id);
        Assert.Equal(2, placement.Choose(children, s => s.Id == 2)!.Id);
        Assert.Null(placement.Choose(children, _ => false));
        Assert.Null(placement.Choose([], _ => true));
    }
}

/// <summary>A child handle with no process behind it.</summary>
internal sealed class FakeChildHandle(int childId) : IChildHandle
{
    public int ChildId { get; } = childId;

    public int Pid => 100_000 + ChildId;

    public bool HasExited { get; private set; }

    public bool ExitRequested { get; private set; }

    public string RecentErrorOutput => "";

    public void Attach(Akka.Actor.IActorRef owner, Akka.Event.ILoggingAdapter log)
    {
    }

    public void RequestExit() => ExitRequested = true;

    public void Kill() => HasExited = true;

    public void Dispose() => HasExited = true;
}
