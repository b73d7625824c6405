using ActorPool.Tests.Support;

namespace ActorPool.Tests.Primitives;

/// <summary>SharedPipe and the shared objects (dictionary, list, value) between this process and real children.</summary>
public sealed class PipeAndObjectTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pipe_Duplex_ChildEchoesWhatThisEndSends()
    {
        var (mine, theirs) = SharedPipe.Create<string>();
        await using var worker = Worker.Start(SharedJobs.EchoAsync, theirs, 3);

        Assert.False(await mine.PollAsync(TimeSpan.Zero));
        foreach (var word in new[] { "a", "b", "c" })
            await mine.SendAsync(word);
        Assert.True(await mine.PollAsync(Limit));
        var echoes = new List<string>();
        for (var i = 0; i < 3; i++)
            echoes.Add(await mine.ReceiveAsync().WaitAsync(Limit));

        Assert.Equal(["echo:a", "echo:b", "echo:c"], echoes);
        await worker.JoinAsync(Limit);
        Assert.Equal(0, worker.ExitCode);
    }

    [Fact]
    public async Task Pipe_OneWay_EachEndOnlyDoesItsPart()
    {
        var (receiver, sender) = SharedPipe.Create<int>(duplex: false);

        Assert.False(receiver.CanSend);
        Assert.False(sender.CanReceive);
        Assert.Throws<InvalidOperationException>(() => { _ = receiver.SendAsync(1); });
        Assert.Throws<InvalidOperationException>(() => { _ = sender.ReceiveAsync(); });
        await sender.SendAsync(5);
        Assert.Equal(5, await receiver.ReceiveAsync());
    }

    [Fact]
    public async Task Objects_ChildrenFillDictionaryListAndValue_ThisProcessSeesEveryChange()
    {
        var dictionary = new SharedDictionary<string, int>();
        var list = new SharedList<string>();
        var total = new SharedValue<int>(0);
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2 });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(tag => scope.Pool.ApplyAsync(SharedJobs.FillObjectsAsync, dictionary, list, total, tag))).WaitAsync(Limit);

        Assert.Equal(80, await total.GetAsync());
        Assert.Equal(80, await dictionary.CountAsync());
        Assert.Equal(80, await list.CountAsync());
        var snapshot = await dictionary.SnapshotAsync();
        Assert.Equal(19, snapshot["3-19"]);
        Assert.Equal(snapshot.Keys.Order(), (await list.SnapshotAsync()).Order());
    }

    [Fact]
    public async Task Objects_EveryOperation_BehavesAsItsCollection()
    {
        var dictionary = new SharedDictionary<(int, string), string>();
        Assert.True(await dictionary.TryAddAsync((1, "a"), "one"));
        Assert.False(await dictionary.TryAddAsync((1, "a"), "uno"));
        Assert.Equal("one", await dictionary.GetAsync((1, "a")));
        Assert.Equal((false, null), await dictionary.TryGetAsync((2, "a")));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => dictionary.GetAsync((2, "a")));
        Assert.True(await dictionary.ContainsKeyAsync((1, "a")));
        Assert.True(await dictionary.RemoveAsync((1, "a")));
        Assert.False(await dictionary.RemoveAsync((1, "a")));

        var list = new SharedList<string>();
        Assert.Equal(0, await list.AddAsync("x"));
        Assert.Equal(1, await list.AddAsync("y"));
        await list.SetAsync(0, "z");
        await list.RemoveAtAsync(1);
        Assert.Equal(["z"], await list.SnapshotAsync());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => list.GetAsync(5));

        var value = new SharedValue<string>("a");
        await value.SetAsync("b");
        Assert.Equal("bc", await value.UpdateAsync(v => v + "c"));
        Assert.Equal("bc", await value.GetAsync());
    }
}
