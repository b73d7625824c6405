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
internal readonly record struct ChildLine(ChildLineKind Kind, string Text)
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
        foreach (var (kind, prefix) in s_prefixes)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return new ChildLine(kind, line[prefix.Length..]);
        }
        return new ChildLine(ChildLineKind.Other, line);
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
