using System.Diagnostics;
using ActorPool.Execution;

namespace ActorPool.Launch;

/// <summary>
/// One child process as its parent sees it, whichever kind of child it is (a pool child or a
/// <see cref="ChildProcess"/>): started on the child host with a child-only environment, its standard output read
/// as <see cref="ChildLine"/>s, its standard error as log entries, and its exit told once, after its last words.
/// The callbacks run on the threads that read the child's output; they must not block.
/// </summary>
internal sealed class RunningChild : IDisposable
{
    private const int Ends = 3; // the exit, the end of standard output, the end of standard error

    private readonly Process _process;
    private readonly Logging.ChildLogSink _logs;
    private readonly Action<ChildLine> _onLine;
    private readonly Action<int> _onExited;
    private readonly RecentLines _errors = new(10);
    private readonly TimeSpan _streamsGrace;
    private int _endsSeen;
    private int _exitTold;
    private int _exitCode = -1;
    private int _disposed;

    private RunningChild(int childId, Process process, Logging.ChildLogSink logs, Action<ChildLine> onLine, Action<int> onExited, TimeSpan streamsGrace)
    {
        _streamsGrace = streamsGrace;
        ChildId = childId;
        _process = process;
        _logs = logs;
        _onLine = onLine;
        _onExited = onExited;
    }

    public int ChildId { get; }

    public int Pid { get; private set; }

    /// <summary>The last warnings and errors the child wrote on its standard error, for an error that says why it failed.</summary>
    public string RecentErrorOutput => _errors.ToString();

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Starts the child host; its first line of standard input is for <see cref="Tell"/> to write.</summary>
    /// <param name="childId">The child's number, in its logs' scope.</param>
    /// <param name="environment">Variables set in the child only (see <see cref="ChildCommand.Create"/>).</param>
    /// <param name="logs">Where the child's standard error and its other output go.</param>
    /// <param name="onLine">Each line of the protocol the child writes, in order.</param>
    /// <param name="onExited">Once, with the exit code, after the last line: when the process has exited and both its
    /// output streams have ended, or <paramref name="streamsGrace"/> after the exit at the latest (a grandchild the task
    /// started may hold the streams open).</param>
    /// <param name="streamsGrace">How long after the exit the output may still be read; a second when nothing the parent
    /// needs comes last, longer when the child's last line is its result.</param>
    public static RunningChild Start(
        int childId, IReadOnlyDictionary<string, string>? environment, Logging.ChildLogSink logs, Action<ChildLine> onLine, Action<int> onExited,
        TimeSpan? streamsGrace = null)
    {
        var process = new Process { StartInfo = ChildCommand.Create(environment), EnableRaisingEvents = true };
        var child = new RunningChild(childId, process, logs, onLine, onExited, streamsGrace ?? TimeSpan.FromSeconds(1));
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnError(e.Data);
        process.Exited += (_, _) => child.OnExit();
        process.Start();
        child.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes a line to the child's standard input; nothing if it is gone.</summary>
    public void Tell(string line) => _process.TellQuietly(line);

    /// <summary>Closes the child's standard input: a child takes that as its parent leaving.</summary>
    public void CloseInput() => _process.TellQuietly(null);

    /// <summary>Ends the child and its descendants at once (SIGKILL on Unix); true if it was still running.</summary>
    public bool Kill() => _process.KillQuietly();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        Kill();
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            EndSeen();
            return;
        }
        var parsed = ChildLine.Parse(line);
        if (parsed.Kind == ChildLineKind.Other)
        {
            _logs.WriteOutput(Pid, ChildId, line);
            return;
        }
        if (parsed.Preceding.Length > 0)
            _logs.WriteOutput(Pid, ChildId, parsed.Preceding);
        _onLine(parsed);
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            EndSeen();
            return;
        }
        // What counts as the child's error output (a child killed while it starts that said nothing is not a host
        // failure) is what it did not log on purpose, and its warnings and errors.
        var entry = _logs.Write(Pid, ChildId, line);
        if (entry.Level >= Microsoft.Extensions.Logging.LogLevel.Warning)
            _errors.Add(entry.Text);
    }

    private void OnExit()
    {
        _exitCode = SafeExitCode(_process);
        _ = Task.Delay(_streamsGrace).ContinueWith(static (_, child) => ((RunningChild)child!).TellExited(), this, TaskScheduler.Default);
        EndSeen();
    }

    private void EndSeen()
    {
        if (Interlocked.Increment(ref _endsSeen) == Ends)
            TellExited();
    }

    private void TellExited()
    {
        if (Interlocked.Exchange(ref _exitTold, 1) == 0)
            _onExited(Volatile.Read(ref _exitCode));
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
