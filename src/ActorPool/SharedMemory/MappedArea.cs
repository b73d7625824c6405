using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using System.Runtime.Serialization;

namespace ActorPool.SharedMemory;

/// <summary>Reads the bytes of one slot, in place; the span is valid only during the call.</summary>
internal delegate T SlotReader<out T>(ReadOnlySpan<byte> data);

/// <summary>
/// A shared-memory area mapped into this process: a tmpfs file holding payloads in slots. Each slot starts on a page
/// with a small header (magic, state, token, length) that tells a reader whether the handle it holds is still good.
/// Every access holds the mapping (a <see cref="SafeHandle"/> reference), so that disposing the area while a payload is
/// being read unmaps it only afterwards.
/// </summary>
internal abstract unsafe class MappedArea : IDisposable
{
    /// <summary>Bytes of a slot's header, before its payload.</summary>
    public const int HeaderSize = 64;

    /// <summary>
    /// Payloads this large are written and read through the file rather than the mapping: the kernel copies them, and
    /// their pages never count in the memory of the processes that exchange them.
    /// </summary>
    public const long LargeFrom = 4L * 1024 * 1024;

    protected const int StateFree = 0;
    protected const int StateWritten = 1;
    protected const int StateReleased = 2;

    private const uint Magic = 0x4C53_5041; // "APSL"

    private readonly FileStream _file;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;

    protected MappedArea(AreaId id, FileStream file, long capacity)
    {
        Id = id;
        Capacity = capacity;
        PageSize = Environment.SystemPageSize;
        _file = file;
        try
        {
            _map = MemoryMappedFile.CreateFromFile(file, mapName: null, capacity, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            _view = _map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
        }
        catch
        {
            _map?.Dispose();
            throw;
        }
    }

    public AreaId Id { get; }

    /// <summary>Bytes mapped.</summary>
    public long Capacity { get; }

    protected int PageSize { get; }

    protected Microsoft.Win32.SafeHandles.SafeFileHandle File => _file.SafeFileHandle;

    /// <summary>Keeps the mapping and the file open until <see cref="Unpin"/>, even if the area is disposed meanwhile; false if it already is.</summary>
    public bool TryPin()
    {
        bool view = false, file = false;
        try
        {
            _view.SafeMemoryMappedViewHandle.DangerousAddRef(ref view);
            _file.SafeFileHandle.DangerousAddRef(ref file);
            return true;
        }
        catch (ObjectDisposedException)
        {
            if (view)
                _view.SafeMemoryMappedViewHandle.DangerousRelease();
            return false;
        }
    }

    public void Unpin()
    {
        _file.SafeFileHandle.DangerousRelease();
        _view.SafeMemoryMappedViewHandle.DangerousRelease();
    }

    /// <summary>Reads the payload <paramref name="handle"/> names, in place.</summary>
    /// <exception cref="SerializationException">The handle is malformed, or its slot was freed or damaged.</exception>
    public T Read<T>(SlotHandle handle, SlotReader<T> reader)
    {
        var header = AcquireSlot(handle);
        try
        {
            if (Volatile.Read(ref State(header)) != StateWritten || !Matches(header, handle))
                throw Gone(handle);
            return reader(new ReadOnlySpan<byte>(header + HeaderSize, (int)handle.Length));
        }
        finally
        {
            ReleasePointer();
        }
    }

    /// <summary>Copies the payload <paramref name="handle"/> names into a new array (a large one through the file).</summary>
    /// <exception cref="SerializationException">The handle is malformed, or its slot was freed or damaged.</exception>
    public byte[] ReadBytes(SlotHandle handle)
    {
        if (handle.Length < LargeFrom)
            return Read(handle, static data => Wire.WireReader.ToArray(data));
        var header = AcquireSlot(handle);
        try
        {
            if (Volatile.Read(ref State(header)) != StateWritten || !Matches(header, handle))
                throw Gone(handle);
            var bytes = GC.AllocateUninitializedArray<byte>((int)handle.Length);
            if (RandomAccess.Read(_file.SafeFileHandle, bytes, handle.Offset + HeaderSize) != bytes.Length)
                throw Gone(handle);
            return bytes;
        }
        finally
        {
            ReleasePointer();
        }
    }

    /// <summary>The whole pages a slot of <paramref name="length"/> payload bytes takes.</summary>
    public long SlotSize(long length) => (HeaderSize + length + PageSize - 1) / PageSize * PageSize;

    public void Dispose()
    {
        OnDisposing();
        _view.Dispose();
        _map.Dispose();
        _file.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void OnDisposing()
    {
    }

    /// <summary>Maps the slot's header, checking the handle's bounds; release with <see cref="ReleasePointer"/>.</summary>
    protected byte* AcquireSlot(SlotHandle handle)
    {
        if (handle.Area != Id || handle.Offset < 0 || handle.Offset % PageSize != 0 || handle.Length < 0 || handle.Length > int.MaxValue
            || handle.Offset > Capacity - HeaderSize - handle.Length)
            throw new SerializationException($"A shared-memory handle is malformed (offset {handle.Offset}, length {handle.Length}).");
        return AcquireBase() + handle.Offset;
    }

    /// <summary>The start of the mapping, held until <see cref="ReleasePointer"/>.</summary>
    protected byte* AcquireBase()
    {
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        return pointer + _view.PointerOffset;
    }

    protected void ReleasePointer() => _view.SafeMemoryMappedViewHandle.ReleasePointer();

    protected static ref int State(byte* header) => ref *(int*)(header + 4);

    protected static void WriteHeader(byte* header, long token, long length)
    {
        *(uint*)header = Magic;
        *(long*)(header + 8) = token;
        *(long*)(header + 16) = length;
        Volatile.Write(ref State(header), StateWritten);
    }

    protected static bool Matches(byte* header, SlotHandle handle) =>
        *(uint*)header == Magic && *(long*)(header + 8) == handle.Token && *(long*)(header + 16) == handle.Length;

    private static SerializationException Gone(SlotHandle handle) =>
        new($"The shared-memory payload at {handle.Offset} of area {handle.Area.FileName} was freed or overwritten before it was read.");
}
