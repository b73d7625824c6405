using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;

namespace ActorPool.Wire;

/// <summary>Reads what <see cref="WireWriter"/> wrote; a message that ends early or says nonsense fails with <see cref="SerializationException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public byte Byte()
    {
        if (_position >= _data.Length)
            throw Truncated();
        return _data[_position++];
    }

    /// <summary>The next byte, left unread; 0 at the end.</summary>
    public readonly byte Peek() => _position < _data.Length ? _data[_position] : (byte)0;

    /// <summary>Exactly <paramref name="length"/> bytes, in place, with no length before them.</summary>
    public ReadOnlySpan<byte> Fixed(int length) => Take(length);

    public bool Bool() => Byte() != 0;

    public int Int() => checked((int)Long());

    public long Long()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return (long)(result >> 1) ^ -(long)(result & 1);
        }
        throw new SerializationException("An ActorPool message holds a malformed number.");
    }

    public double Double()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
        return value;
    }

    public TimeSpan TimeSpan() => System.TimeSpan.FromTicks(Long());

    public byte[]? Bytes()
    {
        var length = Long();
        return length switch
        {
            -1 => null,
            < 0 => throw new SerializationException("An ActorPool message holds a negative length."),
            _ => ToArray(Take(checked((int)length))),
        };
    }

    /// <summary>Length-prefixed bytes, in place: valid as long as the data read from.</summary>
    public ReadOnlySpan<byte> BytesInPlace()
    {
        var length = Long();
        return length < 0 ? throw new SerializationException("An ActorPool message holds a negative length.") : Take(checked((int)length));
    }

    /// <summary>A copy of <paramref name="bytes"/> in a new array, which is not zeroed first.</summary>
    public static byte[] ToArray(ReadOnlySpan<byte> bytes)
    {
        var copy = GC.AllocateUninitializedArray<byte>(bytes.Length);
        bytes.CopyTo(copy);
        return copy;
    }

    public string? String()
    {
        var length = Long();
        return length switch
        {
            -1 => null,
            < 0 => throw new SerializationException("An ActorPool message holds a negative length."),
            _ => Encoding.UTF8.GetString(Take(checked((int)length))),
        };
    }

    /// <summary>A count of items to follow, checked against what is left so that a forged count cannot make a huge array.</summary>
    public int Count()
    {
        var count = Int();
        if (count < 0 || count > _data.Length - _position)
            throw new SerializationException("An ActorPool message holds an impossible count.");
        return count;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _data.Length - _position)
            throw Truncated();
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    private static SerializationException Truncated() => new("An ActorPool message ends before its last field.");
}
