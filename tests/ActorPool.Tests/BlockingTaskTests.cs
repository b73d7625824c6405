using System.Globalization;
using System.Text.RegularExpressions;
using ActorPool.Tests.Support;

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
        // Only the pool's own verdict: Akka.Remote may warn of late heartbeats on a machine this busy.
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("has not answered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApplicationBlocksItsOwnThreadPoolForSeconds_ItsChildIsNotTakenForHung()
    {
        // In a process of its own (tests/ActorPool.TestHost "stall"), since it stalls its whole thread pool: a pool with
        // a 1.5 s liveness timeout, under the application's blocking calls for several times that.
        var (code, output, errors) = await ExternalProcess.RunAsync("dotnet", [TestHostProgram.DllPath, "stall"], TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"exit code {code}: {output}{errors}");
        var report = Regex.Match(output, @"BLOCKED (\S+) s RESULT 42 CHILDREN-BEFORE (\d+) AFTER (\d+)$", RegexOptions.Multiline);
        Assert.True(report.Success, output + errors);
        Assert.True(double.Parse(report.Groups[1].Value, CultureInfo.InvariantCulture) > 3, $"the thread pool was blocked for only {report.Groups[1].Value} s");
        // The child that ran before the stall runs after it. (On a machine this loaded, a child the pool had just
        // started could miss a 1.5 s timeout before the stall; that is not what this test is about.)
        Assert.Equal(report.Groups[2].Value, report.Groups[3].Value);
        Assert.DoesNotContain($"(process {report.Groups[2].Value}) has not answered", errors);
    }
}
