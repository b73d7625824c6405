using System.Runtime.Serialization;
using ActorPool.Functions;
using ActorPool.Wire;

namespace ActorPool.Serialization;

/// <summary>
/// The layout of a payload: a tag, then the value. Task calls, primitives, strings and byte arrays have a layout of
/// their own, written and read without reflection; anything else is a Hyperion graph (tag <see cref="Graph"/>), with
/// the codec's deny list. Null travels as no bytes at all.
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

    public static void Write(WireWriter writer, object? value, Func<Hyperion.Serializer> hyperion)
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
                Write(writer, call.Target, hyperion);
                writer.Int(call.Args.Length);
                foreach (var argument in call.Args)
                    Write(writer, argument, hyperion);
                break;
            case bool b: writer.Byte(Boolean); writer.Bool(b); break;
            case int i: writer.Byte(Int32); writer.Int(i); break;
            case long l: writer.Byte(Int64); writer.Long(l); break;
            case double d: writer.Byte(Double); writer.Double(d); break;
            case string s: writer.Byte(String); writer.String(s); break;
            case byte[] bytes: writer.Byte(ByteArray); writer.Bytes(bytes); break;
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
            default:
                using (var stream = new MemoryStream())
                {
                    hyperion().Serialize(value, stream);
                    writer.Byte(Graph);
                    writer.Bytes(stream.GetBuffer().AsSpan(0, (int)stream.Length));
                }
                break;
        }
    }

    public static object? Read(ref WireReader reader, Func<Hyperion.Serializer> hyperion)
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
                var target = Read(ref reader, hyperion);
                var args = new object?[reader.Count()];
                for (var i = 0; i < args.Length; i++)
                    args[i] = Read(ref reader, hyperion);
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
            case Graph:
            {
                using var stream = new MemoryStream(reader.Bytes() ?? throw Malformed(), writable: false);
                return hyperion().Deserialize<object?>(stream);
            }
            default:
                throw new SerializationException($"Unknown payload tag {tag}.");
        }
    }

    private static SerializationException Malformed() => new("A payload is malformed.");
}
