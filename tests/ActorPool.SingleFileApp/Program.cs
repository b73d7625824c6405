using ActorPool;

// Each child of this application runs Main up to here, and no further. With "--no-hook" the application leaves it out,
// to show what a single-file application without it is told.
if (args is not ["--no-hook"] && ActorPoolHost.TryRunChild(args, out var code))
    return code;

ProcessPool pool;
try
{
    pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2 });
}
catch (PlatformNotSupportedException e)
{
    Console.WriteLine($"refused: {e.Message}");
    return 3;
}
await using var _ = pool;
Console.WriteLine($"sum {await pool.ApplyAsync(Jobs.Add, 2, 3)}");
Console.WriteLine($"children started as this application: {pool.ChildPids.All(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains(ActorPoolHost.ChildArgument))}");
Console.WriteLine($"worker {await Worker.Start(Jobs.Add, 20, 22)}");
return 0;

/// <summary>Task functions: they run in the children, which are this application started again.</summary>
public static class Jobs
{
    public static int Add(int a, int b) => a + b;
}
