using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>Task functions of every shape API.md lists: static, lambda, closure; sync and async; 0 to 4 arguments; a token.</summary>
public sealed class ApplyTests(TwoChildPool shared) : IClassFixture<TwoChildPool>
{
    private ProcessPool Pool => shared.Pool;

    [Fact]
    public async Task ApplyAsync_StaticAsyncMethodGroup_ReturnsResult() =>
        Assert.Equal(49, await Pool.ApplyAsync(Jobs.SquareAsync, 7));

    [Fact]
    public async Task ApplyAsync_ZeroToFourArguments_ReturnResults()
    {
        Assert.NotEqual(Environment.ProcessId, await Pool.ApplyAsync(Jobs.Pid));
        Assert.Equal(49, await Pool.ApplyAsync(Jobs.SquareAsync, 7));
        Assert.Equal(5, await Pool.ApplyAsync(Jobs.Add, 2, 3));
        Assert.Equal("a-1-True", await Pool.ApplyAsync(Jobs.Join3Async, "a", 1, true));
        Assert.Equal(10L, await Pool.ApplyAsync(Jobs.Sum4Async, 1, 2L, (short)3, (byte)4));
    }

    [Fact]
    public async Task ApplyAsync_LambdaWithoutCaptures_RunsInChild()
    {
        var pid = await Pool.ApplyAsync(() => Environment.ProcessId);
        Assert.Contains(pid, Pool.ChildPids);
    }

    [Fact]
    public async Task ApplyAsync_ClosureWithSerializableCaptures_CarriesCapturedState()
    {
        var offset = 100;
        var words = new[] { "a", "b" };
        Assert.Equal(107, await Pool.ApplyAsync(x => x + offset + words.Length * 3 - 6 + 1, 6));
    }

    [Fact]
    public async Task ApplyAsync_SyncTaskAndValueTaskReturns_AllComplete()
    {
        Assert.Equal(3, await Pool.ApplyAsync((int a) => a + 1, 2));
        Assert.Equal(4, await Pool.ApplyAsync(async (int a) => { await Task.Yield(); return a + 2; }, 2));
        Assert.Equal(5, await Pool.ApplyAsync(async ValueTask<int> (int a) => { await Task.Yield(); return a + 3; }, 2));
        await Pool.ApplyAsync(Jobs.DelayAsync, 1);
        await Pool.ApplyAsync(async ValueTask (int ms) => await Task.Delay(ms), 1);
    }

    [Fact]
    public async Task ApplyAsync_FunctionTakingToken_ReceivesTokenThatCallerCancels()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-cancel-{Guid.NewGuid():N}");
        using var cancellation = new CancellationTokenSource();
        var running = Pool.ApplyAsync(Jobs.MarkWhenCancelledAsync, marker, cancellation.Token);
        Assert.True(await Wait.UntilAsync(() => File.Exists(marker + ".started"), TimeSpan.FromSeconds(30)), "the task never started");
        cancellation.Cancel();

        // The caller's own cancellation, of exactly this type, as it has been since the first release.
        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(() => running);
        Assert.Equal(cancellation.Token, cancelled.CancellationToken);
        Assert.True(await Wait.UntilAsync(() => File.Exists(marker), TimeSpan.FromSeconds(30)), "the child's token was never cancelled");
        File.Delete(marker);
        File.Delete(marker + ".started");
    }

    [Fact]
    public void ApplyAsync_ClosureCapturingStream_ThrowsArgumentExceptionNamingFieldAndSendsNothing()
    {
        using var stream = new MemoryStream();
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-marker-{Guid.NewGuid():N}");
        var fn = CaptureStream(stream, marker);

        var error = Assert.Throws<ArgumentException>(() => { _ = Pool.ApplyAsync(fn, 1); });

        Assert.Contains("stream", error.Message);
        Assert.Contains(typeof(MemoryStream).FullName!, error.Message);
        Assert.False(File.Exists(marker));
    }

    // A closure of its own method, so that it captures exactly these two locals.
    private static Func<int, int> CaptureStream(Stream stream, string marker) => x =>
    {
        File.WriteAllText(marker, "ran");
        return x + (int)stream.Length;
    };

    [Fact]
    public void ApplyAsync_DynamicMethod_ThrowsArgumentException()
    {
        var method = new System.Reflection.Emit.DynamicMethod("Twice", typeof(int), [typeof(int)]);
        var il = method.GetILGenerator();
        il.Emit(System.Reflection.Emit.OpCodes.Ldarg_0);
        il.Emit(System.Reflection.Emit.OpCodes.Ldc_I4_2);
        il.Emit(System.Reflection.Emit.OpCodes.Mul);
        il.Emit(System.Reflection.Emit.OpCodes.Ret);
        var fn = (Func<int, int>)method.CreateDelegate(typeof(Func<int, int>));

        var error = Assert.Throws<ArgumentException>(() => { _ = Pool.ApplyAsync(fn, 1); });
        Assert.Contains("dynamic", error.Message);
    }

    [Fact]
    public void ApplyAsync_ArgumentThatCannotTravel_ThrowsArgumentException()
    {
        using var cancellation = new CancellationTokenSource();
        Assert.Throws<ArgumentException>(() => { _ = Pool.ApplyAsync((CancellationTokenSource c) => c.IsCancellationRequested, cancellation); });
    }
}
