using System.Runtime;
using ActorPool;

if (args is ["gc"])
{
    // Which GC this application and a child of its pool run.
    await using var small = await ProcessPool.StartAsync(new PoolOptions { Processes = 1 });
    var childServerGc = await small.ApplyAsync(static () => GCSettings.IsServerGC);
    Console.WriteLine($"PARENT-SERVER-GC {GCSettings.IsServerGC} CHILD-SERVER-GC {childServerGc}");
    return;
}

if (args is ["stall"])
{
    // The application's own thread pool blocked for seconds, as sync-over-async under load does: the pool's messages,
    // its children's answers to liveness probes among them, wait as long. The child went on answering all along.
    var quick = Akka.Configuration.ConfigurationFactory.ParseString("actorpool.liveness { interval = 250ms, timeout = 1500ms }");
    await using var stalled = await ProcessPool.StartAsync(new PoolOptions { Processes = 1, Config = quick });
    var before = string.Join(",", stalled.ChildPids);
    var watch = System.Diagnostics.Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 6 * Environment.ProcessorCount).Select(_ => Task.Run(() => Thread.Sleep(3000))));
    var blocked = watch.Elapsed;
    // Twice the timeout after the stall: a child taken for hung would have been killed by then.
    await Task.Delay(TimeSpan.FromSeconds(3));
    Console.WriteLine($"BLOCKED {blocked.TotalSeconds:F1} s RESULT {await stalled.ApplyAsync(static (int x) => 2 * x, 21)} CHILDREN-BEFORE {before} AFTER {string.Join(",", stalled.ChildPids)}");
    return;
}

// Started by the parent-crash test, which SIGKILLs this process and checks that its children exit.
var processes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = processes });
var pid = await pool.ApplyAsync(() => Environment.ProcessId);
// Large payloads each way, so that the parent and its children have shared-memory areas to leave behind.
await pool.Map(static (byte[] data) => data, [new byte[1 << 20], new byte[1 << 20]]);
Console.WriteLine($"CHILDREN {string.Join(",", pool.ChildPids)} RAN-IN {pid}");
Console.Out.Flush();
await Task.Delay(Timeout.Infinite);
GC.KeepAlive(pool);
