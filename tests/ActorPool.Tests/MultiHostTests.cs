using Akka.Actor;
using ActorPool.Tests.Support;
using Xunit.Abstractions;

namespace ActorPool.Tests;

/// <summary>
/// A pool over several hosts: the test process drives, worker hosts run as separate processes of this test assembly,
/// all on loopback with the cluster's own certificate and mutual TLS.
/// </summary>
[Trait("Category", "MultiHost")]
public sealed class MultiHostTests(ITestOutputHelper output)
{
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Map_SpreadsOverWorkerHosts_AndLosesNothingWhenOneIsKilled()
    {
        using var hosts = new ClusterHosts();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
        var doomed = hosts.StartWorker("w1");
        hosts.StartWorker("w2");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 2, JoinLimit), "the worker hosts did not join");

        const int count = 3000;
        var results = new List<string>(count);
        var killedAt = -1;
        IReadOnlyList<int> doomedChildren = [];
        await foreach (var result in pool.Map(static async (int i) =>
        {
            await Task.Delay(2);
            return $"{i}:{Environment.GetEnvironmentVariable(ClusterHosts.WorkerVariable) ?? "driver"}";
        }, Enumerable.Range(0, count)))
        {
            results.Add(result);
            // Mid-map, once the doomed host has run some of it: SIGKILL it, without its children (as when a machine dies,
            // they lose their parent and end).
            if (killedAt < 0 && results.Count(r => r.EndsWith(":w1", StringComparison.Ordinal)) >= 100)
            {
                killedAt = results.Count;
                doomedChildren = ClusterHosts.ChildrenOf(doomed.Id);
                doomed.Kill(entireProcessTree: false);
            }
        }

        Assert.True(killedAt > 0, "the doomed host never ran 100 tasks");
        // Every item once, in order.
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Split(':')[0]));
        var ranOn = results.GroupBy(r => r.Split(':')[1]).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"killed w1 after {killedAt} results; ran on: {string.Join(", ", ranOn)}");
        Assert.True(ranOn.GetValueOrDefault("w2") > 0, "w2 ran nothing: " + string.Join(", ", ranOn));
        Assert.True(ranOn.GetValueOrDefault("driver") > 0, "the driver's own child ran nothing: " + string.Join(", ", ranOn));
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the killed host is still counted");
        Assert.True(await ProcessProbe.WaitForExitAsync(doomedChildren, TimeSpan.FromSeconds(10)), "the killed host's children outlived it");
    }

    [Fact]
    public async Task RouterAsk_ReachesTheWorkerHosts_AsItDoesTheLocalChildren()
    {
        using var hosts = new ClusterHosts();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
        hosts.StartWorker("w1");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the worker host did not join");

        // The supervisor counts the host before the router has applied its new routee (its mailbox's turn).
        Assert.True(await Wait.UntilAsync(
            async () => (await pool.Router.Ask<Akka.Routing.Routees>(Akka.Routing.GetRoutees.Instance, TimeSpan.FromSeconds(5))).Members.Count() == 2, JoinLimit));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => pool.Router.Ask<string>(Invoke.Create(Where), TimeSpan.FromSeconds(30))));

        Assert.Contains("w1", answers);
        Assert.Contains("driver", answers);
    }

    [Fact]
    public async Task WorkerHostStopped_FinishesItsTasksFirst_AndLeaves()
    {
        using var hosts = new ClusterHosts();
        // No retry: a task lost with the host would fail the map.
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, MaxCrashRetries = 0, Cluster = hosts.Driver });
        var leaving = hosts.StartWorker("w1");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the worker host did not join");

        const int count = 400;
        var results = new List<string>(count);
        IReadOnlyList<int> children = [];
        await foreach (var result in pool.Map(static async (int i) =>
        {
            await Task.Delay(20);
            return $"{i}:{Environment.GetEnvironmentVariable(ClusterHosts.WorkerVariable) ?? "driver"}";
        }, Enumerable.Range(0, count)))
        {
            results.Add(result);
            if (children.Count == 0 && results.Count(r => r.EndsWith(":w1", StringComparison.Ordinal)) >= 20)
            {
                children = ClusterHosts.ChildrenOf(leaving.Id);
                ProcessProbe.Signal(leaving.Id, "TERM");
            }
        }

        Assert.NotEmpty(children);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Split(':')[0]));
        Assert.True(leaving.WaitForExit(TimeSpan.FromSeconds(60)), "the stopped worker host did not exit");
        Assert.Equal(0, leaving.ExitCode);
        Assert.True(await ProcessProbe.WaitForExitAsync(children, TimeSpan.FromSeconds(10)), "the stopped host's children outlived it");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 0, JoinLimit), "the driver still counts the host that left");
    }

    [Fact]
    public async Task PartitionedHost_ItsTasksRunElsewhere_AndItTakesTasksAgainOnceHealed()
    {
        using var hosts = new ClusterHosts();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
        var cut = hosts.StartWorker("w1");
        hosts.StartWorker("w2");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 2, JoinLimit), "the worker hosts did not join");

        const int count = 2000;
        var results = new List<string>(count);
        Task? healed = null;
        await foreach (var result in pool.Map(static async (int i) =>
        {
            await Task.Delay(2);
            return $"{i}:{Environment.GetEnvironmentVariable(ClusterHosts.WorkerVariable) ?? "driver"}";
        }, Enumerable.Range(0, count)))
        {
            results.Add(result);
            // A partition of one host, as the driver sees it: its process stops answering (SIGSTOP) while it holds tasks,
            // and answers again (SIGCONT) once the driver has given up on it; what it finishes then reaches nobody.
            if (healed is null && results.Count(r => r.EndsWith(":w1", StringComparison.Ordinal)) >= 50)
            {
                ProcessProbe.Signal(cut.Id, "STOP");
                healed = Task.Run(async () =>
                {
                    try
                    {
                        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the driver did not give up on the cut-off host");
                    }
                    finally
                    {
                        ProcessProbe.Signal(cut.Id, "CONT");
                    }
                });
            }
        }

        Assert.NotNull(healed);
        await healed;
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r.Split(':')[0]));
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 2, JoinLimit), "the healed host did not take tasks again");
        var after = await pool.Map(WhereFor, Enumerable.Range(0, 40).Select(_ => 0)).ToListAsync();
        Assert.Contains("w1", after);
    }

    [Fact]
    public async Task WorkerWithAnotherCertificate_IsNotAdmitted()
    {
        using var hosts = new ClusterHosts();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });

        var (foreign, itsAuthority) = hosts.ForeignNode();
        hosts.StartWorker("intruder", certificatePath: foreign, authorityPath: itsAuthority);
        hosts.StartWorker("w1");

        // The rightful host joins, though it started after the intruder; the intruder's TLS handshakes fail.
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the worker host did not join");
        Assert.True(await Wait.UntilAsync(() => hosts.ErrorOutput.Any(line => line.StartsWith("intruder:", StringComparison.Ordinal)), JoinLimit),
            "the intruder logged no failure");
        Assert.Equal(1, pool.WorkerHosts);
        var answers = await pool.Map(WhereFor, Enumerable.Range(0, 20).Select(_ => 0)).ToListAsync();
        Assert.DoesNotContain("intruder", answers);
    }

    [Fact]
    public async Task WorkerFromAnotherBuild_RefusesTheDriver_NamingTheAssembly()
    {
        using var hosts = new ClusterHosts();
        var logs = new CapturingLoggerFactory();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver, LoggerFactory = logs });
        hosts.StartWorker("rebuilt", build: hosts.AnotherBuild());

        Assert.True(await Wait.UntilAsync(() => logs.Entries.Any(e => e.Message.Contains("refused this driver", StringComparison.Ordinal)), JoinLimit),
            "the driver logged no refusal");
        var refusal = logs.Entries.First(e => e.Message.Contains("refused this driver", StringComparison.Ordinal));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, refusal.Level);
        Assert.Contains("'ActorPool.Tests' differs", refusal.Message);
        Assert.Equal(0, pool.WorkerHosts);
        Assert.True(await Wait.UntilAsync(() => hosts.ErrorOutput.Any(line => line.StartsWith("rebuilt:", StringComparison.Ordinal) && line.Contains("'ActorPool.Tests' differs", StringComparison.Ordinal)), JoinLimit),
            "the worker host logged no refusal");
    }

    [Fact]
    public async Task PrivateAuthority_EachNodeHasItsOwnCertificate_AndAnotherAuthoritysNodeIsNotAdmitted()
    {
        using var hosts = new ClusterHosts(privateAuthority: true);
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });

        var (foreign, itsAuthority) = hosts.ForeignNode();
        hosts.StartWorker("intruder", certificatePath: foreign, authorityPath: itsAuthority);
        hosts.StartWorker("w1");

        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the worker host with its own certificate did not join");
        Assert.True(await Wait.UntilAsync(() => hosts.ErrorOutput.Any(line => line.StartsWith("intruder:", StringComparison.Ordinal)), JoinLimit),
            "the intruder logged no failure");
        Assert.Equal(1, pool.WorkerHosts);
        var answers = await pool.Map(WhereFor, Enumerable.Range(0, 20).Select(_ => 0)).ToListAsync();
        Assert.Contains("w1", answers);
        Assert.DoesNotContain("intruder", answers);
    }

    [Fact]
    public async Task WorkerJoiningMidMap_GetsWorkAtOnce()
    {
        using var hosts = new ClusterHosts();
        // The driver's own child takes 2 tasks at once and the map starts with a window of 4; the host takes 32. With the
        // window fixed at the start, the host would run about half of what follows its join; widened, nearly all of it.
        await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, ChildConcurrency = 1, Cluster = hosts.Driver });

        const int count = 8000;
        var results = new List<string>(count);
        var joinedAt = -1;
        await foreach (var result in pool.Map(static async (int i) =>
        {
            await Task.Delay(20);
            return $"{i}:{ClusterJobs.Where()}";
        }, Enumerable.Range(0, count)))
        {
            results.Add(result);
            if (results.Count == 1)
                hosts.StartWorker("w1");
            if (joinedAt < 0 && pool.WorkerHosts == 1)
                joinedAt = results.Count;
        }

        Assert.True(joinedAt > 0 && joinedAt < count, "the worker host did not join while the map ran");
        var late = results.Skip(joinedAt).Count(r => r.EndsWith(":w1", StringComparison.Ordinal));
        output.WriteLine($"joined after {joinedAt} results; w1 ran {late} of the {count - joinedAt} after");
        Assert.True(late > (count - joinedAt) * 0.8, $"the worker host that joined mid-map ran {late} of the {count - joinedAt} after: the map's window did not widen");
    }

    [Fact]
    public async Task ThreeHosts_OneKilledAndOnePartitionedThenHealed_MidMap_LoseNothingAndKeepTheOrder()
    {
        // A real partition where network namespaces can be made (root); elsewhere the hosts run at loopback addresses of
        // their own and the cut-off one is frozen (SIGSTOP) instead: the driver's side of a partition, not the host's.
        using var network = NetworkNamespace.Unavailable is null ? new NetworkNamespace() : null;
        if (network is null)
            output.WriteLine($"No real partition ({NetworkNamespace.Unavailable}): the cut-off host is frozen instead");
        using var hosts = new ClusterHosts(hostname: network?.HostAddress ?? "127.0.0.1");
        // The resolver acts 3 s after membership settles (20 s by default), so that the cut-off host is downed mid-map.
        const string quick = "akka.cluster.split-brain-resolver.stable-after = 3s";
        var logs = new CapturingLoggerFactory();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            Cluster = hosts.Driver,
            Config = Akka.Configuration.ConfigurationFactory.ParseString(quick + "\nakka.loglevel = INFO"),
            LoggerFactory = logs,
        });
        var cut = hosts.StartWorker("cut", hocon: quick, network: network, hostname: "127.0.0.2");
        var doomed = hosts.StartWorker("killed", hocon: quick, hostname: network is null ? "127.0.0.3" : null);
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 2, JoinLimit), "the worker hosts did not join");

        const int count = 100_000;
        var results = new List<string>(count);
        var ran = new Dictionary<string, int>();
        Task? healed = null;
        var killed = false;
        await foreach (var result in pool.Map(static async (int i) =>
        {
            await Task.Delay(1);
            return $"{i}:{ClusterJobs.Where()}";
        }, Enumerable.Range(0, count)))
        {
            results.Add(result);
            var where = result[(result.IndexOf(':') + 1)..];
            ran[where] = ran.GetValueOrDefault(where) + 1;
            if (!killed && ran.GetValueOrDefault("killed") >= 1000)
            {
                killed = true;
                doomed.Kill(entireProcessTree: false);
            }
            if (healed is null && killed && ran.GetValueOrDefault("cut") >= 1000)
            {
                // Both sides keep running; the driver's side has the oldest member and keeps going, the cut-off host downs
                // itself. Healed once it has (it says so), the host joins again with a new node.
                // A frozen host learns that it was downed only once it runs again.
                bool DownedItself() => hosts.ErrorOutput.Any(line => line.StartsWith("cut:", StringComparison.Ordinal)
                    && line.Contains("removed from the cluster", StringComparison.Ordinal));
                if (network is not null)
                    network.Partition();
                else
                    ProcessProbe.Signal(cut.Id, "STOP");
                healed = Task.Run(async () =>
                {
                    try
                    {
                        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 0, JoinLimit), "the driver did not give up on the cut-off host");
                        if (network is not null)
                            Assert.True(await Wait.UntilAsync(DownedItself, JoinLimit), "the cut-off host did not down itself");
                        else
                        {
                            // Frozen until the driver's resolver has downed it, as it would a host cut off for good.
                            Assert.True(await Wait.UntilAsync(() => Akka.Cluster.Cluster.Get(pool.ClusterSystem!).State.Members.All(m => m.Address.Host != "127.0.0.2"), JoinLimit),
                                "the driver's resolver did not down the frozen host");
                        }
                    }
                    finally
                    {
                        if (network is not null)
                            network.Heal();
                        else
                            ProcessProbe.Signal(cut.Id, "CONT");
                    }
                    if (network is null)
                        Assert.True(await Wait.UntilAsync(DownedItself, JoinLimit), "the resumed host did not find itself removed");
                });
            }
        }

        output.WriteLine("ran on: " + string.Join(", ", ran));
        Assert.NotNull(healed);
        await healed;
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), results.Select(r => r[..r.IndexOf(':')]));
        var rejoined = await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit);
        foreach (var line in hosts.ErrorOutput)
            output.WriteLine(line);
        foreach (var entry in logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information))
            output.WriteLine($"driver {entry.Level} {entry.Category}: {entry.Message}");
        Assert.True(rejoined, "the healed host did not join again");
        var after = await pool.Map(WhereFor, Enumerable.Range(0, 40).Select(_ => 0)).ToListAsync();
        Assert.Contains("cut", after);
    }

    private static string Where() => ClusterJobs.Where();

    private static string WhereFor(int _) => ClusterJobs.Where();

    [Fact]
    public async Task DriverNodeShutDownUnderThePool_IsReplaced_AndTheHostsComeBack()
    {
        using var hosts = new ClusterHosts();
        var logs = new CapturingLoggerFactory();
        await using var pool = await ProcessPool.StartAsync(new PoolOptions
        {
            Processes = 1,
            Cluster = hosts.Driver,
            LoggerFactory = logs,
            Config = Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO"), // the supervisor's "joined" lines
        });
        hosts.StartWorker("w1");
        Assert.True(await Wait.UntilAsync(() => pool.WorkerHosts == 1, JoinLimit), "the host did not join");
        var first = pool.ClusterSystem!;

        // What Akka.Remote 1.5.74 does on a failed outbound TLS handshake: the node's coordinated shutdown, which on a
        // cluster node leaves the cluster (the system itself stays: ActorPool's HOCON keeps it).
        await Akka.Actor.CoordinatedShutdown.Get(first).Run(Akka.Actor.CoordinatedShutdown.ClrExitReason.Instance);

        // Joined twice: once the first node, then the new one (the old slot may still count for a moment after the first).
        var back = await Wait.UntilAsync(() => !ReferenceEquals(pool.ClusterSystem, first)
            && logs.Entries.Count(e => e.Message.Contains("joined as slot", StringComparison.Ordinal)) == 2 && pool.WorkerHosts == 1, JoinLimit);
        foreach (var line in hosts.ErrorOutput)
            output.WriteLine(line);
        foreach (var entry in logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information))
            output.WriteLine($"driver {entry.Level} {entry.Category}: {entry.Message}");
        Assert.True(back, "the host did not come back to the driver's new node");
        Assert.Contains("w1", await pool.Map(WhereFor, Enumerable.Range(0, 20).Select(_ => 0)).ToListAsync());
        Assert.Contains(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("was removed from the cluster"));
    }

    [Fact]
    public async Task DriverDisposed_ItsHostsServeTheNextDriver()
    {
        using var hosts = new ClusterHosts();
        hosts.StartWorker("w1");
        await using (var first = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver }))
        {
            Assert.True(await Wait.UntilAsync(() => first.WorkerHosts == 1, JoinLimit), "the host did not join the first driver");
            Assert.Contains("w1", await first.Map(WhereFor, Enumerable.Range(0, 20).Select(_ => 0)).ToListAsync());
        }

        await using var next = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
        var joined = await Wait.UntilAsync(() => next.WorkerHosts == 1, JoinLimit);
        foreach (var line in hosts.ErrorOutput)
            output.WriteLine(line);
        Assert.True(joined, "the host did not join the next driver");
        Assert.Contains("w1", await next.Map(WhereFor, Enumerable.Range(0, 20).Select(_ => 0)).ToListAsync());
    }

    [Fact]
    public async Task DriverCrash_StopsItsTasksOnTheHosts_WhichThenServeTheNextDriver()
    {
        using var hosts = new ClusterHosts();
        var markers = Directory.CreateTempSubdirectory("actorpool-markers-").FullName;
        try
        {
            // Quick to give up on a lost driver: the host downs itself (it is not on the oldest member's side) and joins again.
            hosts.StartWorker("w1", hocon: "akka.cluster.split-brain-resolver.stable-after = 2s");
            var crashing = hosts.StartDriver(markers);
            Assert.True(await Wait.UntilAsync(() => Directory.GetFiles(markers, "w1-*.started").Length > 0, JoinLimit), "the first driver's tasks did not reach the host");

            crashing.Kill(entireProcessTree: true);

            // Counted again each time: tasks that were still starting on the host when the driver died count too.
            Assert.True(await Wait.UntilAsync(() => Directory.GetFiles(markers, "w1-*.cancelled").Length == Directory.GetFiles(markers, "w1-*.started").Length, JoinLimit),
                "the host's children kept running the crashed driver's tasks");
            await using var next = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Cluster = hosts.Driver });
            var joined = await Wait.UntilAsync(() => next.WorkerHosts == 1, JoinLimit);
            foreach (var line in hosts.ErrorOutput)
                output.WriteLine(line);
            Assert.True(joined, "the host did not join the next driver");
            var answers = await next.Map(WhereFor, Enumerable.Range(0, 20).Select(_ => 0)).ToListAsync();
            Assert.Contains("w1", answers);
        }
        finally
        {
            Directory.Delete(markers, recursive: true);
        }
    }
}
