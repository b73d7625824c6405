using System.Globalization;
using System.Text.RegularExpressions;
using ActorPool.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ActorPool.Tests;

/// <summary>
/// Threads held for seconds, by a child's tasks or by the application around the pool, do not make a healthy child look
/// hung: the answers to liveness probes travel through Akka.Remote on the thread pools of both processes.
/// </summary>
public sealed class BlockingTaskTests
{
    [Fact]
    public async Task TasksBlockingEveryThreadTheyGet_ChildStillAnswersItsProbes_AndIsNotKilled()
    {
        // As many blocked tasks as the child may run at once, each for longer than the liveness timeout (3 s). No
        // retries, so a child killed as hung fails its tasks instead of hiding behind their second attempt.
        const int Concurrency = 24;
        var logs = new CapturingLoggerFactory();
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = Concurrency, MaxCrashRetries = 0, LoggerFactory = logs });
        var pool = scope.Pool;
        var child = Assert.Single(pool.ChildPids);

        var map = pool.Map(Jobs.BlockThread, Enumerable.Repeat(4_500, Concurrency));
        var pids = await Task.Run(async () => await map).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.All(pids, pid => Assert.Equal(child, pid));
        Assert.Equal([child], pool.ChildPids);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task ApplicationBlocksItsOwnThreadPoolForSeconds_ItsChildIsNotTakenForHung()
    {
        // In a process of its own (tests/ActorPool.TestHost "stall"), since it stalls its whole thread pool: a pool with
        // a 1 s liveness timeout, under the application's blocking calls for longer than that.
        var (code, output, errors) = await ExternalProcess.RunAsync("dotnet", [TestHostProgram.DllPath, "stall"], TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"exit code {code}: {output}{errors}");
        var report = Regex.Match(output, @"BLOCKED (\S+) s RESULT 42 CHILDREN-BEFORE (\d+) AFTER (\d+)$", RegexOptions.Multiline);
        Assert.True(report.Success, output + errors);
        Assert.True(double.Parse(report.Groups[1].Value, CultureInfo.InvariantCulture) > 2, $"the thread pool was blocked for only {report.Groups[1].Value} s");
        Assert.Equal(report.Groups[2].Value, report.Groups[3].Value);
        Assert.DoesNotContain("killing it", errors);
    }
}
