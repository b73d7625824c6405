using System.Reflection;
using System.Text;

namespace ActorPool.Tests;

/// <summary>
/// Freezes the public surface: a change to it shows up as a diff of <c>PublicApi.verified.txt</c>, which is
/// updated on purpose (copy the <c>.received.txt</c> that a failing run writes over it).
/// </summary>
public sealed class PublicApiTests
{
    [Theory]
    [InlineData("PublicApi", "ActorPool")]
    [InlineData("PublicApi.Hosting", "ActorPool.Hosting")]
    public void PublicApi_MatchesTheVerifiedSnapshot(string snapshot, string assemblyName)
    {
        var actual = Describe(Assembly.Load(assemblyName));
        var verified = Path.Combine(SourceDirectory(), snapshot + ".verified.txt");
        var expected = File.Exists(verified) ? File.ReadAllText(verified).ReplaceLineEndings("\n") : "";
        if (expected != actual)
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), snapshot + ".received.txt"), actual);
            Assert.Fail($"The public API changed; compare {verified} with {snapshot}.received.txt beside it.");
        }
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(Name(type));
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
                text.Append(" : ").Append(Name(baseType));
            text.Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m is not Type)
                .Select(Member)
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
                text.Append("  ").Append(member).Append('\n');
        }
        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class" : type.IsSealed ? "sealed class" : "class";

    private static string Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"ctor({Parameters(c)})",
        MethodInfo m => $"{(m.IsStatic ? "static " : "")}{Name(m.ReturnType)} {m.Name}{GenericArguments(m)}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{{(p.GetMethod?.IsPublic == true ? " get;" : "")}{(p.SetMethod?.IsPublic == true ? " set;" : "")} }}",
        FieldInfo f => $"{(f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString()!,
    };

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = default" : "")}"));

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
            return type.Name;
        if (type.IsArray)
            return Name(type.GetElementType()!) + "[]";
        if (type.IsByRef)
            return "ref " + Name(type.GetElementType()!);
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Name(underlying) + "?";
        var name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
            return name;
        return $"{name[..name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
