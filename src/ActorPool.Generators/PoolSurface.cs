namespace ActorPool.Generators;

/// <summary>
/// Where the pool's task methods (ApplyAsync, Map, MapUnordered, StarMap) are written: with their bodies in
/// <c>ProcessPool</c>, as declarations in <c>IProcessPool</c>, and forwarding in <c>DeferredProcessPool</c> (the
/// pool a host gives out before it has started it). One set of docs and signatures serves the three.
/// </summary>
internal sealed class PoolSurface
{
    private PoolSurface(string typeDeclaration, string modifiers, string hintSuffix, bool hasBody, bool forwards, string ns = "ActorPool")
    {
        Namespace = ns;
        TypeDeclaration = typeDeclaration;
        Modifiers = modifiers;
        HintSuffix = hintSuffix;
        HasBody = hasBody;
        Forwards = forwards;
    }

    public static PoolSurface Class { get; } = new("public sealed partial class ProcessPool", "public ", "", hasBody: true, forwards: false);

    public static PoolSurface Interface { get; } = new("public partial interface IProcessPool", "", ".Interface", hasBody: false, forwards: false);

    public static PoolSurface Deferred { get; } = new("internal sealed partial class DeferredProcessPool", "public ", ".Deferred", hasBody: true, forwards: true, ns: "ActorPool.Hosting");

    public static PoolSurface[] All { get; } = [Class, Interface, Deferred];

    public string Namespace { get; }

    public string TypeDeclaration { get; }

    public string Modifiers { get; }

    public string HintSuffix { get; }

    public bool HasBody { get; }

    /// <summary>True when the body calls the same member of the started pool (<c>Started</c>) with the same arguments.</summary>
    public bool Forwards { get; }

    /// <summary>The forwarding call: <c>Started.name(fn, a1, ..., trailing)</c>.</summary>
    public static string Forward(string name, string argumentList, params string[] trailing)
    {
        var inner = argumentList.Trim('[', ']');
        var all = new List<string> { "fn" };
        if (inner.Length > 0)
            all.Add(inner);
        all.AddRange(trailing);
        return $"Started.{name}({string.Join(", ", all)})";
    }
}
