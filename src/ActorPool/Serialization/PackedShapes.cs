using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;
using ActorPool.Wire;
using MemoryPack;

namespace ActorPool.Serialization;

/// <summary>
/// The shapes that travel with MemoryPack rather than Hyperion: arrays, <see cref="List{T}"/>,
/// <see cref="Dictionary{TKey, TValue}"/> and <see cref="HashSet{T}"/> with default comparers, of primitives, strings
/// and users' own <c>[MemoryPackable]</c> types, and those types themselves. Each payload carries a descriptor of its
/// type built from a fixed vocabulary, so a reader only ever makes these shapes: a user type is named, and taken only if
/// it is <c>[MemoryPackable]</c>.
/// </summary>
/// <remarks>
/// MemoryPack writes a value by its declared type, so a container's element type must be one whose values are all of
/// that exact type (a value type, a sealed class, or a <c>[MemoryPackUnion]</c>); anything else keeps Hyperion, which
/// writes each element's own type. Dictionaries and sets nested inside other containers keep Hyperion too, since their
/// comparers would not be checked.
/// </remarks>
internal static class PackedShapes
{
    private const byte ArrayOf = 32;
    private const byte ListOf = 33;
    private const byte DictionaryOf = 34;
    private const byte HashSetOf = 35;
    private const byte NullableOf = 36;
    private const byte UserType = 40;
    private const int MaxDepth = 8;

