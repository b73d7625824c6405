using ActorPool.Primitives.Core;
using ActorPool.Primitives.Objects;
using static ActorPool.Primitives.Objects.ObjectsProtocol;

namespace ActorPool;

/// <summary>A list shared by the processes of a family (aioprocessing's Manager <c>list</c>); each operation is atomic.</summary>
/// <typeparam name="T">The items' type; serialized as task arguments are, so each reader gets its own copy.</typeparam>
public sealed class SharedList<T>
{
    private readonly string _path;

    /// <summary>Creates an empty list hosted in this process.</summary>
    public SharedList() => _path = SharedHost.Instance.Host(SharedObjectActor.Props(new ListState()), "list");

    /// <summary>Appends an item.</summary>
    /// <returns>The item's index.</returns>
    /// <exception cref="ArgumentException">The item cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The list's process exited.</exception>
    public async Task<int> AddAsync(T item, CancellationToken cancellationToken = default) =>
        (int)(await SharedCall.InvokeAsync(_path, new ListAdd(SharedPayload.Encode(item, nameof(item))), cancellationToken).ConfigureAwait(false))!;

    /// <summary>Reads the item at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index.</exception>
    /// <exception cref="SharedObjectLostException">The list's process exited.</exception>
    public async Task<T> GetAsync(int index, CancellationToken cancellationToken = default) =>
        SharedPayload.Decode<T>(await SharedCall.InvokeAsync(_path, new ListGet(index), cancellationToken).ConfigureAwait(false));

    /// <summary>Replaces the item at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index.</exception>
    /// <exception cref="ArgumentException">The item cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The list's process exited.</exception>
    public Task SetAsync(int index, T item, CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(_path, new ListSet(index, SharedPayload.Encode(item, nameof(item))), cancellationToken);

    /// <summary>Removes the item at <paramref name="index"/>; later items move down by one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No item has that index.</exception>
    /// <exception cref="SharedObjectLostException">The list's process exited.</exception>
    public Task RemoveAtAsync(int index, CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(_path, new ListRemoveAt(index), cancellationToken);

    /// <summary>The number of items.</summary>
    /// <exception cref="SharedObjectLostException">The list's process exited.</exception>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<int>(_path, CountEntries.Instance, cancellationToken);

    /// <summary>A copy of every item, in order, taken at one moment.</summary>
    /// <exception cref="SharedObjectLostException">The list's process exited.</exception>
    public async Task<List<T>> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var items = await SharedCall.InvokeAsync<byte[][]>(_path, Snapshot.Instance, cancellationToken).ConfigureAwait(false);
        return items.Select(SharedPayload.Decode<T>).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"SharedList({_path})";
}
