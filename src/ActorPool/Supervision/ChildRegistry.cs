using System.Collections.Immutable;

namespace ActorPool.Supervision;

/// <summary>The live child pids, written by the supervisor and read by <see cref="ProcessPool.ChildPids"/> from any thread.</summary>
internal sealed class ChildRegistry
{
    private ImmutableSortedSet<int> _pids = [];
    private ImmutableList<int> _started = [];

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
