using System.Diagnostics;
using Akka.Configuration;

namespace ActorPool.Benchmarks;

/// <summary>Where tasks go (issue 20): the same Map under round-robin and under smallest-mailbox placement, round by round in one run.</summary>
public static class PlacementScenarios
{
    private const int Tasks = 2000;

    public static IReadOnlyDictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>> All { get; } =
        new Dictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>> { ["placement"] = PlacementAsync };

    private static async Task<IReadOnlyList<Measurement>> PlacementAsync(int rounds)
    {
        static Task<ProcessPool> Start(string router) => PoolFactory.StartAsync(new PoolOptions
        {
            Processes = 2,
            // Few slots per child, so that where the slow tasks land decides how long the others wait.
            ChildConcurrency = 8,
            Config = ConfigurationFactory.ParseString($"akka.actor.deployment./pool/router.router = {router}"),
        });
        await using var roundRobin = await Start("round-robin-pool");
        await using var leastLoaded = await Start("smallest-mailbox-pool");
        static async Task<double> Rate(ProcessPool pool)
        {
            var watch = Stopwatch.StartNew();
            // Unordered: an ordered Map's window would wait for each slow task whatever placement did.
            await foreach (var _ in pool.MapUnordered(Work.OneInTenSlowAsync, Enumerable.Range(0, Tasks)))
            {
            }
            return Tasks / watch.Elapsed.TotalSeconds;
        }
        await Rate(roundRobin);
        await Rate(leastLoaded);
        var roundRobinRates = new List<double>();
        var leastLoadedRates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            roundRobinRates.Add(await Rate(roundRobin));
            leastLoadedRates.Add(await Rate(leastLoaded));
        }
        const string work = "MapUnordered of 2,000 tasks, 1 in 10 of 50 ms, 2 processes x ChildConcurrency 8";
        return
        [
            new("placement", $"{work}, round-robin", "tasks/s", roundRobinRates, ""),
            new("placement", $"{work}, smallest-mailbox", "tasks/s", leastLoadedRates, "> round-robin"),
        ];
    }
}
