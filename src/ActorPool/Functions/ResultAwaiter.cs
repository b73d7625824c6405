using System.Reflection;

namespace ActorPool.Functions;

/// <summary>Turns what a task function returned into a task of its result, by its declared return type.</summary>
internal static class ResultAwaiter
{
    public static Func<object?, Task<object?>> For(Type returnType)
    {
        if (returnType == typeof(void))
            return static _ => Task.FromResult<object?>(null);
        if (returnType == typeof(Task))
            return static returned => AwaitTask((Task)returned!);
        if (returnType == typeof(ValueTask))
            return static returned => AwaitTask(((ValueTask)returned!).AsTask());
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var result = returnType.GetProperty(nameof(Task<object>.Result))!;
            return returned => AwaitTaskOf((Task)returned!, result);
        }
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<object>.AsTask))!;
            var result = asTask.ReturnType.GetProperty(nameof(Task<object>.Result))!;
            return returned => AwaitTaskOf((Task)asTask.Invoke(returned, null)!, result);
        }
        return static returned => Task.FromResult(returned);
    }

    private static async Task<object?> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async Task<object?> AwaitTaskOf(Task task, PropertyInfo result)
    {
        await task.ConfigureAwait(false);
        return result.GetValue(task);
    }
}
