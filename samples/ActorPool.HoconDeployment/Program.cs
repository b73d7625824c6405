using Akka.Actor;
using Akka.Configuration;
using ActorPool;
using ActorPool.HoconDeployment;

var config = ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "pool.conf")));
var options = PoolOptions.FromConfig(config) with { Initializer = Jobs.Prepare, InitArgs = ["the initializer"] };
Console.WriteLine($"From pool.conf: {options.Processes} processes, {options.ChildConcurrency} tasks each, " +
    $"replaced after {options.MaxTasksPerChild} tasks, task timeout {options.TaskTimeout}, tasks on dispatcher {config.GetString("actorpool.task-dispatcher")}");

await using var pool = await ProcessPool.StartAsync(options);
Console.WriteLine($"Children: {string.Join(", ", pool.ChildPids)}");

// Router.Ask goes through the deployment's router (smallest-mailbox-pool over 2 runners per child).
foreach (var item in Enumerable.Range(0, 4))
    Console.WriteLine("Router.Ask: " + await pool.Router.Ask<string>(Invoke.Create(Jobs.WhereAmIAsync, item), TimeSpan.FromSeconds(10)));

var results = await pool.Map(Jobs.WhereAmIAsync, Enumerable.Range(10, 4));
Console.WriteLine($"Map: {results.Count} results, e.g. {results[0]}");

try
{
    await pool.ApplyAsync(Jobs.SlowAsync, 60);
}
catch (TimeoutException e)
{
    Console.WriteLine($"A 60 s task: {e.Message}");
}
return 0;
