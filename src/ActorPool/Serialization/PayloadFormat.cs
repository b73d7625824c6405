using System.Runtime.Serialization;
using System.Text;
using ActorPool.Functions;
using ActorPool.Wire;

namespace ActorPool.Serialization;

/// <summary>
/// The layout of a value: a tag, then the value. Task calls, primitives, strings and byte arrays have a layout of
/// their own, written and read without reflection; the shapes of <see cref="PackedShapes"/> travel with MemoryPack
/// (tag <see cref="Packed"/>); anything else is a Hyperion graph (tag <see cref="Graph"/>), with the codec's deny list.
/// A value at least as large as the scope's threshold is written into a shared-memory slot and only its index is
/// written here (tags <see cref="SlotBytes"/>, <see cref="SlotString"/>, <see cref="SlotValue"/>).
/// </summary>
internal static class PayloadFormat
{
    private const byte Graph = 1;
    private const byte Call = 2;
    private const byte Null = 3;
    private const byte Boolean = 4;
    private const byte Int32 = 5;
    private const byte Int64 = 6;
    private const byte Double = 7;
    private const byte String = 8;
    private const byte ByteArray = 9;
    private const byte Single = 10;
    private const byte Int16 = 11;
    private const byte Byte = 12;
    private const byte Char = 13;
    private const byte Decimal = 14;
    private const byte Guid = 15;
    private const byte DateTime = 16;
    private const byte TimeSpan = 17;
    private const byte DateTimeOffset = 18;
    private const byte UInt32 = 19;
    private const byte UInt64 = 20;
    private const byte UInt16 = 21;
    private const byte SByte = 22;
    private const byte Packed = 23;
    private const byte SlotBytes = 24;
    private const byte SlotString = 25;
    private const byte SlotValue = 26;

    public static void Write(WireWriter writer, object? value, PayloadWriteScope scope)
    {
        switch (value)
        {
            case null: writer.Byte(Null); break;
            case TaskCall call:
                writer.Byte(Call);
                writer.String(call.Method.DeclaringType);
                writer.Int(call.Method.MetadataToken);
                writer.Int(call.Method.GenericArguments.Length);
                foreach (var argument in call.Method.GenericArguments)
                    writer.String(argument);
                Write(writer, call.Target, scope);
                writer.Int(call.Args.Length);
                foreach (var argument in call.Args)
                    Write(writer, argument, scope);
                break;
            case bool b: writer.Byte(Boolean); writer.Bool(b); break;
            case int i: writer.Byte(Int32); writer.Int(i); break;
            case long l: writer.Byte(Int64); writer.Long(l); break;
            case double d: writer.Byte(Double); writer.Double(d); break;
            case string s: WriteString(writer, s, scope); break;
            case byte[] bytes: WriteBytes(writer, bytes, scope); break;
            case float f: writer.Byte(Single); writer.Double(f); break;
            case short s: writer.Byte(Int16); writer.Int(s); break;
            case byte b: writer.Byte(Byte); writer.Byte(b); break;
            case char c: writer.Byte(Char); writer.Int(c); break;
            case decimal m:
                writer.Byte(Decimal);
                foreach (var part in decimal.GetBits(m))
                    writer.Int(part);
                break;
            case System.Guid g: writer.Byte(Guid); writer.Bytes(g.ToByteArray()); break;
            case System.DateTime t: writer.Byte(DateTime); writer.Long(t.ToBinary()); break;
            case System.TimeSpan t: writer.Byte(TimeSpan); writer.TimeSpan(t); break;
            case System.DateTimeOffset t: writer.Byte(DateTimeOffset); writer.Long(t.Ticks); writer.Long(t.Offset.Ticks); break;
            case uint u: writer.Byte(UInt32); writer.Long(u); break;
            case ulong u: writer.Byte(UInt64); writer.Long(unchecked((long)u)); break;
            case ushort u: writer.Byte(UInt16); writer.Int(u); break;
            case sbyte s: writer.Byte(SByte); writer.Int(s); break;
            default: WriteObject(writer, value, scope); break;
        }
    }

