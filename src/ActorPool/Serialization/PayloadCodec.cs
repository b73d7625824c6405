using Akka.Actor;
using ActorPool.Configuration;
using ActorPool.Functions;
using ActorPool.SharedMemory;
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

    // Before a payload whose large values lie in shared memory: the handles of their slots.
    private const byte Slotted = 27;

    private readonly Lazy<Hyperion.Serializer> _hyperion;
    private readonly Func<Hyperion.Serializer> _hyperionOnFirstUse; // one delegate for every scope, not one per payload
    private readonly PayloadAreas? _areas;

    /// <param name="hyperion">Makes the Hyperion instance, on first use.</param>
    /// <param name="maxPayloadSize">The largest payload, in bytes.</param>
    /// <param name="areas">The shared-memory areas large values may travel through, or null for none.</param>
    public PayloadCodec(Func<Hyperion.Serializer> hyperion, long maxPayloadSize, PayloadAreas? areas = null)
    {
        _hyperion = new Lazy<Hyperion.Serializer>(hyperion);
        _hyperionOnFirstUse = () => _hyperion.Value;
        MaxPayloadSize = maxPayloadSize;
        _areas = areas;
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
    /// <remarks>With <paramref name="share"/>, large values may go to this process's shared-memory area (see <see cref="Serialize"/>).</remarks>
    public string? TryEncode(object? value, string what, out byte[] bytes, bool share = false)
    {
        bytes = [];
        try
        {
            CaptureInspector.EnsureCanTravel(value, what, what);
            bytes = Serialize(value, share);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{what} of type {value?.GetType().FullName} cannot be serialized: {e.Message}";
        }
        if (SizeOf(bytes) is var size && size > MaxPayloadSize)
        {
            ReleaseSlots(bytes);
            bytes = [];
            return $"{what} of type {value?.GetType().FullName} serializes to {size} bytes, over actorpool.max-payload-size ({MaxPayloadSize} bytes).";
        }
        return null;
    }

    /// <summary>Writes <paramref name="value"/> in <see cref="PayloadFormat"/>; null is no bytes at all.</summary>
    /// <remarks>
    /// With <paramref name="share"/>, values of <c>actorpool.shared-memory.threshold</c> or more go to this process's
    /// shared-memory area, the bytes returned holding only their handles. Such a payload is for a process of this host,
    /// and its owner frees its slots with <see cref="ReleaseSlots"/> once nobody will read it again.
    /// </remarks>
    public byte[] Serialize(object? value, bool share = false)
    {
        if (value is null)
            return [];
        var scope = new PayloadWriteScope(_hyperionOnFirstUse, share ? _areas : null, _areas?.Settings.Threshold ?? long.MaxValue);
        using var body = new WireWriter(value is byte[] bytes && !scope.WouldShare(bytes.Length) ? bytes.Length + 16 : 256);
        try
        {
            PayloadFormat.Write(body, value, scope);
        }
        catch
        {
            scope.FreeAll();
            throw;
        }
        if (scope.Slots.Count == 0)
            return body.ToArray();
        using var payload = new WireWriter(body.Written.Length + 64 * scope.Slots.Count);
        payload.Byte(Slotted);
        payload.Int(scope.Slots.Count);
        Span<byte> nonce = stackalloc byte[16];
        foreach (var slot in scope.Slots)
        {
            payload.Int(slot.Area.Pid);
            slot.Area.Nonce.TryWriteBytes(nonce);
            payload.Raw(nonce);
            payload.Long(slot.Offset);
            payload.Long(slot.Length);
            payload.Long(slot.Token);
        }
        payload.Raw(body.Written);
        return payload.ToArray();
    }

    public object? Deserialize(byte[] bytes)
    {
        if (bytes.Length == 0)
            return null;
        var reader = new WireReader(bytes);
        var slots = ReadSlots(ref reader);
        return PayloadFormat.Read(ref reader, new PayloadReadScope(_hyperionOnFirstUse, _areas, slots));
    }

    /// <summary>The payload's size: its bytes and those of the slots they refer to.</summary>
    public static long SizeOf(byte[] bytes) => bytes.LongLength + Slots(bytes).Sum(s => s.Length);

    /// <summary>
    /// Keeps the peers' areas a received payload lies in mapped until <see cref="ReleaseSlots"/>, even if their processes
    /// exit meanwhile. False (nothing kept) when one is gone already: the payload cannot be read.
    /// </summary>
    public bool HoldSlots(byte[] bytes)
    {
        var slots = Slots(bytes);
        for (var i = 0; i < slots.Length; i++)
        {
            if (_areas?.Find(slots[i].Area) is not { } area || !area.TryPin())
            {
                for (var j = 0; j < i; j++)
                    _areas!.Find(slots[j].Area)?.Unpin();
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Frees the slots of a payload nobody will read again: this process's own are freed, a peer's (held with
    /// <see cref="HoldSlots"/>) are marked released for their writer and let go.
    /// </summary>
    public void ReleaseSlots(byte[] bytes)
    {
        foreach (var slot in Slots(bytes))
        {
            switch (_areas?.Find(slot.Area))
            {
                case OwnArea own:
                    own.Free(slot);
                    break;
                case PeerArea peer:
                    try
                    {
                        peer.MarkReleased(slot);
                    }
                    finally
                    {
                        peer.Unpin();
                    }
                    break;
            }
        }
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

    private static SlotHandle[] Slots(byte[] bytes)
    {
        if (bytes.Length == 0 || bytes[0] != Slotted)
            return [];
        var reader = new WireReader(bytes);
        return ReadSlots(ref reader);
    }

    private static SlotHandle[] ReadSlots(ref WireReader reader)
    {
        if (reader.Peek() != Slotted)
            return [];
        reader.Byte();
        var slots = new SlotHandle[reader.Count()];
        for (var i = 0; i < slots.Length; i++)
        {
            var pid = reader.Int();
            var nonce = new Guid(reader.Fixed(16));
            slots[i] = new SlotHandle(new AreaId(pid, nonce), reader.Long(), reader.Long(), reader.Long());
        }
        return slots;
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
            PoolSettings.From(config).MaxPayloadSize,
            PayloadAreas.For(system));
    }
}
