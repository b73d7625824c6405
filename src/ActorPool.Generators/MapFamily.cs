using System.Text;

namespace ActorPool.Generators;

/// <summary>
/// <c>Map</c>, <c>MapUnordered</c> and <c>StarMap</c> (2 to 4 arguments per tuple), over a synchronous or an
/// asynchronous source, each for the function shapes it takes; every overload funnels into <c>Ordered</c> or
/// <c>Unordered</c>. Their doc comments are written once here.
/// </summary>
internal static class MapFamily
{
    private static readonly FunctionShape[] s_mapShapes =
    [
        new(Returns.TaskOfValue, false), new(Returns.ValueTaskOfValue, false), new(Returns.Value, false), new(Returns.TaskOfValue, true),
    ];

    private static readonly FunctionShape[] s_basicShapes = [new(Returns.TaskOfValue, false), new(Returns.Value, false)];

    public static string Write(PoolSurface surface)
    {
        var code = GeneratedFile.Open("Map, MapUnordered and StarMap over each kind of source", surface.Namespace, surface.TypeDeclaration);
        foreach (var asyncSource in new[] { false, true })
        {
            foreach (var shape in s_mapShapes)
                Write(code, surface, "Map", shape, 1, asyncSource, ordered: true, s_mapShapes);
            foreach (var shape in s_basicShapes)
                Write(code, surface, "MapUnordered", shape, 1, asyncSource, ordered: false, s_basicShapes);
            for (var arity = 2; arity <= 4; arity++)
            {
                foreach (var shape in s_basicShapes)
                    Write(code, surface, "StarMap", shape, arity, asyncSource, ordered: true, s_basicShapes);
            }
        }
        code.AppendLine("}");
        return code.ToString();
    }

    private static void Write(StringBuilder code, PoolSurface surface, string name, FunctionShape shape, int arity, bool asyncSource, bool ordered, FunctionShape[] siblings)
    {
        var star = arity > 1;
        var types = star ? Enumerable.Range(1, arity).Select(i => $"T{i}").ToList() : ["T"];
        var item = star ? $"({string.Join(", ", types)})" : "T";
        var function = $"Func<{string.Join(", ", types)}{(shape.TakesToken ? ", CancellationToken" : "")}, {shape.ResultType}>";
        var source = $"{(asyncSource ? "IAsyncEnumerable" : "IEnumerable")}<{item}>";
        var result = ordered ? "PoolResult<R>" : "IAsyncEnumerable<R>";
        var args = star ? "[" + string.Join(", ", Enumerable.Range(1, arity).Select(i => $"item.Item{i}")) + "]" : "[item]";

        var kind = shape.Returns switch
        {
            Returns.Value => "a synchronous function",
            Returns.ValueTaskOfValue => "an async function returning a value task",
            _ when shape.TakesToken => "an async function that takes a cancellation token",
            _ => "an async function",
        };
        var per = star ? $"once per tuple of {arity} arguments" : "once per item";
        var tail = ordered ? "" : " and yields results as they complete";
        code.AppendLine();
        code.AppendLine($"    /// <summary>Runs {kind} {per} across the children{tail}.</summary>");
        if (star)
        {
            for (var i = 1; i <= arity; i++)
                code.AppendLine($"    /// <typeparam name=\"T{i}\">Type of argument {i}.</typeparam>");
        }
        else
        {
            code.AppendLine("    /// <typeparam name=\"T\">Type of each item.</typeparam>");
        }
        code.AppendLine("    /// <typeparam name=\"R\">Type of each result.</typeparam>");
        code.AppendLine("    /// <param name=\"fn\">The task function, run once per item in a child.</param>");
        code.AppendLine($"    /// <param name=\"items\">The {(star ? "argument tuples" : "items")}, pulled lazily{(asyncSource ? "; the source may be endless" : "")}.</param>");
        code.AppendLine("    /// <param name=\"cancellationToken\">Stops pulling items and cancels the tasks in flight.</param>");
        code.AppendLine(ordered
            ? "    /// <returns><see cref=\"PoolResult{R}\"/>: await it for every result in input order, or enumerate it to get them in input order as they arrive.</returns>"
            : "    /// <returns>The results in completion order.</returns>");
        code.AppendLine("    /// <exception cref=\"ArgumentException\">The function cannot be sent to a child; nothing was sent.</exception>");
        code.AppendLine("    /// <exception cref=\"InvalidOperationException\">The pool is closed or terminated.</exception>");
        if (shape.Returns == Returns.TaskOfValue && !shape.TakesToken && siblings.Any(s => s.Returns == Returns.ValueTaskOfValue))
            code.AppendLine("    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task");
        var typeParameters = string.Join(", ", types.Append("R"));
        var signature = $"    {surface.Modifiers}{result} {name}<{typeParameters}>({function} fn, {source} items, CancellationToken cancellationToken = default)";
        if (!surface.HasBody)
        {
            code.AppendLine(signature + ";");
            return;
        }
        code.AppendLine(signature + " =>");
        var pulled = asyncSource ? "items" : "MapPipeline.ToAsync(items)";
        code.AppendLine(surface.Forwards
            ? $"        Started.{name}(fn, items, cancellationToken);"
            : $"        {(ordered ? "Ordered" : "Unordered")}<{item}, R>(fn, {pulled}, static item => {args}, cancellationToken);");
    }
}
