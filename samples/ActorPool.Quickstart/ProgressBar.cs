using Spectre.Console;

namespace ActorPool.Quickstart;

/// <summary>A map shown as a live progress bar.</summary>
/// <remarks>
/// A method of its own rather than a lambda in Program.cs: the C# compiler keeps every local of a scope that lambdas
/// capture in one closure object, so a lambda there that captured the pool would make the closure sent to the
/// children below (<c>x => x + offset</c>) carry the pool too, and ActorPool refuses a closure that cannot travel.
/// </remarks>
internal static class ProgressBar
{
    public static Task<IReadOnlyList<int>> MapAsync(ProcessPool pool, IEnumerable<int> items) =>
        AnsiConsole.Progress().StartAsync(async progress =>
        {
            var list = items.ToList();
            var bar = progress.AddTask($"Map(SquareAsync, {list.Count} items)", maxValue: list.Count);
            var results = await pool.Map(Jobs.SquareAsync, list)
                .WithProgress(new Progress<MapProgress>(p => bar.Value = Math.Max(bar.Value, p.Completed + p.Failed)), TimeSpan.FromMilliseconds(50));
            bar.Value = results.Count;
            return results;
        });
}
