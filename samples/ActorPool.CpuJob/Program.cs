using System.Diagnostics;
using ActorPool;
using ActorPool.CpuJob;

// The same CPU-bound job (hash chains over generated 64 KiB blocks) with one child process, then with one per core.
const int Blocks = 24;
const int Rounds = 2000;
var cores = Environment.ProcessorCount;
Console.WriteLine($"{Blocks} hash chains of {Rounds} rounds over 64 KiB blocks; {cores} cores");

var one = await TimeAsync(1);
var all = await TimeAsync(cores);
Console.WriteLine($"speed-up with {cores} processes: {one.Elapsed / all.Elapsed:F2}x");
Console.WriteLine($"same results: {one.Results.SequenceEqual(all.Results)}");
return 0;

static async Task<(TimeSpan Elapsed, IReadOnlyList<string> Results)> TimeAsync(int processes)
{
    // The pool starts first, so that the time is the work's, not the children's start.
    // One task at a time per child, as a Python child runs CPU-bound work: a .NET child would otherwise run its tasks on
    // all cores by itself (its thread pool), and one process would already use the whole machine.
    await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = processes, ChildConcurrency = 1 });
    // Each child's first calls compile the job: not part of the time either.
    await pool.StarMap(Jobs.HashChain, Enumerable.Range(0, processes * 4).Select(_ => (0, 1)));
    var watch = Stopwatch.StartNew();
    var results = await pool.StarMap(Jobs.HashChain, Enumerable.Range(1, Blocks).Select(seed => (seed, Rounds)));
    watch.Stop();
    Console.WriteLine($"{processes,2} process(es): {watch.Elapsed.TotalSeconds:F2} s");
    return (watch.Elapsed, results);
}
