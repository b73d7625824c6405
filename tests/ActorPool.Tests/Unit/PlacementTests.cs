using Akka.Event;
using Akka.Routing;
using ActorPool.Launch;
using ActorPool.Placement;
using ActorPool.Supervision;

namespace ActorPool.Tests.Unit;

public sealed class PlacementTests
{
    private static PlacementChild Child(int number, int running = 0, int capacity = 4) => new(number, 1000 + number, running, capacity);

    private static PlacementTask Task(object? key = null) => new(1, key, 1, null);

    [Fact]
    public void RoundRobin_AllWithRoom_TakesThemInTurn_AndSkipsFullOnes()
    {
        var children = new[] { Child(0), Child(1), Child(2, running: 4) };
        var placement = TaskPlacement.RoundRobin();

        var chosen = Enumerable.Range(0, 4).Select(_ => placement.Choose(children, Task())!.Number);

        Assert.Equal([0, 1, 0, 1], chosen);
        Assert.Null(placement.Choose([Child(0, running: 4)], Task()));
        Assert.Null(placement.Choose([], Task()));
    }

    [Fact]
    public void Random_ChoosesOnlyChildrenWithRoom_AndReachesEachOfThem()
    {
        var children = new[] { Child(0), Child(1, running: 4), Child(2), Child(3) };
        var placement = TaskPlacement.Random(seed: 7);

        var chosen = Enumerable.Range(0, 200).Select(_ => placement.Choose(children, Task())!.Number).ToList();

        Assert.Equal([0, 2, 3], chosen.Distinct().Order());
        Assert.Null(placement.Choose([Child(0, running: 4)], Task()));
    }

    [Fact]
    public void LeastLoaded_TakesTheChildWithFewestRunning_TiesInTurn()
    {
        var placement = TaskPlacement.LeastLoaded();

        Assert.Equal(2, placement.Choose([Child(0, running: 3), Child(1, running: 2), Child(2, running: 1)], Task())!.Number);
        // Full children are passed over even when they would be the least loaded otherwise.
        Assert.Equal(1, placement.Choose([Child(0, running: 1, capacity: 1), Child(1, running: 3)], Task())!.Number);
        var idle = new[] { Child(0), Child(1), Child(2) };
        Assert.Equal([0, 1, 2, 0], Enumerable.Range(0, 4).Select(_ => placement.Choose(idle, Task())!.Number));
    }

    [Fact]
    public void ConsistentHashing_SameKeySameChild_KeysSpreadOverEveryChild()
    {
        var children = new[] { Child(0), Child(1), Child(2) };
        var placement = TaskPlacement.ConsistentHashing();

        var first = Enumerable.Range(0, 300).Select(k => placement.Choose(children, Task("key-" + k))!.Number).ToList();
        var again = Enumerable.Range(0, 300).Select(k => placement.Choose(children, Task("key-" + k))!.Number).ToList();

        Assert.Equal(first, again);
        Assert.Equal([0, 1, 2], first.Distinct().Order());
        // Keys of other types: numbers by their invariant text, others by value equality.
        Assert.Equal(placement.Choose(children, Task(42))!.Number, placement.Choose(children, Task(42))!.Number);
        Assert.Equal(placement.Choose(children, Task(new Key("a", 1)))!.Number, placement.Choose(children, Task(new Key("a", 1)))!.Number);
    }

    [Fact]
    public void ConsistentHashing_ChildLeaves_OnlyItsKeysMove_AndComeBackWithItsNumber()
    {
        var all = new[] { Child(0), Child(1), Child(2) };
        var placement = TaskPlacement.ConsistentHashing();
        var keys = Enumerable.Range(0, 300).Select(k => "key-" + k).ToList();
        var before = keys.ToDictionary(k => k, k => placement.Choose(all, Task(k))!.Number);

        var withoutOne = new[] { all[0], all[2] };
        var during = keys.ToDictionary(k => k, k => placement.Choose(withoutOne, Task(k))!.Number);
        var replaced = new[] { all[0], all[2], Child(1) };
        var after = keys.ToDictionary(k => k, k => placement.Choose(replaced, Task(k))!.Number);

        Assert.All(keys.Where(k => before[k] != 1), k => Assert.Equal(before[k], during[k]));
        Assert.All(keys.Where(k => before[k] == 1), k => Assert.NotEqual(1, during[k]));
        Assert.Equal(before, after);
    }

