using System.Collections.Immutable;

namespace ActorPool.Supervision;

/// <summary>
/// The live child pids and the worker hosts' capacity, written by the supervisor and read by the pool from any thread
/// (<see cref="ProcessPool.ChildPids"/>, a map's window).
/// </summary>
internal sealed class ChildRegistry
{
    private ImmutableSortedSet<int> _pids = [];
    private ImmutableList<int> _started = [];
    private int _hosts;
    private int _hostCapacity;

    /// <summary>Worker hosts that take this pool's tasks now.</summary>
    public int Hosts => Volatile.Read(ref _hosts);

    /// <summary>How many tasks the worker hosts hold at once, together.</summary>
    public int HostCapacity => Volatile.Read(ref _hostCapacity);

    public void HostAdded(int capacity)
    {
        Interlocked.Increment(ref _hosts);
        Interlocked.Add(ref _hostCapacity, capacity);
    }

    public void HostRemoved(int capacity)
    {
        Interlocked.Decrement(ref _hosts);
        Interlocked.Add(ref _hostCapacity, -capacity);
    }

    public IReadOnlyList<int> Pids => [.. Volatile.Read(ref _pids)];

    /// <summary>Every child pid this pool ever started, in order.</summary>
    public IReadOnlyList<int> Started => Volatile.Read(ref _started);

    public void Add(int pid)
    {
        ImmutableInterlocked.Update(ref _pids, static (set, p) => set.Add(p), pid);
        ImmutableInterlocked.Update(ref _started, static (list, p) => list.Add(p), pid);
    }

    public void Remove(int pid) => ImmutableInterlocked.Update(ref _pids, static (set, p) => set.Remove(p), pid);
}
