using ActorPool.Child;
using ActorPool.Hosting;

namespace ActorPool;

/// <summary>
/// Lets an application start itself as ActorPool's child processes, for when it cannot start ActorPool's child host:
/// published as a single file (<c>-p:PublishSingleFile=true</c>), it has no deps.json for the child host to run against.
/// </summary>
/// <remarks>
/// Put this at the very top of <c>Main</c> (before anything else the application does, since each child runs
/// <c>Main</c> up to here): <c>if (ActorPoolHost.TryRunChild(args, out var code)) return code;</c>. Applications that are
/// not single files need no hook (the children run ActorPool's child host against the application's deps.json);
/// with the hook they still do that, and use the application itself only where that is impossible.
/// </remarks>
public static class ActorPoolHost
{
    /// <summary>The first argument of a process that ActorPool starts as a child of this application.</summary>
    public const string ChildArgument = "--actorpool-child";

    /// <summary>
    /// In a child that ActorPool started from this application, runs the child until its parent lets it go and returns
    /// true with its exit code; in any other process returns false at once (and lets ActorPool start this application
    /// as its children from now on).
    /// </summary>
    /// <param name="args">The arguments of <c>Main</c>.</param>
    /// <param name="exitCode">The code <c>Main</c> returns, when this is a child; otherwise 0.</param>
    /// <returns>True when this process was a child and has finished; <c>Main</c> returns <paramref name="exitCode"/> then.</returns>
    public static bool TryRunChild(string[] args, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [ChildArgument, ..])
        {
            // A task in this child may start children of its own, from the same executable.
            ProcessFamily.CanStartItselfAsChild();
            // Main has nothing else to do in a child: blocking it for the child's whole life is what it is for.
            exitCode = ChildEntryPoint.RunAsync(args[1..]).GetAwaiter().GetResult();
            return true;
        }
        ProcessFamily.CanStartItselfAsChild();
        exitCode = 0;
        return false;
    }
}
