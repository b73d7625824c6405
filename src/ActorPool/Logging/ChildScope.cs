using System.Collections;

namespace ActorPool.Logging;

/// <summary>The scope of a child's log entries in the parent: <c>ChildPid</c> and <c>ChildId</c>, as structured values.</summary>
internal sealed class ChildScope(int pid, int childId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("ChildPid", pid),
        1 => new("ChildId", childId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"child {childId}, process {pid}";
}
