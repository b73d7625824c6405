using Akka.Actor;
using ActorPool;
using ActorPool.Quickstart;

Console.WriteLine($"Parent process {Environment.ProcessId}");
await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2 });
Console.WriteLine($"Children: {string.Join(", ", pool.ChildPids)}");

int r = await pool.ApplyAsync(Jobs.SquareAsync, 7);
Console.WriteLine($"ApplyAsync(SquareAsync, 7) = {r}");

// A long map with a live progress bar (none when the output is not a terminal).
var all = await ProgressBar.MapAsync(pool, Enumerable.Range(0, 10_000));
Console.WriteLine($"Map(SquareAsync, 0..9999): {all.Count} results, last = {all[^1]}");

int z = await pool.Router.Ask<int>(Invoke.Create(Jobs.SquareAsync, 7), TimeSpan.FromSeconds(5));
Console.WriteLine($"Router.Ask<int>(Invoke.Create(SquareAsync, 7)) = {z}");

Console.WriteLine("Which child ran what:");
await foreach (var (input, pid) in pool.Map(Jobs.WhereAmIAsync, Enumerable.Range(0, 8)))
    Console.WriteLine($"  item {input} ran in child process {pid}");

var offset = 100;
Console.WriteLine($"Closure capturing offset: {await pool.ApplyAsync(x => x + offset, 1)}");

try
{
    await pool.ApplyAsync(Jobs.Divide, 1, 0);
}
catch (ProxyException e)
{
    Console.WriteLine($"Divide(1, 0) threw {e.RemoteType} in child {e.ChildPid}; InnerException is {e.InnerException?.GetType().Name}");
}

// Shared primitives: made here, passed to tasks, used from the children.
var words = new SharedQueue<string>();
var counts = new SharedDictionary<string, int>();
var countLock = new SharedLock();
foreach (var word in "the quick fox jumps over the lazy dog the end".Split(' '))
    await words.PutAsync(word);
// Two tasks at once (no lambda here: one capturing `pool` would share the closure that the task above sends).
await Task.WhenAll(pool.ApplyAsync(Jobs.CountWordsAsync, words, counts, countLock), pool.ApplyAsync(Jobs.CountWordsAsync, words, counts, countLock));
Console.WriteLine($"Words counted by the children: \"the\" x {await counts.GetAsync("the")}, {await counts.CountAsync()} distinct");
