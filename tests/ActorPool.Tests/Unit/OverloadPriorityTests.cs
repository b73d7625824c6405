using System.Reflection;
using System.Runtime.CompilerServices;

namespace ActorPool.Tests.Unit;

/// <summary>
/// The generated overload families keep their resolution priorities: an async lambda fits both a Task-returning and a
/// ValueTask-returning (or synchronous) function, and the Task overloads must win. Signatures alone (the public API
/// snapshot) would not notice a lost attribute.
/// </summary>
public sealed class OverloadPriorityTests
{
    [Theory]
    [InlineData(typeof(ProcessPool), "ApplyAsync", 50, 20)]
    [InlineData(typeof(Invoke), "Create", 50, 20)]
    [InlineData(typeof(ChildProcess), "Start", 15, 10)]
    [InlineData(typeof(Worker), "Start", 15, 10)]
    [InlineData(typeof(ProcessPool), "Map", 8, 2)]
    public void TaskOverloads_HavePriority_AndOnlyThey(Type type, string name, int overloads, int prioritized)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == name)
            .ToList();
        var withPriority = methods.Where(m => m.GetCustomAttribute<OverloadResolutionPriorityAttribute>() is { Priority: 1 }).ToList();

        Assert.Equal(overloads, methods.Count);
        Assert.Equal(prioritized, withPriority.Count);
        Assert.All(withPriority, m => Assert.True(ReturnsTask(m.GetParameters()[0].ParameterType), m.ToString()));
    }

    private static bool ReturnsTask(Type function)
    {
        var returns = function.GetMethod("Invoke")!.ReturnType;
        return returns == typeof(Task) || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>));
    }
}
