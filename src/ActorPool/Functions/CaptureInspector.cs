using System.Reflection;
using System.Runtime.CompilerServices;
using Akka.Actor;

namespace ActorPool.Functions;

/// <summary>
/// Finds captured state that must not travel to another process. Hyperion serializes such objects without
/// complaint and fails only when deserializing, deep inside the child, so they are refused at the call site.
/// </summary>
/// <remarks>
/// C# puts every local captured in one scope into one closure object, so a lambda capturing only an int can
/// drag along a stream captured by another lambda of the same method: this names that field.
/// </remarks>
internal static class CaptureInspector
{
    private const int MaxObjects = 10_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field whose value cannot travel.</summary>
    public static void EnsureCanTravel(object? root, string rootName, string paramName)
    {
        // A shape MemoryPack writes holds primitives, strings and users' [MemoryPackable] members only: nothing to find.
        if (root is null || Serialization.PackedShapes.DescriptorFor(root) is not null)
            return;
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, rootName));
        while (pending.Count > 0 && seen.Count < MaxObjects)
        {
            var (value, path) = pending.Pop();
            if (!seen.Add(value))
                continue;
            var type = value.GetType();
            if (Refusal(value, type) is { } reason)
                throw new ArgumentException($"'{path}' of type {type.FullName} cannot be sent to a child process: {reason}", paramName);
            if (IsInert(type) || value is IActorRef || value is Type)
                continue;
            if (value is Delegate nested)
            {
                EnsureMethodCanTravel(nested, path, paramName);
                if (nested.Target is { } nestedTarget)
                    pending.Push((nestedTarget, $"{path} (captured state)"));
                continue;
            }
            if (value is Array array)
            {
                if (IsInert(type.GetElementType()!))
                    continue;
                var index = 0;
                foreach (var element in array)
                {
                    if (element is not null)
                        pending.Push((element, $"{path}[{index}]"));
                    index++;
                }
                continue;
            }
            foreach (var field in InstanceFields(type))
            {
                if (field.FieldType.IsPointer || field.FieldType == typeof(IntPtr) || field.FieldType == typeof(UIntPtr))
                {
                    throw new ArgumentException(
                        $"'{path}.{FieldName(field)}' of type {field.FieldType.FullName} cannot be sent to a child process: a native pointer is bound to this process", paramName);
                }
                if (IsInert(field.FieldType))
                    continue;
                if (field.GetValue(value) is { } child)
                    pending.Push((child, $"{path}.{FieldName(field)}"));
            }
        }
    }

    /// <summary>Refuses delegates that no other process can call.</summary>
    public static void EnsureDelegateCanTravel(Delegate fn, string name, string paramName)
    {
        EnsureMethodCanTravel(fn, name, paramName);
        EnsureCanTravel(fn.Target, $"{name} (captured state)", paramName);
    }

    private static void EnsureMethodCanTravel(Delegate fn, string name, string paramName)
    {
        if (fn.GetInvocationList().Length > 1)
            throw new ArgumentException($"'{name}' is a multicast delegate; only a single method can be sent to a child process.", paramName);
        var method = fn.Method;
        if (method.DeclaringType is null || method is System.Reflection.Emit.DynamicMethod || method.GetType().Name == "RTDynamicMethod")
            throw new ArgumentException($"'{name}' is a dynamic method ({method.Name}); only methods of loaded types can be sent to a child process.", paramName);
        if (method.DeclaringType.Assembly.IsDynamic)
            throw new ArgumentException($"'{name}' is declared in the dynamic assembly {method.DeclaringType.Assembly.FullName}, which a child process cannot load.", paramName);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> s_inert = new();

    /// <summary>
    /// True for a type whose values can hold nothing bound to a process: primitives (not pointers), enums,
    /// strings, and structs made only of those. An array of such elements is not walked element by element, so
    /// a large dictionary or array of plain data costs next to nothing to check.
    /// </summary>
    private static bool IsInert(Type type) => s_inert.GetOrAdd(type, static t => IsInertCore(t, depth: 0));

    private static bool IsInertCore(Type type, int depth)
    {
        if (type == typeof(IntPtr) || type == typeof(UIntPtr) || type.IsPointer)
            return false;
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal))
            return true;
        if (!type.IsValueType || depth > 4)
            return false;
        return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .All(field => IsInertCore(field.FieldType, depth + 1));
    }

    private static string? Refusal(object value, Type type) => value switch
    {
        Stream => "a stream is bound to this process",
        System.Runtime.InteropServices.SafeHandle => "an operating-system handle is bound to this process",
        WaitHandle => "a wait handle is bound to this process",
        Task => "a task cannot be awaited in another process; await it first and pass its result",
        CancellationTokenSource => "a CancellationTokenSource is bound to this process; give the function a CancellationToken parameter instead",
        ActorSystem => "an ActorSystem is bound to this process",
        Thread => "a thread is bound to this process",
        MemberInfo and not Type => "reflection objects are bound to this process",
        MarshalByRefObject => "a MarshalByRefObject is bound to this process",
        IntPtr or UIntPtr => "a native pointer is bound to this process",
        IDisposable or IAsyncDisposable => "a disposable resource is bound to this process",
        _ => null,
    };

    private static IEnumerable<FieldInfo> InstanceFields(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                yield return field;
        }
    }

    private static string FieldName(FieldInfo field)
    {
        // Compiler-generated names: "<x>5__2" for hoisted locals, "<X>k__BackingField" for auto-properties.
        var name = field.Name;
        if (name.StartsWith('<') && name.IndexOf('>') is > 1 and var end)
            return name[1..end];
        return field.IsDefined(typeof(CompilerGeneratedAttribute)) ? name.Trim('<', '>') : name;
    }
}
