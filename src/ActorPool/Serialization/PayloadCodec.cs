using Akka.Actor;

namespace ActorPool.Serialization;

/// <summary>
/// Turns task calls, results and exceptions into bytes in the caller's own thread, so that a payload that
/// cannot travel fails where it was made instead of being dropped inside Akka.Remote.
/// </summary>
internal static class PayloadCodec
{
    private static volatile Codec? s_current;

    /// <summary>The largest payload, in bytes, that may be sent each way (<c>actorpool.max-payload-size</c>).</summary>
    public static long MaxPayloadSize { get; private set; } = Configuration.PoolSettings.From(Configuration.ReferenceConfig.Load()).MaxPayloadSize;

    /// <summary>Uses <paramref name="system"/>'s settings and its Hyperion serializer, and resolves actor references through it.</summary>
    public static void Attach(ExtendedActorSystem system)
    {
        // The system's own serializer already holds a Hyperion instance with these settings; building another costs a
        // child start its share of Hyperion's set-up.
        var hyperion = system.Serialization.FindSerializerForType(typeof(object)) is HyperionSerializer bound
            ? bound.Hyperion
            : HyperionFactory.Create(HyperionSettings.From(system.Settings.Config), () => system);
        s_current = new Codec(hyperion);
        MaxPayloadSize = Configuration.PoolSettings.From(system.Settings.Config).MaxPayloadSize;
    }

    public static byte[] Serialize(object? value) => Current.Serialize(value);

    public static object? Deserialize(byte[] bytes) => Current.Deserialize(bytes);

    private static Codec Current => s_current ?? InitDefault();

    private static Codec InitDefault()
    {
        Interlocked.CompareExchange(ref s_current, new Codec(HyperionFactory.Create(HyperionSettings.Default, static () => null)), null);
        return s_current;
    }

    /// <summary>Serializes <paramref name="value"/>, or returns null when it cannot be.</summary>
    public static byte[]? TrySerialize(object? value)
    {
        try
        {
            return Serialize(value);
        }
        catch (Exception)
        {
            return null;
        }
    }

    private sealed class Codec(Hyperion.Serializer hyperion)
    {
        private readonly Hyperion.Serializer _hyperion = hyperion;

        // Hyperion does not take a null root, so null travels as no bytes at all.
        public byte[] Serialize(object? value)
        {
            if (value is null)
                return [];
            using var stream = new MemoryStream();
            _hyperion.Serialize(value!, stream);
            return stream.ToArray();
        }

        public object? Deserialize(byte[] bytes)
        {
            if (bytes.Length == 0)
                return null;
            using var stream = new MemoryStream(bytes, writable: false);
            return _hyperion.Deserialize<object?>(stream);
        }
    }
}
