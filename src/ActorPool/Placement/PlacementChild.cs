using ActorPool.Supervision;

namespace ActorPool;

/// <summary>A child as an <see cref="ITaskPlacement"/> sees it: which one it is, and its load when the placement is asked.</summary>
/// <remarks>The public constructor is for testing a placement without processes; the pool makes its own.</remarks>
public sealed class PlacementChild
{
    /// <summary>A child with the given figures, for tests of an <see cref="ITaskPlacement"/>.</summary>
    /// <param name="number">See <see cref="Number"/>.</param>
    /// <param name="pid">See <see cref="Pid"/>.</param>
    /// <param name="running">See <see cref="Running"/>.</param>
    /// <param name="capacity">See <see cref="Capacity"/>; at least 1.</param>
    /// <param name="tasksAssigned">See <see cref="TasksAssigned"/>.</param>
    /// <param name="hasRoom">See <see cref="HasRoom"/>; null for <c>running &lt; capacity</c>.</param>
    public PlacementChild(int number, int pid, int running, int capacity, int tasksAssigned = 0, bool? hasRoom = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        ArgumentOutOfRangeException.ThrowIfNegative(running);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tasksAssigned);
        Number = number;
        Pid = pid;
        Running = running;
        Capacity = capacity;
        TasksAssigned = tasksAssigned;
        HasRoom = hasRoom ?? running < capacity;
    }

    internal PlacementChild(ChildSlot slot, int capacity)
    {
        Slot = slot;
        Pid = slot.Handle.Pid;
        Capacity = capacity;
    }

    /// <summary>
    /// The child's number: the lowest no other live child had when it started, so the children of a pool of N are
    /// numbered 0 to N-1 and a child that replaces another takes its number. Stable keys for a hash ring.
    /// </summary>
    public int Number { get; private set; }

    /// <summary>The child's process id.</summary>
    public int Pid { get; }

    /// <summary>Tasks placed on the child that have not finished.</summary>
    public int Running { get; private set; }

    /// <summary>The most tasks the child holds at once: its ChildConcurrency, and as many again waiting in it unless a TaskTimeout is set.</summary>
    public int Capacity { get; }

    /// <summary>Tasks placed on the child since it started (what <see cref="PoolOptions.MaxTasksPerChild"/> counts).</summary>
    public int TasksAssigned { get; private set; }

    /// <summary>Whether the child takes another task now: below its capacity and its <see cref="PoolOptions.MaxTasksPerChild"/>.</summary>
    public bool HasRoom { get; private set; }

    /// <summary>The supervisor's record behind this view; null for one made by a test.</summary>
    internal ChildSlot? Slot { get; }

    /// <summary>Takes the child's figures from its record, before the placement is asked.</summary>
    internal void Refresh(bool hasRoom)
    {
        Number = Slot!.Number;
        Running = Slot.Running.Count;
        TasksAssigned = Slot.Assigned;
        HasRoom = hasRoom;
    }

    /// <inheritdoc/>
    public override string ToString() => $"child {Number} (pid {Pid}): {Running}/{Capacity} running";
}