    private static readonly Type[] s_leaves =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(char), typeof(string), typeof(Guid),
        typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
    ];

    private static readonly ConcurrentDictionary<Type, Plan?> s_plans = new();

    /// <summary>The descriptor to write <paramref name="value"/> with, or null when it keeps Hyperion.</summary>
    public static byte[]? DescriptorFor(object value)
    {
        var plan = s_plans.GetOrAdd(value.GetType(), static type => MakePlan(type));
        return plan is not null && (plan.HasDefaultComparer is not { } check || check(value)) ? plan.Descriptor : null;
    }

    // Strings as UTF-16: a copy instead of two transcodings, for a few more bytes in shared memory.
    public static void Serialize(object value, IBufferWriter<byte> output) =>
        MemoryPackSerializer.Serialize(value.GetType(), output, value, MemoryPackSerializerOptions.Utf16);

    /// <summary>Reads a descriptor and names its type; refuses anything outside the vocabulary.</summary>
    public static Type ReadDescriptor(ref WireReader reader) => ReadType(ref reader, 0, topLevel: true);

    public static object? Deserialize(Type type, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return MemoryPackSerializer.Deserialize(type, bytes);
        }
        catch (MemoryPackSerializationException e)
        {
            throw new SerializationException($"A payload of type {type} is malformed: {e.Message}", e);
        }
    }

    private static Plan? MakePlan(Type type)
    {
        var descriptor = new List<byte>();
        if (!Describe(type, descriptor, 0, topLevel: true))
            return null;
        Func<object, bool>? check = null;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Dictionary<,>) || type.GetGenericTypeDefinition() == typeof(HashSet<>)))
        {
            var method = typeof(PackedShapes).GetMethod(
                type.GetGenericTypeDefinition() == typeof(HashSet<>) ? nameof(SetHasDefaultComparer) : nameof(DictionaryHasDefaultComparer),
                BindingFlags.NonPublic | BindingFlags.Static)!;
            check = method.MakeGenericMethod(type.GetGenericArguments()).CreateDelegate<Func<object, bool>>();
        }
        return new Plan([.. descriptor], check);
    }

    private static bool Describe(Type type, List<byte> descriptor, int depth, bool topLevel)
    {
        if (depth > MaxDepth)
            return false;
        var leaf = Array.IndexOf(s_leaves, type);
        if (leaf >= 0)
        {
            descriptor.Add((byte)(leaf + 1));
            return true;
        }
        if (type.IsSZArray)
        {
            descriptor.Add(ArrayOf);
            return IsClosed(type.GetElementType()!) && Describe(type.GetElementType()!, descriptor, depth + 1, false);
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments();
            if (definition == typeof(List<>))
            {
                descriptor.Add(ListOf);
                return IsClosed(arguments[0]) && Describe(arguments[0], descriptor, depth + 1, false);
            }
            if (definition == typeof(Nullable<>))
            {
                descriptor.Add(NullableOf);
                return Describe(arguments[0], descriptor, depth + 1, false);
            }
            if (topLevel && definition == typeof(Dictionary<,>))
            {
                descriptor.Add(DictionaryOf);
                return IsClosed(arguments[0]) && IsClosed(arguments[1])
                    && Describe(arguments[0], descriptor, depth + 1, false) && Describe(arguments[1], descriptor, depth + 1, false);
            }
            if (topLevel && definition == typeof(HashSet<>))
            {
                descriptor.Add(HashSetOf);
                return IsClosed(arguments[0]) && Describe(arguments[0], descriptor, depth + 1, false);
            }
        }
        if (IsPackable(type) && type.AssemblyQualifiedName is { } name)
        {
            descriptor.Add(UserType);
            using var writer = new WireWriter(name.Length + 4);
            writer.String(name);
            descriptor.AddRange(writer.ToArray());
            return true;
        }
        return false;
    }

    private static Type ReadType(ref WireReader reader, int depth, bool topLevel)
    {
        if (depth > MaxDepth)
            throw new SerializationException("A payload's type descriptor is nested too deeply.");
        var code = reader.Byte();
        if (code >= 1 && code <= s_leaves.Length)
            return s_leaves[code - 1];
        switch (code)
        {
            case ArrayOf: return ReadType(ref reader, depth + 1, false).MakeArrayType();
            case ListOf: return typeof(List<>).MakeGenericType(ReadType(ref reader, depth + 1, false));
            case NullableOf:
            {
                var inner = ReadType(ref reader, depth + 1, false);
                return inner.IsValueType ? typeof(Nullable<>).MakeGenericType(inner) : throw Refused($"{inner}?");
            }
            case DictionaryOf when topLevel:
                return typeof(Dictionary<,>).MakeGenericType(ReadType(ref reader, depth + 1, false), ReadType(ref reader, depth + 1, false));
            case HashSetOf when topLevel:
                return typeof(HashSet<>).MakeGenericType(ReadType(ref reader, depth + 1, false));
            case UserType:
            {
                var name = reader.String() ?? throw Refused("(no name)");
                var type = Type.GetType(name, throwOnError: false);
                return type is not null && IsPackable(type) ? type : throw Refused(name);
            }
            default:
                throw new SerializationException($"Unknown type code {code} in a payload's type descriptor.");
        }
    }

    // A user's opt-in: the type is [MemoryPackable] and MemoryPack's generator wrote its formatter.
    private static bool IsPackable(Type type) =>
        type.IsDefined(typeof(MemoryPackableAttribute), inherit: false)
        && !type.ContainsGenericParameters
        && typeof(IMemoryPackFormatterRegister).IsAssignableFrom(type);

    // Every value declared as this type is exactly of it, or MemoryPack records which one it is.
    private static bool IsClosed(Type type) =>
        type.IsValueType || type.IsSealed || type.IsSZArray || type.IsDefined(typeof(MemoryPackUnionAttribute), inherit: false);

    private static bool DictionaryHasDefaultComparer<TKey, TValue>(object value)
        where TKey : notnull => ((Dictionary<TKey, TValue>)value).Comparer.Equals(EqualityComparer<TKey>.Default);

    private static bool SetHasDefaultComparer<T>(object value) => ((HashSet<T>)value).Comparer.Equals(EqualityComparer<T>.Default);

    private static SerializationException Refused(string type) =>
        new($"A payload names type {type}, which is not one that travels with MemoryPack.");

    private sealed record Plan(byte[] Descriptor, Func<object, bool>? HasDefaultComparer);
}
