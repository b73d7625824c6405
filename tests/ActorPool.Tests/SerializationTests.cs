using ActorPool.Serialization;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Tests;

public sealed class SerializationTests(OneChildPool shared) : IClassFixture<OneChildPool>
{
    [Fact]
    public async Task ApplyAsync_UserTypes_RoundTripThroughAChild()
    {
        var pool = shared.Pool;
        var order = new Order(Guid.NewGuid(), "ada", [new OrderLine("x", 2, 1.5m)], new() { ["k"] = "v" });

        var echoed = await pool.ApplyAsync(Jobs.EchoOrder, order);
        Assert.Equal(order.Id, echoed.Id);
        Assert.Equal(["x", "echo"], echoed.Lines.Select(l => l.Sku));
        Assert.Equal("v", echoed.Tags["k"]);

        var root = new Graph { Name = "root" };
        var child = new Graph { Name = "child", Parent = root };
        root.Children.Add(child);
        var graph = await pool.ApplyAsync(Jobs.EchoGraph, root);
        Assert.Same(graph, graph.Children[0].Parent);

        var counts = await pool.ApplyAsync(Jobs.CountWords, new[] { "a", "b", "a" });
        Assert.Equal(2, counts["a"]);
        Assert.Equal(1, counts["b"]);
    }

    [Fact]
    public async Task ApplyAsync_64MiBEachWay_ArrivesWhole()
    {
        var data = new byte[64 * 1024 * 1024];
        new Random(42).NextBytes(data);

        var reversed = await shared.Pool.ApplyAsync(Jobs.Reverse, data);

        Assert.Equal(data.Length, reversed.Length);
        Array.Reverse(reversed);
        Assert.True(data.AsSpan().SequenceEqual(reversed));
    }

    [Fact]
    public async Task ApplyAsync_PayloadOverTheLimit_ThrowsArgumentExceptionBeforeSending()
    {
        var config = ConfigurationFactory.ParseString("actorpool.max-payload-size = 1MiB");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });

        var error = Assert.Throws<ArgumentException>(() => { _ = scope.Pool.ApplyAsync(Jobs.Reverse, new byte[2 * 1024 * 1024]); });

        Assert.Contains("max-payload-size", error.Message);
        Assert.Equal(3, await scope.Pool.ApplyAsync(Jobs.Add, 1, 2));
    }

    [Fact]
    public async Task TwoPoolsInOneProcess_DifferentLimitsAndDenyLists_EachKeepsItsOwn()
    {
        var strict = ConfigurationFactory.ParseString("""
            actorpool.max-payload-size = 1MiB
            actorpool.serialization.hyperion.denied-type-prefixes = ["ActorPool.Tests.Support.Order"]
            """);
        await using var strictScope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = strict });
        var relaxed = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var big = new byte[2 * 1024 * 1024];
        var order = new Order(Guid.NewGuid(), "ada", [new OrderLine("a", 1, 1m)], []);

        // Started last, the relaxed pool changes nothing for the strict one, and the other way round: the strict one
        // refuses the big array and the denied type at the call, before anything is sent.
        Assert.Throws<ArgumentException>(() => { _ = strictScope.Pool.ApplyAsync(Jobs.Reverse, big); });
        Assert.Throws<ArgumentException>(() => { _ = strictScope.Pool.ApplyAsync(Jobs.EchoOrder, order); });
        Assert.Equal(big.Length, (await relaxed.Pool.ApplyAsync(Jobs.Reverse, big)).Length);
        Assert.Equal(2, (await relaxed.Pool.ApplyAsync(Jobs.EchoOrder, order)).Lines.Length);

        // Nor does its end.
        await relaxed.DisposeAsync();
        Assert.Throws<ArgumentException>(() => { _ = strictScope.Pool.ApplyAsync(Jobs.Reverse, big); });
    }

    [Fact]
    public void ReferenceConfig_BindsWireMessagesToTheWireSerializerAndEverythingElseToHyperion()
    {
        using var system = ActorSystem.Create("binding", Configuration.PoolConfig.Merge(null));
        var serialization = ((ExtendedActorSystem)system).Serialization;

        Assert.IsType<HyperionSerializer>(serialization.FindSerializerForType(typeof(object)));
        Assert.IsType<Wire.PoolWireSerializer>(serialization.FindSerializerForType(typeof(Invoke)));
        Assert.IsType<Wire.PoolWireSerializer>(serialization.FindSerializerForType(typeof(Execution.ExecutionProtocol.RunTasks)));
        Assert.IsType<Wire.PoolWireSerializer>(serialization.FindSerializerForType(typeof(Execution.ExecutionProtocol.RunnerSettings)));
        Assert.IsType<HyperionSerializer>(serialization.FindSerializerForType(typeof(Status.Failure)));
    }

    [Fact]
    public void HyperionSerializer_ProxyExceptionAndActorRef_RoundTrip()
    {
        using var system = ActorSystem.Create("roundtrip", Configuration.PoolConfig.Merge(null));
        var serializer = new HyperionSerializer((ExtendedActorSystem)system);
        var original = new ChildCrashedException(1234, 137, 4);
        var actor = system.ActorOf(Props.Empty, "someone");

        var crashed = Assert.IsType<ChildCrashedException>(serializer.FromBinary(serializer.ToBinary(new Status.Failure(original)), null) is Status.Failure f ? f.Cause : null);
        Assert.Equal(137, crashed.ExitCode);
        Assert.Equal(4, crashed.Attempts);
        Assert.Equal(1234, crashed.ChildPid);
        Assert.Equal(actor, serializer.FromBinary(serializer.ToBinary(actor), null));
    }

    [Fact]
    public void JsonSerializerIdentifier_IsTakenByOneThatRefusesEveryMessage()
    {
        using var system = ActorSystem.Create("json", Configuration.PoolConfig.Merge(null));
        var serialization = ((ExtendedActorSystem)system).Serialization;
        // What a peer would send: a Newtonsoft payload naming a type to create.
        var json = System.Text.Encoding.UTF8.GetBytes("""{"$type":"System.IO.FileInfo, System.IO.FileSystem","fileName":"/tmp/x"}""");

        Assert.ThrowsAny<System.Runtime.Serialization.SerializationException>(() => serialization.Deserialize(json, 1, typeof(object)));
        Assert.Throws<NotSupportedException>(() => new RefusingSerializer((ExtendedActorSystem)system).ToBinary(new object()));
    }

    [Fact]
    public void HyperionSerializer_DeniedType_IsNotDeserialized()
    {
        var config = ConfigurationFactory.ParseString("""actorpool.serialization.hyperion.denied-type-prefixes = ["ActorPool.Tests.Support.Order"]""")
            .WithFallback(Configuration.PoolConfig.Merge(null));
        using var sender = ActorSystem.Create("sender", Configuration.PoolConfig.Merge(null));
        using var receiver = ActorSystem.Create("receiver", config);
        var bytes = new HyperionSerializer((ExtendedActorSystem)sender).ToBinary(new Order(Guid.Empty, "x", [], []));

        Assert.ThrowsAny<Exception>(() => new HyperionSerializer((ExtendedActorSystem)receiver).FromBinary(bytes, null));
    }
}
