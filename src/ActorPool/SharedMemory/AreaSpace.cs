namespace ActorPool.SharedMemory;

/// <summary>
/// The free space of an area, in whole pages: first fit, neighbours merged when a range comes back. Not thread-safe;
/// its area holds a lock around it. Live payloads are few (one per task in flight with a large argument or result),
/// so the free list stays short.
/// </summary>
internal sealed class AreaSpace
{
    private readonly SortedList<long, long> _free = [];

    /// <param name="capacity">Bytes in the area, a multiple of <paramref name="unit"/>.</param>
    /// <param name="unit">The granularity of every range (the page size).</param>
    public AreaSpace(long capacity, long unit)
    {
        if (unit <= 0 || capacity < unit || capacity % unit != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), "An area's capacity is a positive multiple of its unit.");
        Unit = unit;
        Capacity = capacity;
        _free.Add(0, capacity);
    }

    public long Unit { get; }

    public long Capacity { get; }

    /// <summary>Bytes not taken.</summary>
    public long FreeBytes => _free.Values.Sum();

    /// <summary>The free ranges, as (offset, size).</summary>
    public IEnumerable<(long Offset, long Size)> FreeRanges() => _free.Select(range => (range.Key, range.Value));

    /// <summary><paramref name="length"/> rounded up to whole units.</summary>
    public long RoundUp(long length) => (length + Unit - 1) / Unit * Unit;

    /// <summary>Takes the lowest free range of <paramref name="size"/> bytes (whole units); null when none is that large.</summary>
    public long? Take(long size)
    {
        if (size <= 0 || size % Unit != 0)
            throw new ArgumentOutOfRangeException(nameof(size), "A range is a positive multiple of the unit.");
        for (var i = 0; i < _free.Count; i++)
        {
            var free = _free.GetValueAtIndex(i);
            if (free < size)
                continue;
            var offset = _free.GetKeyAtIndex(i);
            _free.RemoveAt(i);
            if (free > size)
                _free.Add(offset + size, free - size);
            return offset;
        }
        return null;
    }

    /// <summary>Gives back a range <see cref="Take"/> returned.</summary>
    public void Give(long offset, long size)
    {
        var end = offset + size;
        // The range after it, if adjacent, joins it.
        var next = _free.IndexOfKey(end);
        if (next >= 0)
        {
            size += _free.GetValueAtIndex(next);
            _free.RemoveAt(next);
        }
        // So does the range before it.
        var before = Predecessor(offset);
        if (before >= 0 && _free.GetKeyAtIndex(before) + _free.GetValueAtIndex(before) == offset)
        {
            _free.SetValueAtIndex(before, _free.GetValueAtIndex(before) + size);
            return;
        }
        _free.Add(offset, size);
    }

    // The index of the last free range that starts before offset, or -1.
    private int Predecessor(long offset)
    {
        var keys = _free.Keys;
        int low = 0, high = keys.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (keys[middle] < offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found;
    }
}
