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

    public ConsoleCapture()
    {
        var writer = TextWriter.Synchronized(_captured);
        Console.SetOut(writer);
        Console.SetError(writer);
    }

    /// <summary>Everything written so far, on either.</summary>
    public string Text
    {
        get
        {
            lock (_captured)
                return _captured.ToString();
        }
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
    }
}
