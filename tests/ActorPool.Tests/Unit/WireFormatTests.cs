using System.Runtime.Serialization;
using ActorPool.Execution;
using ActorPool.Functions;
using ActorPool.Serialization;
using ActorPool.Wire;
using Akka.Actor;
using static ActorPool.Execution.ExecutionProtocol;

namespace ActorPool.Tests.Unit;

/// <summary>ActorPool's own wire messages and payload layout, without processes.</summary>
public sealed class WireFormatTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("wire", Configuration.PoolConfig.Merge(null));
    private readonly PoolWireSerializer _wire;

    public WireFormatTests() => _wire = new PoolWireSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    private T RoundTrip<T>(T message) where T : notnull => (T)_wire.FromBinary(_wire.ToBinary(message), _wire.Manifest(message));

    [Fact]
    public void EveryWireMessage_RoundTrips()
    {
        var error = new RemoteError("System.Exception", "boom", "at x", 42, [1, 2, 3]);
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var tasks = RoundTrip(new RunTasks([new RunTask(5, [1], traceParent), new RunTask(6, [])])).Tasks;
        Assert.Equal([5L, 6L], tasks.Select(t => t.TaskId));
        Assert.Equal([traceParent, null], tasks.Select(t => t.TraceParent));
        var ran = TimeSpan.FromMilliseconds(1234.5);
        var outcomes = RoundTrip(new TasksFinished([new TaskSucceeded(1, [9], ran), new TaskFaulted(2, error, ran), new TaskBounced(3), new TaskUndelivered(4)])).Outcomes;
        Assert.Equal([9], Assert.IsType<TaskSucceeded>(outcomes[0]).Result);
        Assert.Equal(ran, Assert.IsType<TaskSucceeded>(outcomes[0]).Ran);
        Assert.Equal(ran, Assert.IsType<TaskFaulted>(outcomes[1]).Ran);
        Assert.Equal(error.Message, Assert.IsType<TaskFaulted>(outcomes[1]).Error.Message);
        Assert.Equal([1, 2, 3], Assert.IsType<TaskFaulted>(outcomes[1]).Error.Original);
        Assert.IsType<TaskBounced>(outcomes[2]);
        Assert.Equal(4, Assert.IsType<TaskUndelivered>(outcomes[3]).TaskId);
        var settings = new RunnerSettings(3, 16, 10, [1], null, TimeSpan.FromSeconds(1), 1 << 30);
        Assert.Equal(settings with { Initializer = null }, RoundTrip(settings) with { Initializer = null });
        Assert.Equal(new CancelTask(long.MaxValue), RoundTrip(new CancelTask(long.MaxValue)));
        Assert.Equal(new RunnerReady(1, 1234), RoundTrip(new RunnerReady(1, 1234)));
        Assert.Equal(new ChildRetiring(2, RetireReason.Memory), RoundTrip(new ChildRetiring(2, RetireReason.Memory)));
        Assert.Equal(new RetireChild(RetireReason.Idle), RoundTrip(new RetireChild(RetireReason.Idle)));
        Assert.Equal(new ChildDrained(7), RoundTrip(new ChildDrained(7)));
        Assert.Same(Probe.Instance, RoundTrip(Probe.Instance));
        Assert.Equal(new ProbeAnswered(4), RoundTrip(new ProbeAnswered(4)));
        Assert.Equal(error.Type, RoundTrip(new RunnerInitFailed(1, error)).Error.Type);
    }

    [Theory]
    [InlineData("T")]
    [InlineData("F")]
    [InlineData("S")]
    public void FromBinary_TruncatedOrForged_ThrowsSerializationException(string manifest)
    {
        Assert.Throws<SerializationException>(() => _wire.FromBinary([0x7E], manifest));
        Assert.Throws<SerializationException>(() => _wire.FromBinary([], manifest));
        Assert.Throws<SerializationException>(() => _wire.FromBinary([1], "unknown"));
    }

    public static TheoryData<object> Values => new()
    {
        true, 42, -7L, 3.5, "text", new byte[] { 1, 2, 3 }, 1.5f, (short)-3, (byte)200, 'x', 12.34m,
        Guid.NewGuid(), new DateTime(2026, 11, 25, 1, 2, 3, DateTimeKind.Utc), TimeSpan.FromMinutes(3),
        new DateTimeOffset(2026, 11, 25, 1, 2, 3, TimeSpan.FromHours(2)), uint.MaxValue, ulong.MaxValue, (ushort)9, (sbyte)-9,
        new List<int> { 1, 2 }, DayOfWeek.Friday,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void PayloadCodec_Value_RoundTripsWithItsType(object value)
    {
        var back = PayloadCodec.Default.Deserialize(PayloadCodec.Default.Serialize(value));

        Assert.Equal(value.GetType(), back!.GetType());
        Assert.Equal(value, back);
    }

    [Fact]
    public void PayloadCodec_TaskCall_RoundTripsWithMixedArguments()
    {
        var call = new TaskCall(new MethodRef("T, A", 0x06000001, ["System.Int32"]), null, [1, "two", null, new List<string> { "x" }]);

        var back = Assert.IsType<TaskCall>(PayloadCodec.Default.Deserialize(PayloadCodec.Default.Serialize(call)));

        Assert.Equal(call.Method, back.Method);
        Assert.Null(back.Target);
        Assert.Equal(1, back.Args[0]);
        Assert.Equal("two", back.Args[1]);
        Assert.Null(back.Args[2]);
        Assert.Equal(["x"], Assert.IsType<List<string>>(back.Args[3]));
    }

    // The call's writer starts in a pooled buffer of 256 bytes and leaves the pool as it grows past 64 KiB.
    [Theory]
    [InlineData(100)]
    [InlineData(60_000)]
    [InlineData(300_000)]
    public void PayloadCodec_TaskCall_WithAnArgumentOfAnySize_RoundTrips(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var call = new TaskCall(new MethodRef("T, A", 0x06000001, ["System.Byte[]"]), null, [bytes, "after"]);

        var back = Assert.IsType<TaskCall>(PayloadCodec.Default.Deserialize(PayloadCodec.Default.Serialize(call)));

        Assert.Equal(bytes, Assert.IsType<byte[]>(back.Args[0]));
        Assert.Equal("after", back.Args[1]);
    }

    [Fact]
    public void PayloadCodec_Null_IsNoBytes()
    {
        Assert.Empty(PayloadCodec.Default.Serialize(null));
        Assert.Null(PayloadCodec.Default.Deserialize([]));
    }
}
