using Akka.Configuration;
using ActorPool.SharedMemory;
using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>Large arguments and results through the processes' shared-memory areas, with real children.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SharedMemoryTests
{
    [Fact]
    public async Task LargeArgumentsAndResults_ComeBackEqual_AndNoAreaIsLeftAfterDispose()
    {
        var pool = await TestPool.StartAsync(new PoolOptions { Processes = 2 });
        IReadOnlyList<int> children;
        string ownArea;
        await using (pool)
        {
            var bytes = RandomBytes(8 << 20);
            var text = new string('ü', 300_000);
            var dictionary = Enumerable.Range(0, 100_000).ToDictionary(i => i, i => $"value-{i}");
            var points = Enumerable.Range(0, 50_000).Select(i => new PackedPoint(i, -i, "p")).ToList();
            var arrays = Enumerable.Range(0, 20).Select(_ => RandomBytes(256 * 1024)).ToList();

            Assert.Equal(bytes, await pool.Pool.ApplyAsync(Jobs.EchoBytes, bytes));
            Assert.Equal(text, await pool.Pool.ApplyAsync(Jobs.EchoString, text));
            Assert.Equal(dictionary, await pool.Pool.ApplyAsync(Jobs.EchoDictionary, dictionary));
            Assert.Equal(points, await pool.Pool.ApplyAsync(Jobs.EchoPoints, points));
            Assert.Equal(arrays, await pool.Pool.Map(Jobs.EchoBytes, arrays));

            // They went through the parent's area (and its children's), and every argument's slot is free again.
            var own = PayloadAreas.For(pool.Pool.System).Existing;
            Assert.NotNull(own);
            Assert.Equal(0, own.LiveSlots);
            // This pool's own: other pools of the test process (other test classes) have theirs.
            ownArea = Path.Combine(AreaProbe.Directory, own.Id.FileName);
            Assert.True(File.Exists(ownArea), $"{ownArea} is not the pool's area");
            children = pool.Pool.ChildPids;
            Assert.Contains(children, pid => AreaProbe.AreasOf(pid).Length > 0);
        }

        Assert.False(File.Exists(ownArea), $"{ownArea} is still there");
        Assert.All(children, pid => Assert.Empty(AreaProbe.AreasOf(pid)));
    }

    [Fact]
    public async Task ChildKilled_ItsAreaIsRemovedAtOnce()
    {
        await using var pool = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var bytes = RandomBytes(1 << 20);
        Assert.Equal(bytes, await pool.Pool.ApplyAsync(Jobs.EchoBytes, bytes));
        var child = pool.Pool.ChildPids.Single();
        Assert.NotEmpty(AreaProbe.AreasOf(child));

        System.Diagnostics.Process.GetProcessById(child).Kill();

        Assert.True(await Wait.UntilAsync(() => AreaProbe.AreasOf(child).Length == 0, TimeSpan.FromSeconds(30)), "the killed child's area is still there");
        Assert.Equal(bytes, await pool.Pool.ApplyAsync(Jobs.EchoBytes, bytes));
    }

    [Fact]
    public async Task ChildCrashesAfterReadingALargeArgument_TheRetryReadsTheSameArgument()
    {
        await using var pool = await TestPool.StartAsync(new PoolOptions { Processes = 2 });
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-failfast-{Guid.NewGuid():N}");
        var bytes = RandomBytes(2 << 20);
        try
        {
            Assert.Equal(bytes.Sum(b => (long)b), await pool.Pool.ApplyAsync(Jobs.SumFailFastOnce, marker, bytes).WaitAsync(TimeSpan.FromSeconds(120)));
            Assert.Equal(0, PayloadAreas.For(pool.Pool.System).Existing!.LiveSlots);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Theory]
    [InlineData("actorpool.shared-memory.enabled = off", false)]
    [InlineData("actorpool.shared-memory.directory = \"/nonexistent\"", false)]
    [InlineData("actorpool.shared-memory.threshold = 4MiB", false)]
    [InlineData("actorpool.shared-memory.area-size = 1MiB", true)]
    public async Task SharedMemoryOffUnavailableOrFull_LargePayloadsTravelInline(string hocon, bool areaMade)
    {
        await using var pool = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = ConfigurationFactory.ParseString(hocon) });
        var bytes = RandomBytes(2 << 20);

        Assert.Equal(bytes, await pool.Pool.ApplyAsync(Jobs.EchoBytes, bytes));

        var own = PayloadAreas.For(pool.Pool.System).Existing;
        Assert.Equal(areaMade, own is not null);
        Assert.Equal(0, own?.LiveSlots ?? 0);
    }

    [Fact]
    public async Task AreaOfAProcessThatDied_IsRemovedByTheNextPool()
    {
        using var exited = System.Diagnostics.Process.Start("true")!;
        await exited.WaitForExitAsync();
        Directory.CreateDirectory(AreaProbe.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stale = Path.Combine(AreaProbe.Directory, new AreaId(exited.Id, Guid.NewGuid()).FileName);
        File.WriteAllBytes(stale, new byte[4096]);

        await using var pool = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var bytes = RandomBytes(1 << 20);
        Assert.Equal(bytes, await pool.Pool.ApplyAsync(Jobs.EchoBytes, bytes));

        Assert.False(File.Exists(stale));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
