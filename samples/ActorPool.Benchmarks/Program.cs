using System.Globalization;
using ActorPool.Benchmarks;

// Usage: dotnet run -c Release --project samples/ActorPool.Benchmarks -- <scenario|all> [--rounds N]
// Prints, for each scenario, the median, min and max over the rounds, as a Markdown table and as JSON lines.
if (args.Length > 0 && args[0] == EchoServers.TcpArgument)
    return await EchoServers.ServeTcpAsync();
if (args.Length > 0 && args[0] == EchoServers.AkkaArgument)
    return await EchoServers.ServeAkkaAsync();

var scenario = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).FirstOrDefault() ?? "all";
var rounds = args.SkipWhile(a => a != "--rounds").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);
var hocon = args.SkipWhile(a => a != "--hocon").Skip(1).FirstOrDefault();
if (hocon is not null)
    PoolFactory.Extra = Akka.Configuration.ConfigurationFactory.ParseString(hocon);
var scenarios = Scenarios.All.Concat(PrimitiveScenarios.All).ToDictionary();
var chosen = scenario == "all" ? scenarios.Keys.ToList() : [scenario];
if (chosen.Any(name => !scenarios.ContainsKey(name)))
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}'. Scenarios: all, {string.Join(", ", scenarios.Keys)}");
    return 2;
}

Console.WriteLine($"# ActorPool benchmarks: {string.Join(", ", chosen)}; {rounds} rounds; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
var results = new List<Measurement>();
foreach (var name in chosen)
{
    Console.Error.WriteLine($"running {name} ...");
    var measured = await scenarios[name](rounds);
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
