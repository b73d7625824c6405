using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ActorPool.Generators;

/// <summary>
/// Adds ActorPool's overload families to the ActorPool assembly as it is compiled: <c>ProcessPool.ApplyAsync</c>,
/// <c>Invoke.Create</c>, <c>ChildProcess.Start</c> and <c>Worker.Start</c>, for 0 to 4 arguments and each shape of
/// task function, and <c>Map</c>, <c>MapUnordered</c> and <c>StarMap</c> over each kind of source. They depend on nothing in the compilation, so they are written once, at initialization.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OverloadGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        context.RegisterPostInitializationOutput(output =>
        {
            foreach (var family in new[] { Families.InvokeCreate, Families.ChildProcessStart, Families.WorkerStart })
                output.AddSource($"{family.HintName}.g.cs", SourceText.From(family.Write(), Encoding.UTF8));
            foreach (var surface in PoolSurface.All)
            {
                var apply = Families.Apply(surface);
                output.AddSource($"{apply.HintName}.g.cs", SourceText.From(apply.Write(), Encoding.UTF8));
                output.AddSource($"ProcessPool.Map{surface.HintSuffix}.g.cs", SourceText.From(MapFamily.Write(surface), Encoding.UTF8));
            }
        });
}
