using System.CommandLine;
using ActorPool.Benchmarks;

// Prints, for each scenario, the median, min and max over the rounds, as a Markdown table and as JSON lines.
// `--help` lists the scenarios and options.
// The cluster scenario's worker hosts are this program in its worker mode.
if (ActorPool.ActorPoolWorker.IsWorkerCommand(args))
    return await ActorPool.ActorPoolWorker.RunAsync(args);
if (args.Length > 0 && args[0] == EchoServers.TcpArgument)
    return await EchoServers.ServeTcpAsync();
if (args.Length > 0 && args[0] == EchoServers.AkkaArgument)
    return await EchoServers.ServeAkkaAsync();

var scenarios = Scenarios.All.Concat(PrimitiveScenarios.All).Concat(PlacementScenarios.All).Concat(ClusterScenarios.All).ToDictionary();
var chosen = new Argument<string[]>("scenario")
{
    Description = $"What to measure: all, or any of {string.Join(", ", scenarios.Keys)}.",
    Arity = ArgumentArity.ZeroOrMore,
    DefaultValueFactory = _ => ["all"],
};
chosen.AcceptOnlyFromAmong(["all", .. scenarios.Keys]);
var rounds = new Option<int>("--rounds")
{
    Description = "Rounds of each scenario; the table gives their median, min and max.",
    DefaultValueFactory = _ => 3,
};
rounds.Validators.Add(result =>
{
    // A value that is not a number is the parser's error already.
    if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var count) && count < 1)
        result.AddError("--rounds must be at least 1.");
});
var hocon = new Option<string?>("--hocon") { Description = "HOCON merged into every benchmark pool's configuration." };
var command = new RootCommand("ActorPool's benchmarks: each scenario against the same work in-process and the raw floors.")
{
    chosen, rounds, hocon,
};
command.SetAction(async (parsed, cancellationToken) =>
{
    if (parsed.GetValue(hocon) is { } extra)
        PoolFactory.Extra = Akka.Configuration.ConfigurationFactory.ParseString(extra);
    var names = parsed.GetValue(chosen)!;
    var run = names.Contains("all") ? [.. scenarios.Keys] : names.Distinct().ToList();
    var roundCount = parsed.GetValue(rounds);
    Console.WriteLine($"# ActorPool benchmarks: {string.Join(", ", run)}; {roundCount} rounds; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
    var results = new List<Measurement>();
    foreach (var name in run)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Console.Error.WriteLine($"running {name} ...");
        var measured = await scenarios[name](roundCount);
        results.AddRange(measured);
        foreach (var m in measured)
            Console.Error.WriteLine("  " + m.ToRow());
    }

    Console.WriteLine();
    Console.WriteLine("| scenario | metric | median | min | max | unit | target |");
    Console.WriteLine("|---|---|---|---|---|---|---|");
    foreach (var m in results)
        Console.WriteLine(m.ToRow());
    Console.WriteLine();
    foreach (var m in results)
        Console.WriteLine(m.ToJson());
    return 0;
});

var parseResult = command.Parse(args);
if (parseResult.Errors.Count > 0)
{
    // A bad argument is an error at once, never a full run.
    foreach (var error in parseResult.Errors)
        Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("See --help.");
    return 2;
}
return await parseResult.InvokeAsync();
