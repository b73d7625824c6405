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
