using System.Buffers.Binary;
using System.Text;
using ActorPool.Serialization;

namespace ActorPool.Wire;

/// <summary>
/// Writes the compact binary form of ActorPool's own messages: varint integers, length-prefixed bytes and UTF-8 strings.
/// Dispose it once its bytes are taken: up to <see cref="PoolLimit"/> it writes into a pooled buffer.
/// </summary>
internal sealed class WireWriter : IDisposable
{
    /// <summary>
    /// The largest buffer taken from the pool: a message holds a large value rarely, and its buffer is the exact size
    /// of the value (the size hint) or grows as <see cref="System.Buffers.ArrayBufferWriter{T}"/> would, on the heap.
    /// </summary>
    public const int PoolLimit = 64 * 1024;

    private readonly PooledBufferWriter _buffer;

    public WireWriter(int sizeHint = 256)
    {
        _buffer = new PooledBufferWriter(Math.Max(16, sizeHint), PoolLimit);
    }

    public void Dispose() => _buffer.Dispose();

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>What has been written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>Bytes as they are, with no length before them.</summary>
    public void Raw(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Int(int value) => Long(value);

    /// <summary>A zig-zag varint: small values, negative ones too, take one or two bytes.</summary>
    public void Long(long value) => _buffer.Advance(WriteLong(_buffer.GetSpan(10), value));

    /// <summary>Writes <paramref name="value"/> as <see cref="Long(long)"/> does into <paramref name="span"/>; returns the bytes written.</summary>
    public static int WriteLong(Span<byte> span, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var i = 0;
        while (zigzag >= 0x80)
        {
            span[i++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        span[i++] = (byte)zigzag;
        return i;
    }

    /// <summary>The bytes <see cref="Long(long)"/> takes for <paramref name="value"/>.</summary>
    public static int SizeOfLong(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var size = 1;
        while (zigzag >= 0x80)
        {
            size++;
            zigzag >>= 7;
        }
        return size;
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void TimeSpan(TimeSpan value) => Long(value.Ticks);

    /// <summary>Length-prefixed bytes; null is written as length -1.</summary>
    public void Bytes(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull)
        {
            Long(-1);
            return;
        }
        Long(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    public void Bytes(byte[]? value) => Bytes(value, value is null);

    /// <summary>Length-prefixed UTF-8; null is written as length -1.</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Long(-1);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        Long(length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }
}
