using ActorPool.Primitives.Core;
using ActorPool.Primitives.Objects;
using static ActorPool.Primitives.Objects.ObjectsProtocol;

namespace ActorPool;

/// <summary>
/// One value shared by the processes of a family (aioprocessing's Manager <c>Value</c>), with an atomic
/// <see cref="UpdateAsync"/>.
/// </summary>
/// <typeparam name="T">The value's type; serialized as task arguments are, so each reader gets its own copy.</typeparam>
public sealed class SharedValue<T>
{
    private readonly string _path;

    /// <summary>Creates a value hosted in this process.</summary>
    /// <param name="initial">The value at the start.</param>
    /// <exception cref="ArgumentException">The value cannot be serialized.</exception>
    public SharedValue(T initial) =>
        _path = SharedHost.Instance.Host(SharedObjectActor.Props(new ValueState(SharedPayload.Encode(initial, nameof(initial)))), "value");

    /// <summary>Reads the value.</summary>
    /// <exception cref="SharedObjectLostException">The value's process exited.</exception>
    public async Task<T> GetAsync(CancellationToken cancellationToken = default) => Decode(await ReadAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Replaces the value.</summary>
    /// <exception cref="ArgumentException">The value cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The value's process exited.</exception>
    public Task SetAsync(T value, CancellationToken cancellationToken = default) =>
        SharedCall.InvokeAsync(_path, new ValueSet(SharedPayload.Encode(value, nameof(value)), null), cancellationToken);

    /// <summary>
    /// Replaces the value with <paramref name="update"/> of it, atomically: if another caller changed it meanwhile,
    /// <paramref name="update"/> runs again on the newer value. It runs in this process and may run more than once.
    /// </summary>
    /// <returns>The value this call stored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="update"/> is null.</exception>
    /// <exception cref="ArgumentException">A new value cannot be serialized.</exception>
    /// <exception cref="SharedObjectLostException">The value's process exited.</exception>
    public async Task<T> UpdateAsync(Func<T, T> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var current = await ReadAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var next = update(Decode(current));
            var op = new ValueSet(SharedPayload.Encode(next, nameof(update)), current.Version);
            var result = await SharedCall.InvokeAsync<ValueSetResult>(_path, op, cancellationToken).ConfigureAwait(false);
            if (result.Applied)
                return next;
            current = result.Current;
        }
    }

    private async Task<Versioned> ReadAsync(CancellationToken cancellationToken) =>
        await SharedCall.InvokeAsync<Versioned>(_path, ValueGet.Instance, cancellationToken).ConfigureAwait(false);

    private static T Decode(Versioned versioned) => SharedPayload.Decode<T>(versioned.Value);

    /// <inheritdoc />
    public override string ToString() => $"SharedValue({_path})";
}
