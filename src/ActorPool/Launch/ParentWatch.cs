namespace ActorPool.Launch;

/// <summary>
/// The child's side of its tie to the parent: standard input stays open for the child's whole life, carries
/// the parent's commands line by line, and its end (the parent closed it, or died however it died) ends the child.
/// </summary>
internal static class ParentWatch
{
    /// <summary>Reads <paramref name="stdin"/> on a background thread; exits with <paramref name="exitCode"/> when it ends.</summary>
    public static void Start(TextReader stdin, Action<string> onLine, int exitCode)
    {
        var watcher = new Thread(() =>
        {
            try
            {
                string? line;
                while ((line = stdin.ReadLine()) is not null)
                    onLine(line);
            }
            catch (IOException)
            {
                // The parent is gone.
            }
            FastExit.Now(exitCode);
        })
        {
            IsBackground = true,
            Name = "actorpool-parent-watch",
        };
        watcher.Start();
    }
}
