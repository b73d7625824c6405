namespace ActorPool.Generators;

/// <summary>What a task function returns.</summary>
internal enum Returns
{
    /// <summary>R, synchronously.</summary>
    Value,

    /// <summary>Task&lt;R&gt;.</summary>
    TaskOfValue,

    /// <summary>ValueTask&lt;R&gt;.</summary>
    ValueTaskOfValue,

    /// <summary>Task, no result.</summary>
    Task,

    /// <summary>ValueTask, no result.</summary>
    ValueTask,

    /// <summary>Nothing, synchronously (an Action).</summary>
    Nothing,
}

/// <summary>One shape of task function: what it returns, and whether it takes a CancellationToken after its arguments.</summary>
internal sealed class FunctionShape
{
    public FunctionShape(Returns returns, bool takesToken)
    {
        Returns = returns;
        TakesToken = takesToken;
    }

    public Returns Returns { get; }

    public bool TakesToken { get; }

    /// <summary>True for shapes with a result R.</summary>
    public bool HasResult => Returns is Returns.Value or Returns.TaskOfValue or Returns.ValueTaskOfValue;

    /// <summary>True for the Task-returning shapes, which an async lambda also fits in their ValueTask or synchronous twins.</summary>
    public bool IsTask => Returns is Returns.Task or Returns.TaskOfValue;

    /// <summary>The delegate type for <paramref name="arity"/> arguments, e.g. <c>Func&lt;T1, CancellationToken, Task&lt;R&gt;&gt;</c>.</summary>
    public string DelegateType(int arity)
    {
        var inputs = Enumerable.Range(1, arity).Select(i => $"T{i}").ToList();
        if (TakesToken)
            inputs.Add("CancellationToken");
        if (Returns == Returns.Nothing)
            return inputs.Count == 0 ? "Action" : $"Action<{string.Join(", ", inputs)}>";
        inputs.Add(ResultType);
        return $"Func<{string.Join(", ", inputs)}>";
    }

    /// <summary>What the function returns, as C#.</summary>
    public string ResultType => Returns switch
    {
        Returns.Value => "R",
        Returns.TaskOfValue => "Task<R>",
        Returns.ValueTaskOfValue => "ValueTask<R>",
        Returns.Task => "Task",
        Returns.ValueTask => "ValueTask",
        _ => "void",
    };

    /// <summary>What the function returns, for a doc comment.</summary>
    public string ResultDoc => ResultType.Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>The generic parameters of a method for <paramref name="arity"/> arguments: T1..Tn, then R if there is a result.</summary>
    public string TypeParameters(int arity)
    {
        var names = Enumerable.Range(1, arity).Select(i => $"T{i}").ToList();
        if (HasResult)
            names.Add("R");
        return names.Count == 0 ? "" : $"<{string.Join(", ", names)}>";
    }
}
