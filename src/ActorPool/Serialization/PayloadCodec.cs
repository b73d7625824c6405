using Akka.Actor;
using ActorPool.Configuration;
using ActorPool.Functions;
using ActorPool.Wire;

namespace ActorPool.Serialization;

/// <summary>
/// Turns task calls, results, exceptions and shared-primitive items into bytes and back with the settings of one
/// ActorSystem (one pool, one child, one process's shared-primitive host): its Hyperion deny list and its
/// <c>actorpool.max-payload-size</c>. Payloads are encoded in the caller's own thread, so that one that cannot travel
/// fails where it was made instead of being dropped inside Akka.Remote.
/// </summary>
/// <remarks>
/// Each system has its own (<see cref="For"/>), so that two pools in one process keep their own settings;
/// <see cref="Default"/> has ActorPool's reference settings, for what is encoded without a pool (an
/// <see cref="Invoke"/>, a <see cref="ChildProcess"/>'s target).
/// </remarks>
internal sealed class PayloadCodec : IExtension
{
    private static readonly Lazy<PayloadCodec> s_default = new(() =>
    {
        var reference = ReferenceConfig.Load();
        return new PayloadCodec(() => HyperionFactory.Create(HyperionSettings.From(reference), static () => null), PoolSettings.From(reference).MaxPayloadSize);
    });

    private readonly Lazy<Hyperion.Serializer> _hyperion;

    /// <param name="hyperion">Makes the Hyperion instance, on first use.</param>
    /// <param name="maxPayloadSize">The largest payload, in bytes.</param>
    public PayloadCodec(Func<Hyperion.Serializer> hyperion, long maxPayloadSize)
    {
        _hyperion = new Lazy<Hyperion.Serializer>(hyperion);
        MaxPayloadSize = maxPayloadSize;
    }

    /// <summary>ActorPool's reference settings, with no ActorSystem to resolve actor references through.</summary>
    public static PayloadCodec Default => s_default.Value;

    /// <summary>The largest payload, in bytes, that may be sent each way (<c>actorpool.max-payload-size</c>).</summary>
    public long MaxPayloadSize { get; }

    /// <summary>Closure types whose captured state this codec was seen to read back (checked once each).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<Type, bool> VerifiedClosureTypes { get; } = new();

    /// <summary>The codec of <paramref name="system"/>, made on first use from its configuration.</summary>
    public static PayloadCodec For(ActorSystem system) => system.WithExtension<PayloadCodec, PayloadCodecExtension>();

    /// <summary>
    /// Checks that <paramref name="value"/> can travel, serializes it and checks its size. Returns null when all is
    /// well, else why not (the caller throws the exception its own callers expect).
    /// </summary>
    public string? TryEncode(object? value, string what, out byte[] bytes)
    {
        bytes = [];
        try
        {
            CaptureInspector.EnsureCanTravel(value, what, what);
            bytes = Serialize(value);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{what} of type {value?.GetType().FullName} cannot be serialized: {e.Message}";
        }
        if (bytes.LongLength > MaxPayloadSize)
            return $"{what} of type {value?.GetType().FullName} serializes to {bytes.LongLength} bytes, over actorpool.max-payload-size ({MaxPayloadSize} bytes).";
        return null;
    }

    /// <summary>Writes <paramref name="value"/> in <see cref="PayloadFormat"/>; null is no bytes at all.</summary>
    public byte[] Serialize(object? value)
    {
        if (value is null)
            return [];
        var writer = new WireWriter(value is byte[] bytes ? bytes.Length + 16 : 256);
        PayloadFormat.Write(writer, value, () => _hyperion.Value);
        return writer.ToArray();
    }

    public object? Deserialize(byte[] bytes)
    {
        if (bytes.Length == 0)
            return null;
        var reader = new WireReader(bytes);
        return PayloadFormat.Read(ref reader, () => _hyperion.Value);
    }

    /// <summary>Serializes <paramref name="value"/>, or returns null when it cannot be.</summary>
    public byte[]? TrySerialize(object? value)
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
}

/// <summary>Makes each ActorSystem's <see cref="PayloadCodec"/>: its settings, and the Hyperion instance its serializer already holds.</summary>
internal sealed class PayloadCodecExtension : ExtensionIdProvider<PayloadCodec>
{
    public override PayloadCodec CreateExtension(ExtendedActorSystem system)
    {
        var config = system.Settings.Config;
        // The system's own serializer holds a Hyperion instance with these settings (made when first used); building
        // another would cost a child start its share of Hyperion's set-up.
        var bound = system.Serialization.FindSerializerForType(typeof(object)) as HyperionSerializer;
        return new PayloadCodec(
            () => bound?.Hyperion ?? HyperionFactory.Create(HyperionSettings.From(config), () => system),
            PoolSettings.From(config).MaxPayloadSize);
    }
}
