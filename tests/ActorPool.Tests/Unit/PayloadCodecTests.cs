using System.Runtime.Serialization;
using ActorPool.Configuration;
using ActorPool.Serialization;
using ActorPool.SharedMemory;
using ActorPool.Tests.Support;
using ActorPool.Wire;

namespace ActorPool.Tests.Unit;

/// <summary>Payloads in one process: the shapes that travel with MemoryPack, and large values in a shared-memory area.</summary>
public sealed class PayloadCodecTests : IDisposable
{
    private readonly string _root = Path.Combine("/dev/shm", $"actorpool-tests-{Guid.NewGuid():N}");
    private readonly PayloadAreas _areas;
    private readonly PayloadCodec _codec;

    public PayloadCodecTests()
    {
        Directory.CreateDirectory(_root);
        _areas = new PayloadAreas(new SharedMemorySettings(true, 64 * 1024, 64 << 20, _root), log: null);
        var reference = ReferenceConfig.Load();
        _codec = new PayloadCodec(() => HyperionFactory.Create(HyperionSettings.From(reference), static () => null), 96 << 20, _areas);
    }

    public void Dispose()
    {
        _areas.Close();
        Directory.Delete(_root, recursive: true);
    }

    public static TheoryData<object> PackedValues() =>
    [
        new[] { 1, 2, 3 },
        new List<string?> { "a", null, "ü" },
        Enumerable.Range(0, 1000).ToDictionary(i => $"key-{i}", i => i),
        new HashSet<long> { 1, 2, 3 },
        new List<double[]> { new[] { 1.5 }, Array.Empty<double>() },
        new int?[] { 1, null },
        new Dictionary<Guid, DateTime> { [Guid.NewGuid()] = DateTime.UtcNow },
        new PackedPoint(3, 4, "p"),
        new List<PackedPoint> { new(1, 2, "a"), new(5, 6, "b") },
    ];

    [Theory]
    [MemberData(nameof(PackedValues))]
    public void Serialize_CommonShapes_TravelWithMemoryPackAndComeBackEqual(object value)
    {
        Assert.NotNull(PackedShapes.DescriptorFor(value));

        var back = _codec.Deserialize(_codec.Serialize(value));

        Assert.IsType(value.GetType(), back);
        Assert.Equivalent(value, back, strict: true);
    }

    [Fact]
    public void Serialize_DictionaryWithItsOwnComparer_KeepsHyperion()
    {
        var value = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["A"] = 1 };

        Assert.Null(PackedShapes.DescriptorFor(value));
        Assert.Equal(value, _codec.Deserialize(_codec.Serialize(value)));
    }

    [Fact]
    public void DescriptorFor_ElementsThatMayBeOfDerivedTypes_KeepsHyperion()
    {
        Assert.Null(PackedShapes.DescriptorFor(new List<object> { 1, "a" }));
        Assert.Null(PackedShapes.DescriptorFor(new List<Exception> { new InvalidOperationException() }));
        Assert.Null(PackedShapes.DescriptorFor(new List<Dictionary<string, int>>()));
        Assert.Equal(new List<object> { 1, "a" }, _codec.Deserialize(_codec.Serialize(new List<object> { 1, "a" })));
    }

    [Fact]
    public void Deserialize_DescriptorNamingATypeThatIsNotPackable_IsRefused()
    {
        // Tag 23 (packed), type code 40 (a user type) naming a type that is not [MemoryPackable].
        using var writer = new WireWriter();
        writer.Byte(23);
        writer.Byte(40);
        writer.String(typeof(FileInfo).AssemblyQualifiedName);
        writer.Bytes([0]);

        var error = Assert.Throws<SerializationException>(() => _codec.Deserialize(writer.ToArray()));
        Assert.Contains("FileInfo", error.Message);
    }

    [Fact]
    public void Serialize_Shared_LargeValuesGoToTheAreaAndOnlyHandlesTravel()
    {
        var bytes = RandomBytes(1 << 20);
        var text = new string('x', 200_000);
        var dictionary = Enumerable.Range(0, 20_000).ToDictionary(i => i, i => i.ToString());
        var call = new object?[] { bytes, text, dictionary, 7, RandomBytes(100) };

        var payload = _codec.Serialize(call.ToList(), share: false);
        var shared = _codec.Serialize(new ActorPool.Functions.TaskCall(ActorPool.Functions.MethodRef.Of(typeof(Jobs).GetMethod(nameof(Jobs.Add))!), null, call), share: true);

        Assert.True(payload.Length > 1 << 20);
        Assert.True(shared.Length < 1024, $"{shared.Length} bytes travel inline");
        Assert.True(PayloadCodec.SizeOf(shared) > (1 << 20) + 200_000);
        var back = (ActorPool.Functions.TaskCall)_codec.Deserialize(shared)!;
        Assert.Equal(bytes, back.Args[0]);
        Assert.Equal(text, back.Args[1]);
        Assert.Equal(dictionary, back.Args[2]);
        Assert.Equal(7, back.Args[3]);
        Assert.Equal(3, _areas.Own()!.LiveSlots);

        _codec.ReleaseSlots(shared);

        Assert.Equal(0, _areas.Own()!.LiveSlots);
        Assert.Throws<SerializationException>(() => _codec.Deserialize(shared));
    }

    [Fact]
    public void Serialize_Shared_BelowTheThresholdOrWithoutAnArea_StaysInline()
    {
        var small = _codec.Serialize(RandomBytes(60 * 1024), share: true);
        var unshared = _codec.Serialize(RandomBytes(1 << 20), share: false);

        Assert.Equal(PayloadCodec.SizeOf(small), small.Length);
        Assert.Equal(PayloadCodec.SizeOf(unshared), unshared.Length);
        Assert.Null(_areas.Own() is { } own && own.LiveSlots > 0 ? own : null);
    }

    [Fact]
    public void TryEncode_SharedPayloadOverTheLimit_IsRefusedAndItsSlotsFreed()
    {
        var reference = ReferenceConfig.Load();
        var strict = new PayloadCodec(() => HyperionFactory.Create(HyperionSettings.From(reference), static () => null), 512 * 1024, _areas);

        var refusal = strict.TryEncode(RandomBytes(1 << 20), "The value", out var bytes, share: true);

        Assert.Contains("over actorpool.max-payload-size", refusal);
        Assert.Empty(bytes);
        Assert.Equal(0, _areas.Own()!.LiveSlots);
    }

    [Fact]
    public void HoldSlots_OfAProcessRetiredAsExited_IsFalse()
    {
        var payload = _codec.Serialize(RandomBytes(1 << 20), share: true);
        var readerAreas = new PayloadAreas(new SharedMemorySettings(true, 64 * 1024, 64 << 20, _root), log: null);
        var reader = new PayloadCodec(() => throw new InvalidOperationException(), 96 << 20, readerAreas);
        Assert.True(reader.HoldSlots(payload));
        reader.ReleaseSlots(payload);

        readerAreas.Retire(Environment.ProcessId);

        Assert.False(reader.HoldSlots(payload));
        Assert.Throws<SerializationException>(() => reader.Deserialize(payload));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
