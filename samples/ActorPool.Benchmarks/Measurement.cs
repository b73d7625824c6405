using System.Globalization;
using System.Text.Json;

namespace ActorPool.Benchmarks;

/// <summary>One figure of a scenario over several rounds: its median, min and max, and the target it is held to.</summary>
public sealed record Measurement(string Scenario, string Metric, string Unit, IReadOnlyList<double> Rounds, string Target)
{
    public double Median => Sorted[Sorted.Length / 2];

    public double Min => Sorted[0];

    public double Max => Sorted[^1];

    private double[] Sorted => [.. Rounds.Order()];

    public string ToJson() => JsonSerializer.Serialize(new
    {
        scenario = Scenario,
        metric = Metric,
        unit = Unit,
        median = Math.Round(Median, 3),
        min = Math.Round(Min, 3),
        max = Math.Round(Max, 3),
        rounds = Rounds.Count,
        target = Target,
    });

    public string ToRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Metric} | {Format(Median)} | {Format(Min)} | {Format(Max)} | {Unit} | {Target} |");

    private static string Format(double value) => value switch
    {
        >= 100 => value.ToString("N0", CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.00", CultureInfo.InvariantCulture),
        _ => value.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
