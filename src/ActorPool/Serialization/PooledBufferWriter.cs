using System.Buffers;

namespace ActorPool.Serialization;

/// <summary>
/// A growing buffer rented from <see cref="ArrayPool{T}"/>, for bytes that are copied where they go once written (inline,
/// into a shared-memory slot, or out as a message's array): the buffer goes back to the pool instead of leaving a fresh
/// array for the GC, which for small messages is one per task.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly int _poolLimit;
    private bool _pooled;
    private byte[] _buffer;
    private int _written;

    /// <param name="initialSize">The buffer's first size.</param>
    /// <param name="poolLimit">
    /// The largest buffer taken from the pool; a larger one (at the start, or once the buffer grows past it) comes from
    /// the heap, as the pool would round it up to the next power of two and keep it.
    /// </param>
    public PooledBufferWriter(int initialSize = 4096, int poolLimit = int.MaxValue)
    {
        _poolLimit = poolLimit;
        _pooled = initialSize <= poolLimit;
        _buffer = _pooled ? ArrayPool<byte>.Shared.Rent(initialSize) : new byte[initialSize];
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public int WrittenCount => _written;

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>A write-only stream that appends here, for serializers that write to a stream.</summary>
    public Stream AsStream() => new AppendStream(this);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (_pooled && buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Ensure(int sizeHint)
    {
        var needed = (long)_written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
            return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * _buffer.Length));
        var pooled = size <= _poolLimit;
        var grown = pooled ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];
        WrittenSpan.CopyTo(grown);
        if (_pooled)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
        _pooled = pooled;
    }

    private sealed class AppendStream(PooledBufferWriter owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => owner.WrittenCount;

        public override long Position
        {
            get => owner.WrittenCount;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            buffer.CopyTo(owner.GetSpan(buffer.Length));
            owner.Advance(buffer.Length);
        }

        public override void WriteByte(byte value)
        {
            owner.GetSpan(1)[0] = value;
            owner.Advance(1);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
