using System.Buffers;
using System.Runtime.Serialization;
using ActorPool.SharedMemory;

namespace ActorPool.Serialization;

/// <summary>
/// Writing one payload: its Hyperion instance, and the area its large values go to (made on the first one; none: all
/// inline).
/// </summary>
internal sealed class PayloadWriteScope(Func<Hyperion.Serializer> hyperion, PayloadAreas? areas, long threshold)
{
    private List<SlotHandle>? _slots;
    private OwnArea? _area;
    private bool _noArea = areas is null;

    public Hyperion.Serializer Hyperion => hyperion();

    /// <summary>Whether a value of <paramref name="length"/> bytes goes to a slot rather than inline.</summary>
    public bool WouldShare(long length) => !_noArea && length >= threshold;

    /// <summary>The slots written, in the order of their indexes in the payload.</summary>
    public IReadOnlyList<SlotHandle> Slots => _slots ?? (IReadOnlyList<SlotHandle>)[];

    /// <summary>Bytes written to slots.</summary>
    public long SlotBytes { get; private set; }

    /// <summary>Writes <paramref name="length"/> bytes into a new slot; returns its index, or -1 to write the value inline.</summary>
    public int TryPlace<TState>(long length, TState state, SpanAction<byte, TState> write)
    {
        if (!WouldShare(length) || Area()?.TryWrite(length, state, write) is not { } handle)
            return -1;
        (_slots ??= []).Add(handle);
        SlotBytes += length;
        return _slots.Count - 1;
    }

    /// <summary>Writes <paramref name="bytes"/> into a new slot; returns its index, or -1 to write them inline.</summary>
    public int TryPlace(byte[] bytes)
    {
        if (!WouldShare(bytes.Length) || Area()?.TryWriteBytes(bytes) is not { } handle)
            return -1;
        (_slots ??= []).Add(handle);
        SlotBytes += bytes.Length;
        return _slots.Count - 1;
    }

    /// <summary>Frees what was written, when the payload will not be sent after all.</summary>
    public void FreeAll()
    {
        foreach (var slot in Slots)
            _area!.Free(slot);
    }

    private OwnArea? Area()
    {
        _area ??= areas!.Own();
        _noArea = _area is null;
        return _area;
    }
}

/// <summary>Reading one payload: its Hyperion instance, and the slots its large values lie in.</summary>
internal sealed class PayloadReadScope(Func<Hyperion.Serializer> hyperion, PayloadAreas? areas, SlotHandle[] slots)
{
    public Hyperion.Serializer Hyperion => hyperion();

    /// <summary>A scope for a value inside a slot, which refers to no further slot.</summary>
    public PayloadReadScope Inner() => slots.Length == 0 ? this : new PayloadReadScope(hyperion, areas, []);

    public T ReadSlot<T>(int index, SlotReader<T> reader) => Area(index, out var slot).Read(slot, reader);

    /// <summary>A copy of the slot's bytes.</summary>
    public byte[] ReadSlotBytes(int index) => Area(index, out var slot).ReadBytes(slot);

    private MappedArea Area(int index, out SlotHandle slot)
    {
        if ((uint)index >= (uint)slots.Length)
            throw new SerializationException($"A payload refers to shared-memory slot {index} of {slots.Length}.");
        slot = slots[index];
        return areas?.Find(slot.Area)
            ?? throw new SerializationException($"A payload lies in shared-memory area {slot.Area.FileName}, which this process cannot map.");
    }
}
