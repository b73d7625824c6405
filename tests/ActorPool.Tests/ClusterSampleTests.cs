using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>
/// The cluster sample's demo as a new user runs it. Alone at the end of the run: it keeps a driver, two worker hosts and
/// their children busy on two cores, and must print nothing; beside another test class, that load once stretched
/// Akka's heartbeats and a child's liveness answer past their 3 s limits in CI.
/// </summary>
[Collection(ProcessWide.Name)]
public sealed class ClusterSampleTests
{
    [Fact]
    [Trait("Category", "MultiHost")]
    public async Task Cluster_Demo_SpreadsItsTasksOverTheDriverAndTwoWorkerHosts()
    {
        var stdout = await SampleProgram.RunCleanAsync("ActorPool.Cluster", TimeSpan.FromMinutes(3), "demo");

        Assert.Contains("Worker hosts joined: 2", stdout);
        Assert.Contains("Ran 4000 tasks in", stdout);
        Assert.Matches(@"driver: \d+", stdout);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(stdout, @"worker \d+: \d+").Count);
    }
}
