using Akka.Actor;
using ActorPool.Batching;

namespace ActorPool.Tests.Unit;

public sealed class BatchingTests : Akka.TestKit.Xunit2.TestKit
{
    private sealed record Batch(IReadOnlyList<int> Items);

    private sealed record Signal;

    [Fact]
    public void SendAll_SendsEachTargetOneMessageWithItsItemsInOrder()
    {
        var (a, b) = (CreateTestProbe(), CreateTestProbe());
        var batches = new Batches<int>(items => new Batch(items));
        batches.Add(a, 1);
        batches.Add(b, 10);
        batches.Add(a, 2);

        batches.SendAll(TestActor);

        Assert.Equal([1, 2], a.ExpectMsg<Batch>().Items);
        Assert.Equal([10], b.ExpectMsg<Batch>().Items);
        Assert.True(batches.IsEmpty);
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void SendTo_SendsOnlyThatTargetsItems_AheadOfWhatFollows()
    {
        var (a, b) = (CreateTestProbe(), CreateTestProbe());
        var batches = new Batches<int>(items => new Batch(items));
        batches.Add(a, 1);
        batches.Add(b, 2);

        batches.SendTo(a, TestActor);
        a.Ref.Tell("next", TestActor);

        Assert.Equal([1], a.ExpectMsg<Batch>().Items);
        a.ExpectMsg("next");
        b.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.False(batches.IsEmpty);
    }

    [Fact]
    public void Drop_ForgetsWhatWasCollectedForAGoneTarget()
    {
        var (a, b) = (CreateTestProbe(), CreateTestProbe());
        var batches = new Batches<int>(items => new Batch(items));
        batches.Add(a, 1);
        batches.Add(b, 2);

        batches.Drop(a);
        batches.SendAll(TestActor);

        Assert.Equal([2], b.ExpectMsg<Batch>().Items);
        a.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void AfterMailbox_ManyRequests_SignalOnce_ThenAgainAfterArrival()
    {
        var signal = new Signal();
        var after = new AfterMailbox(TestActor, signal);

        after.Request();
        after.Request();
        ExpectMsg(signal);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        after.Arrived();
        after.Request();
        ExpectMsg(signal);
    }
}
