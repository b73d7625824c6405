namespace ActorPool.Child;

/// <summary>
/// The child's side of its tie to the parent: standard input stays open for the child's whole life, carries
/// the parent's commands line by line, and its end (the parent closed it, or died however it died) ends the child.
/// </summary>
internal static class ParentWatch
{
    /// <summary>The parent's last line before it closes a child's input on purpose: it lives on, and cleans up after the child.</summary>
    public const string ExitCommand = "actorpool:exit";

    /// <summary>Reads <paramref name="stdin"/> on a background thread; exits with <paramref name="exitCode"/> when it ends.</summary>
    /// <param name="stdin">The child's standard input.</param>
    /// <param name="onLine">Handles each line but <see cref="ExitCommand"/>.</param>
    /// <param name="exitCode">The code to exit with.</param>
    /// <param name="orphaned">
    /// Runs before the exit when the input ended without <see cref="ExitCommand"/>, that is when the parent died: what
    /// the parent would have cleaned up after the child.
    /// </param>
    public static void Start(TextReader stdin, Action<string> onLine, int exitCode, Action? orphaned = null)
    {
        var watcher = new Thread(() =>
        {
            var dismissed = false;
            try
            {
                string? line;
                while ((line = stdin.ReadLine()) is not null)
                {
                    if (line == ExitCommand)
                        dismissed = true;
                    else
                        onLine(line);
                }
            }
            catch (IOException)
            {
                // The parent is gone.
            }
            if (!dismissed && orphaned is not null)
                RunQuietly(orphaned);
            FastExit.Now(exitCode);
        })
        {
            IsBackground = true,
            Name = "actorpool-parent-watch",
        };
        watcher.Start();
    }

    private static void RunQuietly(Action action)
    {
        try
        {
            action();
        }
        catch (Exception)
        {
            // Best effort on the way out: the next process to start sweeps what is left.
        }
    }
}