    [Fact]
    public void ConsistentHashing_KeysChildFull_ReturnsItAnyway_SoTheTaskWaitsForIt_WithoutKeyRoundRobin()
    {
        var placement = TaskPlacement.ConsistentHashing();
        var free = new[] { Child(0), Child(1) };
        var key = Enumerable.Range(0, 100).Select(k => "key-" + k).First(k => placement.Choose(free, Task(k))!.Number == 0);

        Assert.False(placement.Choose([Child(0, running: 4), Child(1)], Task(key))!.HasRoom);
        Assert.Equal([0, 1, 0], Enumerable.Range(0, 3).Select(_ => placement.Choose(free, Task())!.Number));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskPlacement.ConsistentHashing(0));
    }

    [Fact]
    public void ForRouter_RoutersThatSendToOneRoutee_HaveAPlacement_OthersAreRefusedWithAReason()
    {
        Assert.IsType<RoundRobinPlacement>(TaskPlacement.ForRouter(new RoundRobinPool(1)));
        Assert.IsType<RandomPlacement>(TaskPlacement.ForRouter(new RandomPool(1)));
        Assert.IsType<LeastLoadedPlacement>(TaskPlacement.ForRouter(new SmallestMailboxPool(1)));
        Assert.IsType<ConsistentHashPlacement>(TaskPlacement.ForRouter(new ConsistentHashingPool(1)));
        Assert.Null(TaskPlacement.ForRouter(new BroadcastPool(1)));
        Assert.Null(TaskPlacement.ForRouter(new ScatterGatherFirstCompletedPool(1)));
        Assert.Contains("BroadcastPool", TaskPlacement.Refusal(new BroadcastPool(1)));
    }

    [Fact]
    public void Placer_OffersOnlyChildrenThatTakeTasks_AndHoldsThePlacementToTheirRoom()
    {
        var ready = Slot(1, ChildState.Ready);
        var full = Slot(2, ChildState.Ready);
        full.Running.Add(10);
        var starting = Slot(3, ChildState.Launching);
        var seen = new List<int>();
        var placer = new TaskPlacer(new Recording(seen, pick: children => children.First(c => c.Pid == full.Handle.Pid)), capacity: 1, maxTasksPerChild: 0, NoLogger.Instance);

        Assert.True(placer.Refresh([ready, full, starting]));
        Assert.Null(placer.Choose(NewTask()));
        Assert.Equal([ready.Handle.Pid, full.Handle.Pid], seen);
    }

    [Fact]
    public void Placer_MaxTasksPerChildReached_NoRoom()
    {
        var slot = Slot(1, ChildState.Ready);
        var placer = new TaskPlacer(TaskPlacement.RoundRobin(), capacity: 4, maxTasksPerChild: 2, NoLogger.Instance);
        placer.Refresh([slot]);

        Assert.Same(slot, placer.Choose(NewTask()));
        slot.Assigned = 2;
        placer.Placed(slot);

        Assert.False(placer.AnyRoom);
        Assert.Null(placer.Choose(NewTask()));
    }

    [Fact]
    public void Placer_PlacementThrows_TaskGoesRoundRobin()
    {
        var slots = new[] { Slot(1, ChildState.Ready), Slot(2, ChildState.Ready) };
        var placer = new TaskPlacer(new Recording([], pick: _ => throw new InvalidOperationException("a bug")), capacity: 4, maxTasksPerChild: 0, NoLogger.Instance);
        placer.Refresh(slots);

        Assert.Equal([slots[0], slots[1]], new[] { placer.Choose(NewTask()), placer.Choose(NewTask()) });
    }

    private static ChildSlot Slot(int id, ChildState state) => new(new FakeChildHandle(id), spare: false) { State = state, Number = id - 1 };

    private static PendingTask NewTask() => new(1, [], new TaskCompletionSource<byte[]>());

    private sealed record Key(string Name, int Version);

    private sealed class Recording(List<int> seen, Func<IReadOnlyList<PlacementChild>, PlacementChild?> pick) : ITaskPlacement
    {
        public PlacementChild? Choose(IReadOnlyList<PlacementChild> children, PlacementTask task)
        {
            seen.AddRange(children.Select(c => c.Pid));
            return pick(children);
        }
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
