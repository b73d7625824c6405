using System.Text;

namespace ActorPool.Generators;

/// <summary>
/// One family of overloads: the same method for 0 to 4 arguments and each of its function shapes. Its doc comment is
/// written once here, in templates, and every overload gets it with its own arguments filled in.
/// </summary>
internal sealed class OverloadFamily
{
    private static readonly string[] s_ordinals = ["first", "second", "third", "fourth"];

    /// <summary>The type's declaration line, e.g. <c>public sealed partial class ProcessPool</c>.</summary>
    public string TypeDeclaration { get; set; } = "";

    public string Namespace { get; set; } = "ActorPool";

    /// <summary>The file's name, without extension.</summary>
    public string HintName { get; set; } = "";

    public IReadOnlyList<FunctionShape> Shapes { get; set; } = [];

    /// <summary>Modifiers, return type and name, e.g. <c>public Task&lt;R&gt; ApplyAsync</c>; given the shape.</summary>
    public Func<FunctionShape, string> Head { get; set; } = _ => "";

    /// <summary>The function parameter's name.</summary>
    public string FunctionName { get; set; } = "fn";

    /// <summary>Parameters after the arguments, with their doc lines, e.g. a CancellationToken or options.</summary>
    public IReadOnlyList<(string Declaration, string Doc)> Trailing { get; set; } = [];

    /// <summary>The body after <c>=&gt;</c>, given the shape and the argument list <c>[a1, a2]</c>; null for a declaration without one.</summary>
    public Func<FunctionShape, string, string>? Body { get; set; }

    /// <summary>The summary, given the shape and the arity.</summary>
    public Func<FunctionShape, int, string> Summary { get; set; } = (_, _) => "";

    public string FunctionDoc { get; set; } = "";

    /// <summary>The doc of argument i (1-based), given its ordinal word.</summary>
    public Func<string, string> ArgumentDoc { get; set; } = ordinal => $"The {ordinal} argument.";

    public Func<FunctionShape, string> ReturnsDoc { get; set; } = _ => "";

    public IReadOnlyList<string> Exceptions { get; set; } = [];

    /// <summary>Why Task shapes go first, for the attribute's comment; null to give them no priority.</summary>
    public string? TaskPriorityReason { get; set; }

    public string Write()
    {
        var code = GeneratedFile.Open("overloads for 0 to 4 arguments and each shape of task function", Namespace, TypeDeclaration);
        var first = true;
        for (var arity = 0; arity <= 4; arity++)
        {
            foreach (var shape in Shapes)
            {
                if (!first)
                    code.AppendLine();
                first = false;
                WriteOverload(code, shape, arity);
            }
        }
        code.AppendLine("}");
        return code.ToString();
    }

    private void WriteOverload(StringBuilder code, FunctionShape shape, int arity)
    {
        code.AppendLine($"    /// <summary>{Summary(shape, arity)}</summary>");
        for (var i = 1; i <= arity; i++)
            code.AppendLine($"    /// <typeparam name=\"T{i}\">Type of the {s_ordinals[i - 1]} argument.</typeparam>");
        if (shape.HasResult)
            code.AppendLine("    /// <typeparam name=\"R\">Type of the result.</typeparam>");
        code.AppendLine($"    /// <param name=\"{FunctionName}\">{FunctionDoc}</param>");
        for (var i = 1; i <= arity; i++)
            code.AppendLine($"    /// <param name=\"a{i}\">{ArgumentDoc(s_ordinals[i - 1])}</param>");
        foreach (var (declaration, doc) in Trailing)
            code.AppendLine($"    /// <param name=\"{ParameterName(declaration)}\">{doc}</param>");
        code.AppendLine($"    /// <returns>{ReturnsDoc(shape)}</returns>");
        foreach (var exception in Exceptions)
            code.AppendLine($"    /// {exception}");
        if (shape.IsTask && TaskPriorityReason is { } reason)
            code.AppendLine($"    [OverloadResolutionPriority(1)] // {reason}");
        var parameters = new List<string> { $"{shape.DelegateType(arity)} {FunctionName}" };
        parameters.AddRange(Enumerable.Range(1, arity).Select(i => $"T{i} a{i}"));
        parameters.AddRange(Trailing.Select(t => t.Declaration));
        var arguments = "[" + string.Join(", ", Enumerable.Range(1, arity).Select(i => $"a{i}")) + "]";
        var signature = $"    {Head(shape)}{shape.TypeParameters(arity)}({string.Join(", ", parameters)})";
        if (Body is null)
        {
            code.AppendLine(signature + ";");
            return;
        }
        code.AppendLine(signature + " =>");
        code.AppendLine($"        {Body(shape, arguments)};");
    }

    private static string ParameterName(string declaration)
    {
        var beforeDefault = declaration.Split('=')[0].Trim();
        return beforeDefault.Substring(beforeDefault.LastIndexOf(' ') + 1);
    }
}
