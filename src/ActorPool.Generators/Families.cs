namespace ActorPool.Generators;

/// <summary>ActorPool's overload families: what each one is called, takes, does, and how it is documented.</summary>
internal static class Families
{
    private const string TokenSentence =
        " The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.";

    private const string FunctionDoc = "The task function: a static method, a lambda, or a closure whose captured state serializes.";

    // Every shape a pool task may have: a result or none, sync or async, with or without the pool's token.
    private static readonly FunctionShape[] s_taskShapes =
    [
        new(Returns.Value, false), new(Returns.Value, true),
        new(Returns.TaskOfValue, false), new(Returns.TaskOfValue, true),
        new(Returns.ValueTaskOfValue, false), new(Returns.ValueTaskOfValue, true),
        new(Returns.Task, false), new(Returns.Task, true),
        new(Returns.ValueTask, false), new(Returns.ValueTask, true),
    ];

    private static string TaskSummary(FunctionShape shape, int arity) =>
        $"Runs <paramref name=\"fn\"/> in a child process with {arity} argument(s); the function returns {shape.ResultDoc}.{(shape.TakesToken ? TokenSentence : "")}";

    public static OverloadFamily Apply(PoolSurface surface) => new()
    {
        HintName = "ProcessPool.Apply" + surface.HintSuffix,
        Namespace = surface.Namespace,
        TypeDeclaration = surface.TypeDeclaration,
        Shapes = s_taskShapes,
        Head = shape => surface.Modifiers + (shape.HasResult ? "Task<R> ApplyAsync" : "Task ApplyAsync"),
        Trailing = [("CancellationToken cancellationToken = default", "Cancels the task: the caller gets <see cref=\"OperationCanceledException\"/> at once.")],
        Body = !surface.HasBody
            ? null
            : surface.Forwards
                ? (_, args) => PoolSurface.Forward("ApplyAsync", args, "cancellationToken")
                : (shape, args) => shape.HasResult ? $"RunAsync<R>(Encode(fn, {args}), cancellationToken)" : $"RunVoidAsync(Encode(fn, {args}), cancellationToken)",
        Summary = TaskSummary,
        FunctionDoc = FunctionDoc,
        ArgumentDoc = ordinal => $"The {ordinal} argument; it is serialized and sent to the child.",
        ReturnsDoc = shape => shape.HasResult ? "The function's result." : "A task that completes when the function has returned.",
        Exceptions =
        [
            "<exception cref=\"ArgumentException\">The function or its arguments cannot be sent to a child; nothing was sent.</exception>",
            "<exception cref=\"InvalidOperationException\">The pool is closed or terminated.</exception>",
            "<exception cref=\"ProxyException\">The function threw in the child.</exception>",
        ],
        TaskPriorityReason = "an async lambda also fits the ValueTask overload; prefer Task",
    };

    public static OverloadFamily InvokeCreate => new()
    {
        HintName = "Invoke.Create",
        TypeDeclaration = "public sealed partial class Invoke",
        Shapes = s_taskShapes,
        Head = _ => "public static Invoke Create",
        Body = (_, args) => $"From(fn, {args})",
        Summary = TaskSummary,
        FunctionDoc = FunctionDoc,
        ArgumentDoc = ordinal => $"The {ordinal} argument; it is serialized and sent to the child.",
        ReturnsDoc = _ => "The message to send to <see cref=\"ProcessPool.Router\"/>.",
        Exceptions = ["<exception cref=\"ArgumentException\">The function or its arguments cannot be sent to a child.</exception>"],
        TaskPriorityReason = "an async lambda also fits the ValueTask overload; prefer Task",
    };

    private static readonly (string, string) s_options = ("ChildProcessOptions? options = null", "The child's options; null for the defaults.");

    private static string TargetSummary(FunctionShape shape, int arity, string suffix) =>
        shape.Returns is Returns.Value or Returns.Nothing
            ? $"Starts a child process running a synchronous target with {arity} argument(s){suffix}."
            : shape.TakesToken
                ? $"Starts a child process running an async target that takes the token Terminate cancels with {arity} argument(s){suffix}."
                : $"Starts a child process running an async target with {arity} argument(s){suffix}.";

    public static OverloadFamily ChildProcessStart => new()
    {
        HintName = "ChildProcess.Start",
        TypeDeclaration = "public partial class ChildProcess",
        Shapes = [new(Returns.Task, false), new(Returns.Task, true), new(Returns.Nothing, false)],
        Head = _ => "public static ChildProcess Start",
        FunctionName = "target",
        Trailing = [s_options],
        Body = (_, args) => $"new(target, {args}, options)",
        Summary = (shape, arity) => TargetSummary(shape, arity, ""),
        FunctionDoc = "The task function to run in the child.",
        ReturnsDoc = _ => "The started child.",
        Exceptions = ["<exception cref=\"ArgumentException\">The target or its arguments cannot be sent to a child.</exception>"],
        TaskPriorityReason = "an async lambda also fits Action; prefer Func<Task>",
    };

    public static OverloadFamily WorkerStart => new()
    {
        HintName = "Worker.Start",
        TypeDeclaration = "public static partial class Worker",
        Shapes = [new(Returns.TaskOfValue, false), new(Returns.TaskOfValue, true), new(Returns.Value, false)],
        Head = _ => "public static Worker<R> Start",
        FunctionName = "target",
        Trailing = [s_options],
        Body = (_, args) => $"new(target, {args}, options)",
        Summary = (shape, arity) => TargetSummary(shape, arity, ", and gives its result"),
        FunctionDoc = "The task function to run in the child.",
        ReturnsDoc = _ => "The started worker; await it, or its <see cref=\"Worker{R}.Result\"/>, for the result.",
        Exceptions = ["<exception cref=\"ArgumentException\">The target or its arguments cannot be sent to a child.</exception>"],
        TaskPriorityReason = "an async lambda also fits Func<R>; prefer Func<Task<R>>",
    };
}
