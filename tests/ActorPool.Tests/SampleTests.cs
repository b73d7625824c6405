using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>The samples as a new user runs them: they work, and the library prints nothing of its own.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task Quickstart_CleanRun_PrintsItsResultsAndNoWarningOrError()
    {
        var (exitCode, stdout, stderr) = await SampleProgram.RunAsync("ActorPool.Quickstart", TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains("Map(SquareAsync, 0..9999): 10000 results", stdout);
        Assert.Equal("", stderr.Trim());
        Assert.DoesNotContain("WARNING", stdout);
        Assert.DoesNotContain("ERROR", stdout);
        Assert.DoesNotContain("   at ", stdout); // no stack trace
    }

    [Fact]
    public async Task WorkerService_CleanRun_MapsItsFilesReportsHealthyAndStops()
    {
        var (exitCode, stdout, stderr) = await SampleProgram.RunAsync("ActorPool.WorkerService", TimeSpan.FromMinutes(2));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains("Done: 40 files", stdout);
        Assert.Contains("Health check actorpool: Healthy", stdout);
        Assert.Equal("", stderr.Trim());
        Assert.DoesNotContain("warn:", stdout);
        Assert.DoesNotContain("fail:", stdout);
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