    public static object? Read(ref WireReader reader, PayloadReadScope scope)
    {
        var tag = reader.Byte();
        switch (tag)
        {
            case Null: return null;
            case Call:
            {
                var declaringType = reader.String() ?? throw Malformed();
                var token = reader.Int();
                var generic = new string[reader.Count()];
                for (var i = 0; i < generic.Length; i++)
                    generic[i] = reader.String() ?? throw Malformed();
                var target = Read(ref reader, scope);
                var args = new object?[reader.Count()];
                for (var i = 0; i < args.Length; i++)
                    args[i] = Read(ref reader, scope);
                return new TaskCall(new MethodRef(declaringType, token, generic), target, args);
            }
            case Boolean: return reader.Bool();
            case Int32: return reader.Int();
            case Int64: return reader.Long();
            case Double: return reader.Double();
            case String: return reader.String();
            case ByteArray: return reader.Bytes();
            case Single: return (float)reader.Double();
            case Int16: return checked((short)reader.Int());
            case Byte: return reader.Byte();
            case Char: return checked((char)reader.Int());
            case Decimal: return new decimal([reader.Int(), reader.Int(), reader.Int(), reader.Int()]);
            case Guid: return new System.Guid(reader.Bytes() ?? throw Malformed());
            case DateTime: return System.DateTime.FromBinary(reader.Long());
            case TimeSpan: return reader.TimeSpan();
            case DateTimeOffset: return new System.DateTimeOffset(reader.Long(), System.TimeSpan.FromTicks(reader.Long()));
            case UInt32: return checked((uint)reader.Long());
            case UInt64: return unchecked((ulong)reader.Long());
            case UInt16: return checked((ushort)reader.Int());
            case SByte: return checked((sbyte)reader.Int());
            case Graph: return ReadGraph(reader.BytesInPlace(), scope);
            case Packed: return ReadPacked(ref reader);
            case SlotBytes: return scope.ReadSlotBytes(reader.Int());
            case SlotString: return scope.ReadSlot(reader.Int(), static data => Encoding.UTF8.GetString(data));
            case SlotValue:
            {
                var inner = scope.Inner();
                return scope.ReadSlot(reader.Int(), data =>
                {
                    var slotReader = new WireReader(data);
                    return Read(ref slotReader, inner);
                });
            }
            default:
                throw new SerializationException($"Unknown payload tag {tag}.");
        }
    }

    private static void WriteString(WireWriter writer, string value, PayloadWriteScope scope)
    {
        if (scope.WouldShare(3L * value.Length) && Encoding.UTF8.GetByteCount(value) is var length && scope.WouldShare(length)
            && scope.TryPlace(length, value, static (span, s) => Encoding.UTF8.GetBytes(s, span)) is var slot and >= 0)
        {
            writer.Byte(SlotString);
            writer.Int(slot);
            return;
        }
        writer.Byte(String);
        writer.String(value);
    }

    private static void WriteBytes(WireWriter writer, byte[] value, PayloadWriteScope scope)
    {
        if (scope.TryPlace(value) is var slot and >= 0)
        {
            writer.Byte(SlotBytes);
            writer.Int(slot);
            return;
        }
        writer.Byte(ByteArray);
        writer.Bytes(value);
    }

    // A packed shape or a Hyperion graph: written to a pooled buffer first, as its size is known only then.
    private static void WriteObject(WireWriter writer, object value, PayloadWriteScope scope)
    {
        var descriptor = PackedShapes.DescriptorFor(value);
        using var buffer = new PooledBufferWriter();
        if (descriptor is not null)
            PackedShapes.Serialize(value, buffer);
        else
            scope.Hyperion.Serialize(value, buffer.AsStream());
        var tag = descriptor is null ? Graph : Packed;
        descriptor ??= [];
        var length = 1 + descriptor.Length + WireWriter.SizeOfLong(buffer.WrittenCount) + buffer.WrittenCount;
        if (scope.WouldShare(length) && scope.TryPlace(length, (tag, descriptor, buffer), static (span, parts) =>
            {
                span[0] = parts.tag;
                parts.descriptor.CopyTo(span[1..]);
                var at = 1 + parts.descriptor.Length;
                at += WireWriter.WriteLong(span[at..], parts.buffer.WrittenCount);
                parts.buffer.WrittenSpan.CopyTo(span[at..]);
            }) is var slot and >= 0)
        {
            writer.Byte(SlotValue);
            writer.Int(slot);
            return;
        }
        writer.Byte(tag);
        writer.Raw(descriptor);
        writer.Bytes(buffer.WrittenSpan);
    }

    private static object? ReadPacked(ref WireReader reader)
    {
        var type = PackedShapes.ReadDescriptor(ref reader);
        return PackedShapes.Deserialize(type, reader.BytesInPlace());
    }

    private static object? ReadGraph(ReadOnlySpan<byte> bytes, PayloadReadScope scope)
    {
        using var stream = new MemoryStream(WireReader.ToArray(bytes), writable: false);
        return scope.Hyperion.Deserialize<object?>(stream);
    }

    private static SerializationException Malformed() => new("A payload is malformed.");
}
