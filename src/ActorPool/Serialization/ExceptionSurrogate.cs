using System.Reflection;
using System.Runtime.CompilerServices;

namespace ActorPool.Serialization;

/// <summary>
/// Wire form of any exception: its type and every field that can travel, so that a user exception arrives
/// with its own state (Hyperion's built-in exception support keeps only the message and stack trace).
/// </summary>
/// <param name="TypeName">Assembly-qualified name of the exception type.</param>
/// <param name="Fields">Field values keyed by "DeclaringType.field".</param>
internal sealed record ExceptionSurrogate(string TypeName, Dictionary<string, object?> Fields)
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    // Runtime-internal state of System.Exception that means nothing in another process.
    private static readonly HashSet<string> s_skipped = ["System.Exception._stackTrace", "System.Exception._watsonBuckets"];

    public static ExceptionSurrogate From(Exception exception)
    {
        var fields = new Dictionary<string, object?>();
        foreach (var field in FieldsOf(exception.GetType()))
            fields[Key(field)] = field.GetValue(exception);
        // The frames of the stack trace live in runtime state that is not copied; keep their text.
        fields["System.Exception._stackTraceString"] = exception.StackTrace;
        return new ExceptionSurrogate(exception.GetType().AssemblyQualifiedName!, fields);
    }

    public Exception Restore(HyperionSettings settings)
    {
        var type = Type.GetType(TypeName, throwOnError: true)!;
        if (!typeof(Exception).IsAssignableFrom(type) || !new PrefixTypeFilter(settings.DeniedTypePrefixes).IsAllowed(type.FullName ?? TypeName))
            throw new InvalidOperationException($"{TypeName} is not an exception type that may be deserialized.");
        var exception = (Exception)RuntimeHelpers.GetUninitializedObject(type);
        foreach (var field in FieldsOf(type))
        {
            if (Fields.TryGetValue(Key(field), out var value) && (value is null ? !field.FieldType.IsValueType : field.FieldType.IsInstanceOfType(value)))
                field.SetValue(exception, value);
        }
        return exception;
    }

    private static IEnumerable<FieldInfo> FieldsOf(Type type)
    {
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(InstanceFields))
            {
                var fieldType = field.FieldType;
                if (fieldType.IsPointer || fieldType == typeof(IntPtr) || fieldType == typeof(UIntPtr)
                    || typeof(MemberInfo).IsAssignableFrom(fieldType) || s_skipped.Contains(Key(field)))
                    continue;
                yield return field;
            }
        }
    }

    private static string Key(FieldInfo field) => $"{field.DeclaringType!.FullName}.{field.Name}";
}
