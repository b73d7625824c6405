using System.Text;
using System.Text.Json;

namespace ActorPool.Launch;

/// <summary>What a child needs before it can start its ActorSystem; sent as the first line of its standard input.</summary>
/// <param name="ChildId">The child's number within its pool.</param>
/// <param name="ParentPid">The parent's process id, for logs.</param>
/// <param name="UserConfig">The user's HOCON (PoolOptions.Config), rendered with its fallbacks; the child adds ActorPool's reference itself.</param>
/// <param name="Single">For a <see cref="ChildProcess"/>: the one call it runs, with no ActorSystem; null for a pool child.</param>
/// <param name="Certificate">The family's certificate (PKCS#12, key included), for mutual TLS and for shared primitives.</param>
/// <param name="Tls">Whether a pool child's ActorSystem uses TLS (<c>actorpool.remote.tls</c>).</param>
internal sealed record ChildBootstrap(int ChildId, int ParentPid, string UserConfig, byte[] Certificate, bool Tls, SingleCall? Single = null)
{
    public string Encode() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this));

    public static ChildBootstrap Decode(string line) =>
        JsonSerializer.Deserialize<ChildBootstrap>(Encoding.UTF8.GetString(Convert.FromBase64String(line)))
        ?? throw new InvalidOperationException("The child's bootstrap line is empty.");
}

/// <summary>What a <see cref="ChildProcess"/> runs: its target, an optional initializer, and how long Terminate waits.</summary>
internal sealed record SingleCall(byte[] Target, byte[]? Initializer, long TerminateGraceMilliseconds);
