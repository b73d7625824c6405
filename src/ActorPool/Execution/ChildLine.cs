namespace ActorPool.Execution;

/// <summary>What a line of a child's standard output tells its parent.</summary>
internal enum ChildLineKind
{
    /// <summary>Not a line of the protocol: whatever else the child wrote (its task's own output).</summary>
    Other,

    /// <summary>A pool child's ActorSystem listens: "address uid".</summary>
    Ready,

    /// <summary>A <see cref="ChildProcess"/> target's result, base64 of its payload.</summary>
    Result,

    /// <summary>A <see cref="ChildProcess"/> target's error, base64 of its serialized <c>RemoteError</c>.</summary>
    Error,

    /// <summary>A <see cref="ChildProcess"/> child started a host of shared primitives: "address uid".</summary>
    SharedHost,
}

/// <summary>
/// The one line protocol from every child (pool children and <see cref="ChildProcess"/> children) to its parent, on
/// the child's standard output: "ACTORPOOL-KIND text". Any other line is the child's own output.
/// </summary>
/// <param name="Kind">What the line tells.</param>
/// <param name="Text">The line after the protocol's prefix (all of it for <see cref="ChildLineKind.Other"/>).</param>
/// <param name="Preceding">
/// The child's own output before the protocol's prefix on the same line: a task that wrote without ending its line.
/// </param>
internal readonly record struct ChildLine(ChildLineKind Kind, string Text, string Preceding = "")
{
    private static readonly (ChildLineKind Kind, string Prefix)[] s_prefixes =
    [
        (ChildLineKind.Ready, "ACTORPOOL-READY "),
        (ChildLineKind.Result, "ACTORPOOL-RESULT "),
        (ChildLineKind.Error, "ACTORPOOL-ERROR "),
        (ChildLineKind.SharedHost, "ACTORPOOL-SHARED "),
    ];

    /// <summary>In a child: writes one line of the protocol and flushes it, so the parent reads it at once.</summary>
    public static void Write(TextWriter output, ChildLineKind kind, string text)
    {
        output.WriteLine(PrefixOf(kind) + text);
        output.Flush();
    }

    /// <summary>In the parent: reads one line of a child's standard output.</summary>
    public static ChildLine Parse(string line)
    {
        // The last prefix on the line: the protocol's own text (an address, base64) never holds one, the output before it may.
        var found = (Kind: ChildLineKind.Other, At: -1, Length: 0);
        foreach (var (kind, prefix) in s_prefixes)
        {
            var at = line.LastIndexOf(prefix, StringComparison.Ordinal);
            if (at > found.At)
                found = (kind, at, prefix.Length);
        }
        return found.At < 0
            ? new ChildLine(ChildLineKind.Other, line)
            : new ChildLine(found.Kind, line[(found.At + found.Length)..], line[..found.At]);
    }

    private static string PrefixOf(ChildLineKind kind)
    {
        foreach (var (k, prefix) in s_prefixes)
        {
            if (k == kind)
                return prefix;
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only the protocol's own kinds are written.");
    }
}
