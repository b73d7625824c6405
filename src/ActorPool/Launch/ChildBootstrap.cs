namespace ActorPool.Launch;

/// <summary>What a child needs before it can start its ActorSystem; sent as the first line of its standard input.</summary>
/// <param name="ChildId">The child's number within its pool.</param>
/// <param name="ParentPid">The parent's process id, for logs.</param>
/// <param name="UserConfig">The user's HOCON (PoolOptions.Config), rendered with its fallbacks; the child adds ActorPool's reference itself.</param>
/// <param name="Certificate">The family's certificate with its key (<see cref="Hosting.ProcessFamily.Credential"/>), for mutual TLS and for shared primitives.</param>
/// <param name="Tls">Whether a pool child's ActorSystem uses TLS (<c>actorpool.remote.tls</c>).</param>
/// <param name="Single">For a <see cref="ChildProcess"/>: the one call it runs, with no ActorSystem; null for a pool child.</param>
internal sealed record ChildBootstrap(int ChildId, int ParentPid, string UserConfig, byte[] Certificate, bool Tls, SingleCall? Single = null)
{
    // A plain binary layout rather than JSON: the child decodes it first thing, and a JSON serializer's first use
    // costs a child start tens of milliseconds of CPU.
    private const byte Version = 1;

    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(Version);
            writer.Write(ChildId);
            writer.Write(ParentPid);
            writer.Write(UserConfig);
            WriteBytes(writer, Certificate);
            writer.Write(Tls);
            writer.Write(Single is not null);
            if (Single is { } single)
            {
                WriteBytes(writer, single.Target);
                writer.Write(single.Initializer is not null);
                if (single.Initializer is { } initializer)
                    WriteBytes(writer, initializer);
                writer.Write(single.TerminateGraceMilliseconds);
            }
        }
        return Convert.ToBase64String(buffer.ToArray());
    }

    public static ChildBootstrap Decode(string line)
    {
        using var reader = new BinaryReader(new MemoryStream(Convert.FromBase64String(line)));
        if (reader.ReadByte() != Version)
            throw new InvalidOperationException("The child's bootstrap line comes from another version of ActorPool.");
        var childId = reader.ReadInt32();
        var parentPid = reader.ReadInt32();
        var userConfig = reader.ReadString();
        var certificate = ReadBytes(reader);
        var tls = reader.ReadBoolean();
        SingleCall? single = null;
        if (reader.ReadBoolean())
        {
            var target = ReadBytes(reader);
            var initializer = reader.ReadBoolean() ? ReadBytes(reader) : null;
            single = new SingleCall(target, initializer, reader.ReadInt64());
        }
        return new ChildBootstrap(childId, parentPid, userConfig, certificate, tls, single);
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader) => reader.ReadBytes(reader.ReadInt32());
}

/// <summary>What a <see cref="ChildProcess"/> runs: its target, an optional initializer, and how long Terminate waits.</summary>
internal sealed record SingleCall(byte[] Target, byte[]? Initializer, long TerminateGraceMilliseconds);
