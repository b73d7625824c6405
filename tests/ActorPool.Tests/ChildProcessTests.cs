using ActorPool.Tests.Support;

namespace ActorPool.Tests;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task Worker_TargetWritesWithoutEndingItsLine_ResultStillArrives()
    {
        // The result's line used to follow the target's output on the same line, and was taken for output.
        await using var worker = Worker.Start(Jobs.WriteWithoutNewline, 21);

        Assert.Equal(42, await worker.Result.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void Start_TerminateGraceOverTheLongestWait_ThrowsArgumentOutOfRangeException()
    {
        // 60 days was taken, and Terminate then crashed the child (its Task.Delay takes at most about 24.8 days).
        var options = new ChildProcessOptions { TerminateGrace = TimeSpan.FromDays(60) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Worker.Start(Jobs.SleepThenReturnAsync, 10, options));

        Assert.Equal(nameof(ChildProcessOptions.TerminateGrace), error.ParamName);
    }

    [Fact]
    public async Task Worker_AsyncTarget_ReturnsResultAndExitsWithZero()
    {
        await using var worker = Worker.Start(Jobs.SquareAsync, 7);

        Assert.Equal(49, await worker);
        await worker.JoinAsync();
        Assert.NotEqual(Environment.ProcessId, worker.Pid);
        Assert.False(worker.IsAlive);
        Assert.Equal(0, worker.ExitCode);
        Assert.False(ProcessProbe.IsAlive(worker.Pid));
    }

    [Fact]
    public async Task Worker_SyncTargetAndName_RunInChild()
    {
        await using var worker = Worker.Start(Jobs.Add, 2, 3, new ChildProcessOptions { Name = "adder" });

        Assert.Equal("adder", worker.Name);
        Assert.Equal(5, await worker.Result);
    }

    [Fact]
    public async Task ChildProcess_Start_RunsTargetWithInitializerFirst()
    {
        var log = Path.Combine(Path.GetTempPath(), $"actorpool-child-{Guid.NewGuid():N}.log");
        try
        {
            await using var child = ChildProcess.Start(Jobs.AppendLineAsync, log, "target",
                new ChildProcessOptions { Initializer = Jobs.AppendLineAsync, InitArgs = [log, "init"] });

            await child.JoinAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(0, child.ExitCode);
            Assert.Equal(["init", "target"], File.ReadAllLines(log));
            Assert.StartsWith("ChildProcess-", child.Name);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task JoinAsync_Timeout_ThrowsTimeoutExceptionAndLeavesChildRunning()
    {
        await using var worker = Worker.Start(Jobs.SleepThenReturnAsync, 600_000, new ChildProcessOptions { TerminateGrace = TimeSpan.FromMilliseconds(300) });
        Assert.Null(worker.ExitCode);

        await Assert.ThrowsAsync<TimeoutException>(() => worker.JoinAsync(TimeSpan.FromMilliseconds(200)));

        Assert.True(worker.IsAlive);
        Assert.True(ProcessProbe.IsAlive(worker.Pid));
        Assert.Null(worker.ExitCode);
    }

    [Fact]
    public async Task Terminate_CancelsTargetsTokenThenChildExits()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-terminate-{Guid.NewGuid():N}");
        try
        {
            await using var worker = Worker.Start(Jobs.MarkWhenCancelledAsync, marker);
            Assert.True(await Wait.UntilAsync(() => File.Exists(marker + ".started"), TimeSpan.FromSeconds(60)));

            worker.Terminate();
            await worker.JoinAsync(TimeSpan.FromSeconds(60));

            Assert.True(File.Exists(marker), "the target's token was not cancelled");
            // The target returned true after seeing its token cancelled.
            Assert.True(await worker);
            Assert.Equal(0, worker.ExitCode);
        }
        finally
        {
            File.Delete(marker);
            File.Delete(marker + ".started");
        }
    }

    [Fact]
    public async Task Terminate_TargetIgnoresToken_ChildExitsAfterGrace()
    {
        await using var worker = Worker.Start(Jobs.SpinIgnoringTokenAsync, 600_000,
            new ChildProcessOptions { TerminateGrace = TimeSpan.FromMilliseconds(300) });
        Assert.True(await Wait.UntilAsync(() => worker.IsAlive, TimeSpan.FromSeconds(5)));

        worker.Terminate();
        await worker.JoinAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(143, worker.ExitCode);
        var error = await Assert.ThrowsAsync<ChildCrashedException>(() => worker.Result);
        Assert.Equal(143, error.ExitCode);
    }

    [Fact]
    public async Task Kill_EndsChildAtOnce_ResultFaultsWithChildCrashedException()
    {
        await using var worker = Worker.Start(Jobs.SleepThenReturnAsync, 600_000);

        worker.Kill();

        var error = await Assert.ThrowsAsync<ChildCrashedException>(() => worker.Result);
        Assert.Equal(137, error.ExitCode);
        Assert.Equal(137, worker.ExitCode);
        Assert.Equal(worker.Pid, error.ChildPid);
    }

    [Fact]
    public async Task Worker_TargetThrows_ResultFaultsWithProxyExceptionAndExitCodeIsOne()
    {
        await using var worker = Worker.Start(Jobs.ThrowCustomAsync, 5);

        var error = await Assert.ThrowsAsync<ProxyException>(() => worker.Result);

        Assert.Equal(5, Assert.IsType<JobFailedException>(error.InnerException).Code);
        Assert.Equal(worker.Pid, error.ChildPid);
        Assert.Equal(1, worker.ExitCode);
    }

    [Fact]
    public async Task Worker_TargetExitsProcess_ResultFaultsWithChildCrashedExceptionAndItsCode()
    {
        await using var worker = Worker.Start(Jobs.ExitProcess, 3);

        var error = await Assert.ThrowsAsync<ChildCrashedException>(() => worker.Result);

        Assert.Equal(3, error.ExitCode);
        Assert.Equal(3, worker.ExitCode);
    }
}
