namespace ActorPool.Supervision;

/// <summary>
/// Every tracked task the supervisor has not answered yet, and the queue of those waiting for a child. A task is in
/// the book from its submission until its outcome; while queued it also has a place in the queue. What a task holds
/// until its outcome (its call's shared-memory slots) is let go by <c>forgotten</c> as it leaves the book.
/// </summary>
internal sealed class TaskBook(Action<PendingTask>? forgotten = null)
{
    private readonly Dictionary<long, PendingTask> _tasks = [];
    private readonly LinkedList<PendingTask> _queue = new();

    /// <summary>Tasks not answered yet, queued or running.</summary>
    public int Count => _tasks.Count;

    /// <summary>Tasks waiting for a child.</summary>
    public int Queued => _queue.Count;

    public bool TryGet(long id, out PendingTask task) => _tasks.TryGetValue(id, out task!);

    /// <summary>Books a new task at the end of the queue.</summary>
    public void Add(PendingTask task)
    {
        _tasks.Add(task.Id, task);
        task.QueueNode = _queue.AddLast(task);
    }

    /// <summary>Puts a task (new, or back from a child that could not finish it) at the front of the queue.</summary>
    public void Requeue(PendingTask task)
    {
        _tasks.TryAdd(task.Id, task);
        task.ChildId = null;
        task.Runner = null;
        task.QueueNode ??= _queue.AddFirst(task);
    }

    /// <summary>The first queued task, or null; the queue goes on with <c>Next</c> of its node.</summary>
    public LinkedListNode<PendingTask>? FirstQueued => _queue.First;

    /// <summary>Takes a queued task off the queue, wherever it is in it; it stays booked.</summary>
    public void Dequeue(PendingTask task)
    {
        _queue.Remove(task.QueueNode!);
        task.QueueNode = null;
    }

    /// <summary>Forgets a task, queued or not; false if it was not booked.</summary>
    public bool Remove(long id, out PendingTask task)
    {
        if (!_tasks.Remove(id, out task!))
            return false;
        if (task.QueueNode is { } node)
        {
            _queue.Remove(node);
            task.QueueNode = null;
        }
        forgotten?.Invoke(task);
        return true;
    }

    /// <summary>Forgets every task and returns them.</summary>
    public List<PendingTask> RemoveAll()
    {
        var all = _tasks.Values.ToList();
        _tasks.Clear();
        _queue.Clear();
        foreach (var task in all)
        {
            task.QueueNode = null;
            forgotten?.Invoke(task);
        }
        return all;
    }
}
