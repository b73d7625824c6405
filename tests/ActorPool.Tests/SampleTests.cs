using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>The samples as a new user runs them: they work, and the library prints nothing of its own.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task Quickstart_CleanRun_PrintsItsResultsAndNoWarningOrError()
    {
        var stdout = await SampleProgram.RunCleanAsync("ActorPool.Quickstart", TimeSpan.FromMinutes(2));

        Assert.Contains("Map(SquareAsync, 0..9999): 10000 results", stdout);
        Assert.DoesNotContain("WARNING", stdout);
        Assert.DoesNotContain("ERROR", stdout);
        Assert.DoesNotContain("   at ", stdout); // no stack trace
    }

    [Fact]
    public async Task WorkerService_CleanRun_MapsItsFilesReportsHealthyAndStops()
    {
        var stdout = await SampleProgram.RunCleanAsync("ActorPool.WorkerService", TimeSpan.FromMinutes(2));

        Assert.Contains("Done: 40 files", stdout);
        Assert.Contains("Health check actorpool: Healthy", stdout);
        Assert.DoesNotContain("warn:", stdout);
        Assert.DoesNotContain("fail:", stdout);
    }

    [Fact]
    public async Task UrlFetcher_FetchesFromItsLocalSite_EachFailedPageIsAProxyExceptionAndTheRestArrive()
    {
        var stdout = await SampleProgram.RunCleanAsync("ActorPool.UrlFetcher", TimeSpan.FromMinutes(2));

        Assert.Contains("Fetched 19 pages", stdout);
        Assert.Contains("1 failed", stdout);
        Assert.Matches(@"/page/13: failed in child \d+ with System.Net.Http.HttpRequestException", stdout);
        Assert.Matches(@"/page/20: 20480 bytes \(child \d+\)", stdout);
    }

    [Fact]
    public async Task CpuJob_TimesOneProcessAndOnePerCore_WithTheSameResults()
    {
        var stdout = await SampleProgram.RunCleanAsync("ActorPool.CpuJob", TimeSpan.FromMinutes(3));

        Assert.Matches(@" 1 process\(es\): \d+\.\d\d s", stdout);
        Assert.Matches($@"{Environment.ProcessorCount,2} process\(es\): \d+\.\d\d s", stdout);
        Assert.Matches(@"speed-up with \d+ processes: \d+\.\d\dx", stdout);
        Assert.Contains("same results: True", stdout);
    }

    [Fact]
    public async Task HoconDeployment_ThePoolFromItsFile_RoutesTimesOutAndRunsTheInitializer()
    {
        var stdout = await SampleProgram.RunCleanAsync("ActorPool.HoconDeployment", TimeSpan.FromMinutes(2));

        Assert.Contains("From pool.conf: 2 processes, 4 tasks each, replaced after 200 tasks, task timeout 00:00:02, tasks on dispatcher task-loop", stdout);
        Assert.Contains("prepared by the initializer in process", stdout);
        Assert.Matches(@"ran in child \d+ on thread 'task-loop_\d'", stdout);
        Assert.Contains("Map: 4 results", stdout);
        Assert.Contains("A 60 s task: The task did not finish within its TaskTimeout of 00:00:02", stdout);
    }

    [Fact]
    public async Task Supervision_EachDirective_IsWhatTheCallerAndTheChildShow()
    {
        var (exitCode, stdout, stderr) = await SampleProgram.RunAsync("ActorPool.Supervision", TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("plain") && l.Contains("not asked") && l.Contains("the same child"));
        Assert.Contains(lines, l => l.StartsWith("transient") && l.Contains("TransientDatabaseException -> Resume") && l.Contains("the same child"));
        Assert.Equal(2, lines.Count(l => l.StartsWith("corrupt") && l.Contains("CorruptCacheException -> Restart") && l.Contains("the same child")));
        Assert.Contains(lines, l => l.StartsWith("corrupt") && l.Contains("CorruptCacheException -> Restart") && l.Contains("a new child"));
        // What the pool logs: the child whose runner was stopped is replaced (a warning, as it should be); no error.
        Assert.Contains("Every task runner of child 1", stderr);
        Assert.DoesNotContain("[ERROR]", stderr);
    }

    [Theory]
    [InlineData("--rounds x")]
    [InlineData("--rounds 0")]
    [InlineData("--x")]
    [InlineData("no-such-scenario")]
    public async Task Benchmarks_BadArgument_FailsAtOnceWithExitCode2(string arguments)
    {
        // At once: a bad argument must never start the half-hour run of every scenario.
        var (exitCode, _, stderr) = await SampleProgram.RunAsync("ActorPool.Benchmarks", TimeSpan.FromMinutes(1), arguments.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains("--help", stderr);
    }

    [Fact]
    public async Task Benchmarks_Help_ListsTheScenariosAndOptions()
    {
        var (exitCode, stdout, _) = await SampleProgram.RunAsync("ActorPool.Benchmarks", TimeSpan.FromMinutes(1), "--help");

        Assert.Equal(0, exitCode);
        Assert.All(["payload", "recycle", "startup", "--rounds", "--hocon"], word => Assert.Contains(word, stdout));
    }
}
