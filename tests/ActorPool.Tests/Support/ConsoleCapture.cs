namespace ActorPool.Tests.Support;

/// <summary>
/// Takes what the process writes on its standard output and error until disposed. Process-wide: only for tests of the
/// <see cref="ProcessWide"/> collection, which run alone.
/// </summary>
internal sealed class ConsoleCapture : IDisposable
{
    private readonly TextWriter _out = Console.Out;
    private readonly TextWriter _error = Console.Error;
    private readonly StringWriter _captured = new();
    private readonly TextWriter _writer;

    public ConsoleCapture()
    {
        _writer = TextWriter.Synchronized(_captured);
        Console.SetOut(_writer);
        Console.SetError(_writer);
    }

    /// <summary>Everything written so far, on either.</summary>
    public string Text
    {
        get
        {
            // The synchronized writer's methods lock the writer itself.
            lock (_writer)
                return _captured.ToString();
        }
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }
}
