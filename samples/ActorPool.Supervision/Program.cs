using Akka.Actor;
using ActorPool;
using ActorPool.Supervision;

// A SupervisorStrategy decides what becomes of a task runner whose ExceptionHandler rethrew: Resume it for a transient
// failure, Restart it for a suspect state, and Stop it (the child is then replaced) after more than 2 restarts within
// a minute or for anything else. The decider runs in this process, on the pool's supervisor.
var decisions = new List<string>();
// loggingEnabled: false, because this sample prints each decision itself; by default Akka logs every failure it handles.
var strategy = new OneForOneStrategy(maxNrOfRetries: 2, withinTimeMilliseconds: 60_000, localOnlyDecider: error =>
{
    var directive = Decisions.For(error);
    lock (decisions)
        decisions.Add($"{Decisions.TypeOf(error)} -> {directive}");
    return directive;
}, loggingEnabled: false);

await using var pool = await ProcessPool.StartAsync(new PoolOptions
{
    Processes = 1,
    SupervisorStrategy = strategy,
    ExceptionHandler = Jobs.Escalate,
});

var first = await pool.ApplyAsync(Jobs.Pid);
Console.WriteLine($"child process {first}");
foreach (var kind in new[] { "plain", "transient", "corrupt", "corrupt", "corrupt" })
{
    try
    {
        await pool.ApplyAsync(Jobs.Fail, kind);
    }
    catch (ProxyException e)
    {
        var decision = await Decisions.NextAsync(decisions, kind);
        var pid = await pool.ApplyAsync(Jobs.Pid);
        Console.WriteLine($"{kind,-9}: the caller got ProxyException({e.RemoteType}: {e.RemoteMessage}); " +
            $"supervisor: {decision}; next task ran in {(pid == first ? "the same child" : $"a new child {pid}")}");
        if (pid != first)
            Console.WriteLine("           (a third restart within a minute is more than the strategy allows: it stopped the runner, and the pool replaced its child)");
        first = pid;
    }
}
return 0;
