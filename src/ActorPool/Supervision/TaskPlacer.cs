using System.Collections.ObjectModel;
using Akka.Event;
using ActorPool.Placement;

namespace ActorPool.Supervision;

/// <summary>
/// Asks the pool's <see cref="ITaskPlacement"/> where each queued task goes, over the children that take tasks, and
/// holds its answers to the pool's rules: only a child that takes tasks and has room is given one. A placement that
/// throws is a bug in it that must not end the pool: its task goes round-robin instead, and the first such error is logged.
/// </summary>
internal sealed class TaskPlacer
{
    private readonly ITaskPlacement _placement;
    private readonly int _capacity;
    private readonly int _maxTasksPerChild;
    private readonly ILoggingAdapter _log;
    private readonly List<PlacementChild> _eligible = [];
    private readonly ReadOnlyCollection<PlacementChild> _children;
    private readonly RoundRobinPlacement _fallback = new();
    private bool _faultLogged;

    public TaskPlacer(ITaskPlacement placement, int capacity, int maxTasksPerChild, ILoggingAdapter log)
    {
        _placement = placement;
        _capacity = capacity;
        _maxTasksPerChild = maxTasksPerChild;
        _log = log;
        _children = _eligible.AsReadOnly();
    }

    /// <summary>Takes the children that take tasks now, with their load; false when none of them has room.</summary>
    public bool Refresh(IReadOnlyList<ChildSlot> children)
    {
        _eligible.Clear();
        foreach (var slot in children)
        {
            if (!slot.TakesTasks || !slot.HasLiveRunner || slot.Unresponsive)
                continue;
            var view = slot.Placement ??= new PlacementChild(slot, slot.Capacity ?? _capacity);
            view.Refresh(HasRoom(slot));
            _eligible.Add(view);
        }
        return AnyRoom;
    }

    /// <summary>Whether a child among those of the last <see cref="Refresh"/> has room.</summary>
    public bool AnyRoom
    {
        get
        {
            foreach (var child in _eligible)
            {
                if (child.HasRoom)
                    return true;
            }
            return false;
        }
    }

    /// <summary>The child that runs <paramref name="task"/>, or null to leave it waiting.</summary>
    public ChildSlot? Choose(PendingTask task)
    {
        var request = new PlacementTask(task.Id, task.HashKey, task.Attempts + 1, task.LastChild);
        PlacementChild? chosen;
        try
        {
            chosen = _placement.Choose(_children, request);
        }
        catch (Exception e)
        {
            if (!_faultLogged)
            {
                _faultLogged = true;
                _log.Error(e, "The pool's placement ({0}) threw; its tasks go round-robin whenever it does", _placement.GetType().FullName);
            }
            chosen = _fallback.Choose(_children, request);
        }
        return chosen is { HasRoom: true, Slot: { } slot } && _eligible.Contains(chosen) ? slot : null;
    }

    /// <summary>A task was placed on <paramref name="slot"/>: its load changed.</summary>
    public void Placed(ChildSlot slot) => slot.Placement?.Refresh(HasRoom(slot));

    private bool HasRoom(ChildSlot slot) =>
        slot.Running.Count < (slot.Capacity ?? _capacity) && (_maxTasksPerChild == 0 || slot.IsHost || slot.Assigned < _maxTasksPerChild);
}
