using Spectre.Console;

namespace ActorPool.UrlFetcher;

/// <summary>Fetches every URL in the pool and prints each outcome as it arrives, under a live progress bar.</summary>
/// <remarks>
/// Each fetch is its own ApplyAsync, so a page that fails (its ProxyException) does not stop the others; Task.WhenEach
/// yields the calls in the order they finish.
/// </remarks>
internal static class Fetcher
{
    public static async Task<(int Succeeded, int Failed, long Bytes)> FetchAllAsync(ProcessPool pool, IReadOnlyList<string> urls)
    {
        var (succeeded, failed, bytes) = (0, 0, 0L);
        // The live bar needs a terminal; with the output redirected, the lines alone are printed.
        var interactive = AnsiConsole.Profile.Capabilities.Interactive;
        var progress = interactive ? AnsiConsole.Progress().AutoClear(true) : null;
        async Task Run(ProgressTask? bar)
        {
            var calls = urls.Select(url => (Url: url, Call: pool.ApplyAsync(Jobs.FetchAsync, url))).ToList();
            var byCall = calls.ToDictionary(c => (Task)c.Call, c => c.Url);
            await foreach (var call in Task.WhenEach(calls.Select(c => c.Call)))
            {
                try
                {
                    var (url, size, pid) = await call;
                    (succeeded, bytes) = (succeeded + 1, bytes + size);
                    Print($"{url}: {size} bytes (child {pid})", interactive);
                }
                catch (ProxyException e)
                {
                    failed++;
                    Print($"{byCall[call]}: failed in child {e.ChildPid} with {e.RemoteType}: {e.RemoteMessage}", interactive);
                }
                bar?.Increment(1);
            }
        }
        if (progress is null)
            await Run(null);
        else
            await progress.StartAsync(context => Run(context.AddTask("fetching", maxValue: urls.Count)));
        return (succeeded, failed, bytes);
    }

    // Under the live bar, lines go through Spectre (which keeps the bar below them); else plainly, never wrapped.
    private static void Print(string line, bool interactive)
    {
        if (interactive)
            AnsiConsole.WriteLine(line);
        else
            Console.WriteLine(line);
    }
}
