using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Benchmarks;

/// <summary>The scenarios of issue 5, each with the floors it is compared with, measured over several rounds.</summary>
public static class Scenarios
{
    public static IReadOnlyDictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>> All { get; } =
        new Dictionary<string, Func<int, Task<IReadOnlyList<Measurement>>>>
        {
            ["startup"] = StartupAsync,
            ["latency"] = LatencyAsync,
            ["map"] = MapAsync,
            ["apply"] = ApplyAsync,
            ["ask"] = AskAsync,
            ["cpu"] = CpuAsync,
            ["io"] = IoAsync,
            ["payload"] = PayloadAsync,
            ["memory"] = MemoryAsync,
            ["recycle"] = RecycleAsync,
        };

    private static Config Tls(bool on) => ConfigurationFactory.ParseString($"actorpool.remote.tls = {(on ? "on" : "off")}");

    private static async Task<IReadOnlyList<Measurement>> StartupAsync(int rounds)
    {
        var first = new List<double>();
        var both = new List<double>();
        var childCpu = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2 });
            // Read as soon as the children are ready, before they run anything.
            childCpu.AddRange(pool.ChildPids.Select(ProcessCpu.Milliseconds));
            await pool.ApplyAsync(Work.Noop, 0);
            first.Add(watch.Elapsed.TotalSeconds);
            var seen = new HashSet<int>();
            while (seen.Count < 2)
                seen.Add(await pool.ApplyAsync(() => Environment.ProcessId));
            both.Add(watch.Elapsed.TotalSeconds);
        }
        return
        [
            new("startup", "StartAsync(2) to first result", "s", first, "<= 2.5x aiomultiprocess's"),
            new("startup", "StartAsync(2) to both children answering", "s", both, ""),
            new("startup", "child CPU from spawn to ready", "ms", childCpu, "<= 250 ms"),
        ];
    }

    private static async Task<IReadOnlyList<Measurement>> LatencyAsync(int rounds)
    {
        var results = new List<Measurement>();
        foreach (var tls in new[] { true, false })
        {
            var p50 = new List<double>();
            var p99 = new List<double>();
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2, Config = Tls(tls) });
            for (var i = 0; i < 2000; i++)
                await pool.ApplyAsync(Work.Noop, i);
            for (var round = 0; round < rounds; round++)
            {
                var samples = new List<double>();
                for (var i = 0; i < 5000; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await pool.ApplyAsync(Work.Noop, i);
                    samples.Add(watch.Elapsed.TotalMicroseconds);
                }
                p50.Add(Floors.Percentile(samples, 0.5));
                p99.Add(Floors.Percentile(samples, 0.99));
            }
            var label = tls ? "TLS on" : "TLS off";
            results.Add(new("latency", $"sequential ApplyAsync p50, {label}", "us", p50, tls ? "<= 300 us" : ""));
            results.Add(new("latency", $"sequential ApplyAsync p99, {label}", "us", p99, "<= 1,000 us"));
        }
        var inProcess = await RoundsAsync(rounds, () =>
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 1_000_000; i++)
                Work.Noop(i);
            return Task.FromResult(watch.Elapsed.TotalMicroseconds / 1_000_000);
        });
        results.Add(new("latency", "floor: the same call in-process", "us", inProcess, ""));
        var tcp = await RoundsAsync(rounds, Floors.TcpAsync);
        results.Add(new("latency", "floor: raw TCP echo round trip p50", "us", [.. tcp.Select(r => r.P50Micros)], ""));
        results.Add(new("latency", "floor: raw TCP echo round trip p99", "us", [.. tcp.Select(r => r.P99Micros)], ""));
        // The tail of the same machine and the same transport without ActorPool: what a p99 target can be held against.
        foreach (var tls in new[] { true, false })
        {
            var akka = await RoundsAsync(rounds, () => Floors.AkkaAsync(tls));
            results.Add(new("latency", $"floor: raw Akka.Remote ask p50, TLS {(tls ? "on" : "off")}", "us", [.. akka.Select(r => r.P50Micros)], ""));
            results.Add(new("latency", $"floor: raw Akka.Remote ask p99, TLS {(tls ? "on" : "off")}", "us", [.. akka.Select(r => r.P99Micros)], ""));
        }
        return results;
    }

    private static async Task<IReadOnlyList<Measurement>> MapAsync(int rounds)
    {
        const int Tasks = 200_000;
        var results = new List<Measurement>();
        foreach (var tls in new[] { true, false })
        {
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2, Config = Tls(tls) });
            await WarmUpAsync(async () => await pool.Map(Work.Noop, Enumerable.Range(0, 10_000)));
            // Besides the rate, what each task costs: CPU summed over the parent and its children (steadier than the
            // rate on a busy machine), and what the parent allocates for it (the garbage its GC then collects).
            var cpu = new List<double>();
            var allocated = new List<double>();
            var rates = await RoundsAsync(rounds, async () =>
            {
                var pids = pool.ChildPids.Prepend(Environment.ProcessId).ToArray();
                var cpuBefore = pids.Sum(ProcessCpu.Milliseconds);
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var all = await pool.Map(Work.Noop, Enumerable.Range(0, Tasks));
                var seconds = watch.Elapsed.TotalSeconds;
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)Tasks);
                cpu.Add((pids.Sum(ProcessCpu.Milliseconds) - cpuBefore) * 1000 / Tasks);
                return all.Count / seconds;
            });
            var mode = $"TLS {(tls ? "on" : "off")}";
            results.Add(new("map", $"Map of {Tasks:N0} no-ops, {mode}", "tasks/s", rates, tls ? ">= 250,000" : ""));
            results.Add(new("map", $"CPU per task, parent and children summed, {mode}", "us", cpu, ""));
            results.Add(new("map", $"parent's allocations per task, {mode}", "bytes", allocated, ""));
        }
        var inProcess = await RoundsAsync(rounds, () =>
        {
            var watch = Stopwatch.StartNew();
            var all = Enumerable.Range(0, Tasks).Select(Work.Noop).ToList();
            return Task.FromResult(all.Count / watch.Elapsed.TotalSeconds);
        });
        results.Add(new("map", "floor: the same calls in-process", "tasks/s", inProcess, ""));
        return results;
    }

    private static async Task<IReadOnlyList<Measurement>> ApplyAsync(int rounds)
    {
        await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2 });
        await WarmUpAsync(() => Task.WhenAll(Enumerable.Range(0, 2000).Select(i => pool.ApplyAsync(Work.Noop, i))));
        var rates = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 20_000).Select(i => pool.ApplyAsync(Work.Noop, i)));
            return 20_000 / watch.Elapsed.TotalSeconds;
        });
        return [new("apply", "20,000 concurrent ApplyAsync no-ops", "tasks/s", rates, ">= 100,000")];
    }

    private static async Task<IReadOnlyList<Measurement>> AskAsync(int rounds)
    {
        await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2 });
        var timeout = TimeSpan.FromSeconds(60);
        await WarmUpAsync(() => Floors.Pipelined(2000, 512, i => pool.Router.Ask<int>(Invoke.Create(Work.Noop, i), timeout)));
        var rates = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            await Floors.Pipelined(20_000, 512, i => pool.Router.Ask<int>(Invoke.Create(Work.Noop, i), timeout));
            return 20_000 / watch.Elapsed.TotalSeconds;
        });
        var floor = await RoundsAsync(rounds, async () => (await Floors.AkkaAsync(tls: true)).AsksPerSecond);
        return
        [
            new("ask", "Router.Ask<T>(Invoke) pipelined, 512 in flight", "tasks/s", rates, ">= 0.8x the raw asks' floor"),
            new("ask", "floor: raw Akka.Remote asks, 512 in flight, TLS on", "asks/s", floor, ""),
        ];
    }

    private static async Task<IReadOnlyList<Measurement>> CpuAsync(int rounds)
    {
        async Task<double> Seconds(int processes)
        {
            // One task at a time per child, as a Python child's event loop runs CPU-bound work: the scenario
            // measures how the work spreads over processes (a child with 16 at once already uses both cores).
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = processes, ChildConcurrency = 1 });
            await pool.Map(Work.Spin, Enumerable.Repeat(1, 20));
            var watch = Stopwatch.StartNew();
            await pool.Map(Work.Spin, Enumerable.Repeat(10, 200));
            return watch.Elapsed.TotalSeconds;
        }
        var speedups = await RoundsAsync(rounds, async () => await Seconds(1) / await Seconds(2));
        return [new("cpu", "200 tasks of 10 ms CPU, ChildConcurrency 1: time with 1 process / with 2", "x", speedups, ">= 1.9")];
    }

    private static async Task<IReadOnlyList<Measurement>> IoAsync(int rounds)
    {
        var results = new List<Measurement>();
        foreach (var concurrency in new[] { 16, 256 })
        {
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2, ChildConcurrency = concurrency });
            await pool.Map(Work.DelayAsync, Enumerable.Repeat(1, 100));
            var seconds = await RoundsAsync(rounds, async () =>
            {
                var watch = Stopwatch.StartNew();
                await pool.Map(Work.DelayAsync, Enumerable.Repeat(50, 2000));
                return watch.Elapsed.TotalSeconds;
            });
            results.Add(new("io", $"2000 x Task.Delay(50), ChildConcurrency {concurrency}", "s", seconds, concurrency == 256 ? "<= 0.22 s" : ""));
        }
        return results;
    }

    private static async Task<IReadOnlyList<Measurement>> PayloadAsync(int rounds)
    {
        await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2 });
        var bytes = new byte[1024 * 1024];
        Random.Shared.NextBytes(bytes);
        await pool.ApplyAsync(Work.EchoBytes, bytes);
        var throughput = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 40; i++)
                await pool.ApplyAsync(Work.EchoBytes, bytes);
            return 40 * 2 / watch.Elapsed.TotalSeconds;
        });
        var dictionary = Enumerable.Range(0, 10_000).ToDictionary(i => $"key-{i}", i => i);
        await pool.ApplyAsync(Work.EchoDictionary, dictionary);
        var dictionaries = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 100; i++)
                await pool.ApplyAsync(Work.EchoDictionary, dictionary);
            return 100 / watch.Elapsed.TotalSeconds;
        });
        // The rows above time one echo after another. aiomultiprocess's payload figure (../shared/peers, `bench.py
        // payload`) is a map of 200 copies over its 2 workers, so these rows do that same work. Their names avoid the
        // strings side-summary.py matches ("1 MiB byte[]", "Dictionary"), which keeps its pairing of the rows above.
        var mappedBytes = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            await pool.Map(Work.EchoBytes, Enumerable.Repeat(bytes, 200));
            return 200 * 2 / watch.Elapsed.TotalSeconds;
        });
        var mappedDictionaries = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            await pool.Map(Work.EchoDictionary, Enumerable.Repeat(dictionary, 200));
            return 200 / watch.Elapsed.TotalSeconds;
        });
        var huge = new byte[64 * 1024 * 1024];
        Random.Shared.NextBytes(huge);
        // A pool's first dozen 64 MiB echoes are slower: each child's area pages and large-object heap are made, the
        // GC grows its large-object budget, and tiered compilation moves the copy paths to optimized code. The row
        // below is the steady state; this one says what the first echoes cost (once per benchmark process).
        var coldWatch = Stopwatch.StartNew();
        for (var i = 0; i < 12; i++)
            await pool.ApplyAsync(Work.EchoBytes, huge);
        double[] cold = [12 * 64 * 2 / coldWatch.Elapsed.TotalSeconds];
        var hugeThroughput = await RoundsAsync(rounds, async () =>
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 8; i++)
                await pool.ApplyAsync(Work.EchoBytes, huge);
            return 8 * 64 * 2 / watch.Elapsed.TotalSeconds;
        });
        var before = new List<double>();
        var peak = await RoundsAsync(rounds, async () =>
        {
            // What the earlier echoes left is garbage, not part of this peak.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            before.Add(ProcessMemory.Read(Environment.ProcessId).RssMb);
            PeakMemory.Reset();
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => pool.ApplyAsync(Work.EchoBytes, huge)));
            return PeakMemory.PeakRssMb();
        });
        var tcp = await RoundsAsync(rounds, async () => (await Floors.TcpAsync()).MibPerSecond);
        var akka = await RoundsAsync(rounds, async () => (await Floors.AkkaAsync(tls: true)).MibPerSecond);
        var shared = await RoundsAsync(rounds, () => Task.FromResult(Floors.SharedMemory(1024 * 1024, 200)));
        var sharedHuge = await RoundsAsync(rounds, () => Task.FromResult(Floors.SharedMemory(64 * 1024 * 1024, 4)));
        return
        [
            new("payload", "echo of a 1 MiB byte[] (both ways counted)", "MiB/s", throughput, ">= 600"),
            new("payload", "echo of a 10,000-entry Dictionary<string,int>", "tasks/s", dictionaries, ">= 200"),
            new("payload", "Map of 200 copies of a 1 MiB array, pool of 2 (both ways counted)", "MiB/s", mappedBytes, ">= aiomultiprocess's"),
            new("payload", "Map of 200 copies of a 10,000-entry dictionary, pool of 2", "tasks/s", mappedDictionaries, ">= aiomultiprocess's"),
            new("payload", "echo of a 64 MiB byte[] (both ways counted)", "MiB/s", hugeThroughput, ">= the 1 MiB echo"),
            new("payload", "echo of a 64 MiB byte[], a new pool's first 12 (both ways counted)", "MiB/s", cold, ""),
            new("payload", "peak parent RSS, 4 concurrent echoes of one 64 MiB byte[]", "MB", peak, "<= 805 (3 x 4 x 64 MiB)"),
            new("payload", "parent RSS before those 4 echoes", "MB", before, ""),
            new("payload", "floor: shared-memory slot write + read of 1 MiB, in-process", "MiB/s", shared, ""),
            new("payload", "floor: shared-memory slot write + read of 64 MiB, in-process", "MiB/s", sharedHuge, ""),
            new("payload", "floor: raw TCP echo of 1 MiB", "MiB/s", tcp, ""),
            new("payload", "floor: raw Akka.Remote echo of 1 MiB, TLS on", "MiB/s", akka, ""),
        ];
    }

    private static async Task<IReadOnlyList<Measurement>> MemoryAsync(int rounds)
    {
        var parentRss = new List<double>();
        var parentPss = new List<double>();
        var childRss = new List<double>();
        var childPss = new List<double>();
        var parentCpu = new List<double>();
        var childCpu = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // What earlier scenarios of an `all` run left (the payload scenario's 64 MiB arrays) is not the pool's: the
            // parent's heap goes back to the OS before the pool starts, as it would be in a process that just began.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2 });
            await pool.Map(Work.Noop, Enumerable.Range(0, 1000));
            GC.Collect();
            // Idle, as the peers' memory scenario measures it: a second after the pool has settled.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var parent = ProcessMemory.Read(Environment.ProcessId);
            parentRss.Add(parent.RssMb);
            parentPss.Add(parent.PssMb);
            foreach (var pid in pool.ChildPids)
            {
                var child = ProcessMemory.Read(pid);
                childRss.Add(child.RssMb);
                childPss.Add(child.PssMb);
            }
            // What the idle pool keeps doing (timers, heartbeats, liveness probes, and the thread pool's workers
            // spinning after each of them wakes one), per second of wall time.
            var pids = pool.ChildPids.ToArray();
            var parentBefore = ProcessCpu.Milliseconds(Environment.ProcessId);
            var childrenBefore = pids.Select(ProcessCpu.Milliseconds).ToArray();
            var idle = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var seconds = idle.Elapsed.TotalSeconds;
            parentCpu.Add((ProcessCpu.Milliseconds(Environment.ProcessId) - parentBefore) / seconds);
            childCpu.AddRange(pids.Select((pid, i) => (ProcessCpu.Milliseconds(pid) - childrenBefore[i]) / seconds));
        }
        return
        [
            new("memory", "idle pool of 2: parent RSS", "MB", parentRss, ""),
            new("memory", "idle pool of 2: parent PSS", "MB", parentPss, "<= 100 MB"),
            new("memory", "idle pool of 2: each child RSS", "MB", childRss, ""),
            new("memory", "idle pool of 2: each child PSS", "MB", childPss, "<= 40 MB; <= 2.2x aiomultiprocess's"),
            new("memory", "idle pool of 2: parent CPU", "ms/s", parentCpu, ""),
            new("memory", "idle pool of 2: each child CPU", "ms/s", childCpu, ""),
        ];
    }

    private static async Task<IReadOnlyList<Measurement>> RecycleAsync(int rounds)
    {
        var results = new List<Measurement>();
        foreach (var maxTasks in new[] { 0, 10 })
        {
            var rates = await RoundsAsync(rounds, async () =>
            {
                await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 2, MaxTasksPerChild = maxTasks });
                var watch = Stopwatch.StartNew();
                await pool.Map(Work.Noop, Enumerable.Range(0, 1000));
                return 1000 / watch.Elapsed.TotalSeconds;
            });
            results.Add(new("recycle", $"1000 no-ops, MaxTasksPerChild {maxTasks}", "tasks/s", rates, maxTasks == 10 ? ">= 0.25x aiomultiprocess's" : ""));
        }
        var slowest = new List<double>();
        var median = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            // Each call waits for a fresh child: its time is one child's start, association included.
            const int Starts = 100;
            await using var pool = await PoolFactory.StartAsync(new PoolOptions { Processes = 1, MaxTasksPerChild = 1 });
            var samples = new List<double>();
            for (var i = 0; i < Starts; i++)
            {
                var watch = Stopwatch.StartNew();
                await pool.ApplyAsync(Work.Noop, i);
                samples.Add(watch.Elapsed.TotalSeconds);
            }
            slowest.Add(samples.Max());
            median.Add(Floors.Percentile(samples, 0.5));
        }
        results.Add(new("recycle", "100 consecutive child starts (MaxTasksPerChild 1): slowest", "s", slowest, "< 1 s; <= 2x median"));
        results.Add(new("recycle", "100 consecutive child starts (MaxTasksPerChild 1): median", "s", median, ""));
        return results;
    }

    /// <summary>
    /// Throughput is measured in steady state: the parent and the children run the hot path for a few seconds
    /// first, so that the JIT has promoted it to its optimized tier in every process.
    /// </summary>
    private static async Task WarmUpAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        do
            await work();
        while (watch.Elapsed < TimeSpan.FromSeconds(3));
    }

    private static async Task<List<T>> RoundsAsync<T>(int rounds, Func<Task<T>> round)
    {
        var values = new List<T>();
        for (var i = 0; i < rounds; i++)
            values.Add(await round());
        return values;
    }
}
