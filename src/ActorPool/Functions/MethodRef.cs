using System.Collections.Concurrent;
using System.Reflection;

namespace ActorPool.Functions;

/// <summary>Names a method so that another process with the same assemblies can find it.</summary>
/// <param name="DeclaringType">Assembly-qualified name of the declaring type (constructed, for generic types).</param>
/// <param name="MetadataToken">The method's metadata token in its module.</param>
/// <param name="GenericArguments">Assembly-qualified names of a generic method's type arguments, else empty.</param>
internal sealed record MethodRef(string DeclaringType, int MetadataToken, string[] GenericArguments)
{
    private static readonly ConcurrentDictionary<MethodInfo, MethodRef> s_refs = new();

    public static MethodRef Of(MethodInfo method) => s_refs.GetOrAdd(method, static m => new MethodRef(
        m.DeclaringType!.AssemblyQualifiedName!,
        m.MetadataToken,
        m.IsGenericMethod ? m.GetGenericArguments().Select(t => t.AssemblyQualifiedName!).ToArray() : []));

    public MethodInfo Resolve()
    {
        var type = Type.GetType(DeclaringType, throwOnError: true)!;
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => m.MetadataToken == MetadataToken)
            ?? throw new MissingMethodException($"No method with token {MetadataToken} on {type.FullName}.");
        return GenericArguments.Length == 0
            ? method
            : method.MakeGenericMethod(GenericArguments.Select(n => Type.GetType(n, throwOnError: true)!).ToArray());
    }

    public bool Equals(MethodRef? other) =>
        other is not null && DeclaringType == other.DeclaringType && MetadataToken == other.MetadataToken
        && GenericArguments.AsSpan().SequenceEqual(other.GenericArguments);

    public override int GetHashCode() => HashCode.Combine(DeclaringType, MetadataToken, GenericArguments.Length);
}
