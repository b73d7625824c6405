namespace ActorPool.SharedMemory;

/// <summary>
/// Another process's area, mapped to read the payloads it wrote for this one (a pool child reads its parent's, the
/// parent each child's). A reader that is done with a result marks its slot released, and its writer takes the slot back.
/// </summary>
internal sealed unsafe class PeerArea : MappedArea
{
    private PeerArea(AreaId id, FileStream file, long capacity)
        : base(id, file, capacity)
    {
    }

    /// <summary>Maps the area <paramref name="id"/>; null when it is not there (its process is on another host, or gone).</summary>
    public static PeerArea? TryOpen(AreaDirectory directory, AreaId id)
    {
        FileStream file;
        try
        {
            file = new FileStream(directory.PathOf(id), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        try
        {
            var capacity = file.Length;
            if (capacity <= HeaderSize || capacity % Environment.SystemPageSize != 0)
            {
                file.Dispose();
                return null;
            }
            return new PeerArea(id, file, capacity);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Dispose();
            return null;
        }
    }

    /// <summary>Tells the writer its slot is free; a stale or repeated release does nothing.</summary>
    public void MarkReleased(SlotHandle handle)
    {
        var header = AcquireSlot(handle);
        try
        {
            if (!Matches(header, handle) || Volatile.Read(ref State(header)) != StateWritten)
                return;
            Interlocked.CompareExchange(ref State(header), StateReleased, StateWritten);
        }
        finally
        {
            ReleasePointer();
        }
    }
}
