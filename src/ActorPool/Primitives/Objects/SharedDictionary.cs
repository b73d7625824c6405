using ActorPool.Primitives.Core;
using ActorPool.Primitives.Objects;
using static ActorPool.Primitives.Objects.ObjectsProtocol;

namespace ActorPool;

/// <summary>
/// A dictionary shared by the processes of a family (aioprocessing's Manager <c>dict</c>); each operation is
/// atomic. Keys compare by their own equality in the process that created the dictionary.
/// </summary>
/// <typeparam name="TKey">The keys' type; not null.</typeparam>
/// <typeparam name="TValue">The values' type; serialized as task arguments are, so each reader gets its own copy.</typeparam>
public sealed class SharedDictionary<TKey, TValue>
    where TKey : notnull
{
    private readonly string _path;

    /// <summary>Creates an empty dictionary hosted in this process.</summary>
    public SharedDictionary() => _path = SharedHost.Instance.Host(SharedObjectActor.Props(new DictionaryState()), "dictionary");

    /// <summary>Sets the value of <paramref name="key"/>, adding or replacing it.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException">The key or value cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public Task SetAsync(TKey key, TValue value, CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(_path, new DictionarySet(EncodeKey(key), SharedPayload.Encode(value, nameof(value)), OnlyIfAbsent: false), cancellationToken);

    /// <summary>Adds <paramref name="key"/> with <paramref name="value"/> unless it is there.</summary>
    /// <returns>True when added; false when the key was there (its value is unchanged).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException">The key or value cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public async Task<bool> TryAddAsync(TKey key, TValue value, CancellationToken cancellationToken = default) =>
        (bool)(await SharedCall.InvokeAsync(_path, new DictionarySet(EncodeKey(key), SharedPayload.Encode(value, nameof(value)), OnlyIfAbsent: true), cancellationToken).ConfigureAwait(false))!;

    /// <summary>Reads the value of <paramref name="key"/>.</summary>
    /// <returns>Whether the key is there, and its value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public async Task<(bool Found, TValue Value)> TryGetAsync(TKey key, CancellationToken cancellationToken = default)
    {
        var bytes = await SharedCall.InvokeAsync(_path, new DictionaryGet(EncodeKey(key)), cancellationToken).ConfigureAwait(false);
        return bytes is null ? (false, default!) : (true, SharedPayload.Decode<TValue>(bytes));
    }

    /// <summary>Reads the value of <paramref name="key"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The key is not there.</exception>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public async Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken = default)
    {
        var (found, value) = await TryGetAsync(key, cancellationToken).ConfigureAwait(false);
        return found ? value : throw new KeyNotFoundException($"The key '{key}' is not in the shared dictionary.");
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <returns>Whether it was there.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public Task<bool> RemoveAsync(TKey key, CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<bool>(_path, new DictionaryRemove(EncodeKey(key)), cancellationToken);

    /// <summary>Whether <paramref name="key"/> is there.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public async Task<bool> ContainsKeyAsync(TKey key, CancellationToken cancellationToken = default) =>
        (await TryGetAsync(key, cancellationToken).ConfigureAwait(false)).Found;

    /// <summary>The number of entries.</summary>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync<int>(_path, CountEntries.Instance, cancellationToken);

    /// <summary>A copy of every entry, taken at one moment.</summary>
    /// <exception cref="SharedObjectLostException">The dictionary's process exited.</exception>
    public async Task<Dictionary<TKey, TValue>> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        var flat = await SharedCall.InvokeAsync<byte[][]>(_path, Snapshot.Instance, cancellationToken).ConfigureAwait(false);
        var copy = new Dictionary<TKey, TValue>(flat.Length / 2);
        for (var i = 0; i < flat.Length; i += 2)
            copy[SharedPayload.Decode<TKey>(flat[i])] = SharedPayload.Decode<TValue>(flat[i + 1]);
        return copy;
    }

    private static byte[] EncodeKey(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SharedPayload.Encode(key, nameof(key));
    }

    /// <inheritdoc />
    public override string ToString() => $"SharedDictionary({_path})";
}
