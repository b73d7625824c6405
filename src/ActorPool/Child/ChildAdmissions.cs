namespace ActorPool.Child;

/// <summary>
/// The child's count of the tasks it takes, and its retirement: after MaxTasksPerChild tasks, over its memory limit,
/// or when the parent asks (lifetime, an elastic pool shrinking). A retiring child takes no new task (its runners hand
/// them back) and is drained once its last admitted task has ended. The one place a child decides either, so that
/// tasks sent through the router count exactly like tracked ones.
/// </summary>
internal sealed class ChildAdmissions(int maxTasks)
{
    private readonly object _lock = new();
    private int _admitted;
    private int _unfinished;
    private bool _retiring;
    private bool _drained;

    public bool IsRetiring
    {
        get
        {
            lock (_lock)
                return _retiring;
        }
    }

    /// <summary>Counts a task in, unless the child is retiring; the task that reaches MaxTasksPerChild retires it.</summary>
    public Admission Admit()
    {
        lock (_lock)
        {
            if (_retiring)
                return Admission.Refused;
            _unfinished++;
            if (maxTasks == 0 || ++_admitted < maxTasks)
                return Admission.Admitted;
            _retiring = true;
            return Admission.AdmittedLast;
        }
    }

    /// <summary>Starts retiring; false if the child already was. <paramref name="drained"/>: nothing runs, so the child may go now.</summary>
    public bool TryRetire(out bool drained)
    {
        lock (_lock)
        {
            drained = false;
            if (_retiring)
                return false;
            _retiring = true;
            drained = MarkDrainedIfIdle();
            return true;
        }
    }

    /// <summary>Ends an admitted task; true when it was the last task of a retiring child (reported once).</summary>
    public bool Finish()
    {
        lock (_lock)
        {
            _unfinished--;
            return MarkDrainedIfIdle();
        }
    }

    /// <summary>True while no admitted task is unfinished.</summary>
    public bool Idle
    {
        get
        {
            lock (_lock)
                return _unfinished == 0;
        }
    }

    private bool MarkDrainedIfIdle()
    {
        if (!_retiring || _unfinished > 0 || _drained)
            return false;
        _drained = true;
        return true;
    }
}

/// <summary>Whether a child takes a task.</summary>
internal enum Admission
{
    Admitted,

    /// <summary>Taken, and it is the child's last: the child now retires.</summary>
    AdmittedLast,

    Refused,
}
