using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace ActorPool.Functions;

/// <summary>Calls a resolved task function and awaits whatever it returns: a value, a task or a value task.</summary>
internal sealed class TaskInvoker
{
    private static readonly ConcurrentDictionary<MethodRef, TaskInvoker> s_cache = new();

    private readonly MethodInvoker _invoker;
    private readonly int _parameterCount;
    private readonly bool _takesToken;
    private readonly Func<object?, Task<object?>> _await;

    private TaskInvoker(MethodInfo method)
    {
        _invoker = MethodInvoker.Create(method);
        var parameters = method.GetParameters();
        _parameterCount = parameters.Length;
        _takesToken = TakesToken(parameters);
        _await = ResultAwaiter.For(method.ReturnType);
    }

    /// <summary>Whether a function with these parameters takes the pool's token last, which no caller gives.</summary>
    public static bool TakesToken(ParameterInfo[] parameters) =>
        parameters.Length > 0 && parameters[^1].ParameterType == typeof(CancellationToken);

    public static TaskInvoker For(MethodRef method) => s_cache.GetOrAdd(method, static m => new TaskInvoker(m.Resolve()));

    /// <summary>Runs the call; the task faults with whatever the function threw.</summary>
    public Task<object?> InvokeAsync(TaskCall call, CancellationToken cancellationToken)
    {
        var expected = _parameterCount - (_takesToken ? 1 : 0);
        if (call.Args.Length != expected)
            throw new TargetParameterCountException($"The function takes {expected} argument(s); {call.Args.Length} were given.");
        var args = new object?[_parameterCount];
        call.Args.CopyTo(args, 0);
        if (_takesToken)
            args[^1] = cancellationToken;
        object? returned;
        try
        {
            returned = _invoker.Invoke(call.Target, args.AsSpan());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        return _await(returned);
    }
}
