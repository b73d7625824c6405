using System.Buffers;

namespace ActorPool.SharedMemory;

/// <summary>
/// This process's own area: the only one it writes payloads into. A file created exclusively with mode 0600 in the
/// private directory, sized once (sparse: only slots in use take memory). Each slot is reserved on the file system
/// before it is written, so a full tmpfs refuses a payload (which then travels inline) instead of faulting the process.
/// </summary>
/// <remarks>
/// A slot is freed by its owner (<see cref="Free"/>: the pool frees a task's argument once the task has its outcome,
/// as a retry may need it until then) or by its reader (a result the parent has decoded is marked released in its
/// header, and taken back here the next time this process writes).
/// </remarks>
internal sealed unsafe class OwnArea : MappedArea
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Freed pages kept for the next payloads, up to this much: writing into pages the file already has costs a third of
    // writing into new ones. Beyond it, freed pages go back to the system at once.
    private const long WarmLimit = 128L * 1024 * 1024;

    private readonly object _gate = new();
    private readonly AreaSpace _space;
    private readonly Dictionary<long, (long Size, long Token)> _live = [];
    private readonly string _path;
    private long _nextToken = Random.Shared.NextInt64(1, long.MaxValue / 2);
    private long _warm;
    private bool _disposed;

    private OwnArea(AreaId id, FileStream file, long capacity, string path)
        : base(id, file, capacity)
    {
        _space = new AreaSpace(capacity, PageSize);
        _path = path;
    }

    /// <summary>Payloads written and not freed yet.</summary>
    public int LiveSlots
    {
        get
        {
            lock (_gate)
                return _live.Count;
        }
    }

    /// <summary>Creates a new area of <paramref name="capacity"/> bytes in <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">The file cannot be created or mapped.</exception>
    public static OwnArea Create(AreaDirectory directory, long capacity)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("Shared-memory areas are for Linux.");
        var id = AreaId.NewForThisProcess();
        var path = directory.PathOf(id);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite,
            UnixCreateMode = OwnerReadWrite,
        });
        try
        {
            capacity = (capacity + Environment.SystemPageSize - 1) / Environment.SystemPageSize * Environment.SystemPageSize;
            file.SetLength(capacity);
            return new OwnArea(id, file, capacity, path);
        }
        catch
        {
            file.Dispose();
            directory.Delete(id);
            throw;
        }
    }

    /// <summary>
    /// Writes a payload of <paramref name="length"/> bytes with <paramref name="write"/>, straight into a new slot.
    /// Null when the area has no room for it, or the file system none to back it: the caller sends it inline.
    /// </summary>
    public SlotHandle? TryWrite<TState>(long length, TState state, SpanAction<byte, TState> write) => TryWriteCore(length, state, write, null);

    // Writes through the mapping with write, and also through the file at the payload's offset with writeFile.
    private SlotHandle? TryWriteCore<TState>(long length, TState state, SpanAction<byte, TState> write, Action<long, TState>? writeFile)
    {
        if (length > int.MaxValue)
            return null;
        var size = SlotSize(length);
        long offset, token;
        lock (_gate)
        {
            if (_disposed)
                return null;
            ReclaimReleased();
            if (_space.Take(size) is not { } taken)
                return null;
            offset = taken;
            token = ++_nextToken;
            _warm = Math.Max(0, _warm - size);
        }
        if (!Native.TryReserve(File, offset, size))
        {
            GiveBack(offset, size);
            return null;
        }
        var handle = new SlotHandle(Id, offset, length, token);
        byte* header;
        try
        {
            header = AcquireSlot(handle);
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
        try
        {
            Volatile.Write(ref State(header), StateFree);
            write(new Span<byte>(header + HeaderSize, (int)length), state);
            writeFile?.Invoke(offset + HeaderSize, state);
            WriteHeader(header, token, length);
        }
        catch
        {
            GiveBack(offset, size);
            throw;
        }
        finally
        {
            ReleasePointer();
        }
        lock (_gate)
            _live[offset] = (size, token);
        return handle;
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> into a new slot, as <see cref="TryWrite{TState}"/> does. A large payload is
    /// written through the file rather than the mapping, so that its pages never become part of this process's memory.
    /// </summary>
    public SlotHandle? TryWriteBytes(byte[] bytes) =>
        bytes.Length < LargeFrom
            ? TryWrite(bytes.Length, bytes, static (span, source) => source.CopyTo(span))
            : TryWriteCore(bytes.Length, (this, bytes), static (_, _) => { }, static (offset, state) => RandomAccess.Write(state.Item1.File, state.bytes, offset));

    /// <summary>Frees a slot this process wrote; a handle already freed (or not this area's) is ignored.</summary>
    public void Free(SlotHandle handle)
    {
        lock (_gate)
        {
            if (_disposed || handle.Area != Id || !_live.TryGetValue(handle.Offset, out var live) || live.Token != handle.Token)
                return;
            _live.Remove(handle.Offset);
            var start = AcquireBase();
            try
            {
                Recycle(start, handle.Offset, live.Size);
            }
            finally
            {
                ReleasePointer();
            }
        }
    }

    /// <summary>Gives every free page back to the system (an idle process keeps no warm pages).</summary>
    public void Trim()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            ReclaimReleased();
            var start = AcquireBase();
            try
            {
                foreach (var (offset, size) in _space.FreeRanges())
                    Native.Discard(start + offset, size);
            }
            finally
            {
                ReleasePointer();
            }
            _warm = 0;
        }
    }

    protected override void OnDisposing()
    {
        lock (_gate)
            _disposed = true;
        try
        {
            System.IO.File.Delete(_path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Swept by the next process that finds this one gone.
        }
    }

    // Slots whose readers marked them released come back to the free space. Called under the lock.
    private void ReclaimReleased()
    {
        if (_live.Count == 0)
            return;
        var start = AcquireBase();
        try
        {
            List<long>? released = null;
            foreach (var (offset, _) in _live)
            {
                if (Volatile.Read(ref State(start + offset)) == StateReleased)
                    (released ??= []).Add(offset);
            }
            foreach (var offset in released ?? [])
            {
                Recycle(start, offset, _live[offset].Size);
                _live.Remove(offset);
            }
        }
        finally
        {
            ReleasePointer();
        }
    }

    // A freed slot's pages stay warm while the budget lasts, else go back to the system. Called under the lock.
    private void Recycle(byte* start, long offset, long size)
    {
        Volatile.Write(ref State(start + offset), StateFree);
        if (_warm + size <= WarmLimit)
            _warm += size;
        else
            Native.Discard(start + offset, size);
        _space.Give(offset, size);
    }

    private void GiveBack(long offset, long size)
    {
        lock (_gate)
        {
            if (!_disposed)
                _space.Give(offset, size);
        }
    }
}
