using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ActorPool.Child;

namespace ActorPool.Launch;

/// <summary>
/// The parent's side of one child process: starts it, reads its output, tells its owner when it is ready and
/// when it has exited, and ends it. OS callbacks only <c>Tell</c> the owner.
/// </summary>
internal sealed class ChildHandle : IChildHandle
{
    public const string ReadyPrefix = "ACTORPOOL-READY ";

    private readonly Process _process;
    private readonly Logging.ChildLogSink _logs;
    private readonly RecentLines _errors = new(10);
    private readonly object _gate = new();
    private List<Action<IActorRef, ILoggingAdapter>>? _early = [];
    private IActorRef? _owner;
    private ILoggingAdapter? _log;
    private int _launched;
    private int _disposed;
    private int _endsSeen; // the process's exit and the end of its standard error: the owner is told when both are in
    private int _exitTold;

    private ChildHandle(int childId, Process process, Logging.ChildLogSink logs)
    {
        ChildId = childId;
        _process = process;
        _logs = logs;
    }

    public string RecentErrorOutput => _errors.ToString();

    public int ChildId { get; }

    public int Pid { get; private set; }

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

    /// <summary>
    /// Starts a child process that waits for its bootstrap line (<see cref="SendBootstrap"/>). What it says before an
    /// owner is attached (<see cref="Attach"/>) is kept and told in order then, so that a pool can start its children
    /// while its own ActorSystem is still being made.
    /// </summary>
    public static ChildHandle Launch(int childId, IReadOnlyDictionary<string, string> environment, Logging.ChildLogSink logs)
    {
        var process = new Process { StartInfo = ChildCommand.Create(environment), EnableRaisingEvents = true };
        var handle = new ChildHandle(childId, process, logs);
        process.OutputDataReceived += (_, e) => handle.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => handle.OnError(e.Data);
        process.Exited += (_, _) => handle.EndSeen();
        process.Start();
        handle.Pid = process.Id;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return handle;
    }

    /// <summary>
    /// Starts a child. <paramref name="owner"/> receives <see cref="ChildLaunched"/> once the child's ActorSystem
    /// listens, and <see cref="ChildExited"/> when the process ends, whatever the cause.
    /// </summary>
    public static ChildHandle Start(
        int childId, ChildBootstrap bootstrap, IReadOnlyDictionary<string, string> environment, Logging.ChildLogSink logs, IActorRef owner, ILoggingAdapter log)
    {
        var handle = Launch(childId, environment, logs);
        handle.Attach(owner, log);
        handle.SendBootstrap(bootstrap);
        return handle;
    }

    /// <summary>Gives the child what it needs to start its ActorSystem; the first line of its standard input.</summary>
    public void SendBootstrap(ChildBootstrap bootstrap)
    {
        // The line is private to the child: its standard input is a pipe only the parent holds.
        _process.TellQuietly(bootstrap.Encode());
    }

    public void Attach(IActorRef owner, ILoggingAdapter log)
    {
        lock (_gate)
        {
            _owner = owner;
            _log = log;
            // Told under the lock, so that nothing said meanwhile overtakes what was said before.
            foreach (var early in _early!)
                early(owner, log);
            _early = null;
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
            return;
        if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal) && Interlocked.Exchange(ref _launched, 1) == 0)
            Post((owner, _) => owner.Tell(ChildLaunched.Parse(ChildId, line[ReadyPrefix.Length..])));
        else
            Post((_, log) => log.Debug("[child {0}] {1}", ChildId, line));
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

    /// <summary>
    /// The child's exit is told once its last words on standard error are logged (the exit can be seen first); and a
    /// second after the exit at the latest, for a grandchild the task started may hold that stream open.
    /// </summary>
    private void EndSeen()
    {
        if (Interlocked.Increment(ref _endsSeen) == 1)
        {
            if (HasExited)
                _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(static (_, handle) => ((ChildHandle)handle!).TellExited(), this, TaskScheduler.Default);
            return;
        }
        TellExited();
    }

    private void TellExited()
    {
        if (Interlocked.Exchange(ref _exitTold, 1) == 0)
            Post((owner, _) => owner.Tell(new ChildExited(ChildId, SafeExitCode(_process))));
    }

    private void Post(Action<IActorRef, ILoggingAdapter> said)
    {
        lock (_gate)
        {
            if (_owner is null)
                _early!.Add(said);
            else
                said(_owner, _log!);
        }
    }

    /// <summary>Asks the child to exit once it has nothing left to do (closes its standard input).</summary>
    public void RequestExit()
    {
        _process.TellQuietly(ParentWatch.ExitCommand);
        _process.TellQuietly(null);
    }

    /// <summary>Ends the child at once (SIGKILL on Unix).</summary>
    public void Kill()
    {
        if (!_process.KillQuietly())
            _log?.Debug("Child {0} was already gone", Pid);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        Kill();
        _process.Dispose();
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

/// <summary>A child's ActorSystem listens at <paramref name="Address"/>, with the remoting <paramref name="Uid"/>.</summary>
internal sealed record ChildLaunched(int ChildId, Address Address, int Uid)
{
    /// <summary>Reads the "address uid" text that follows the ready prefix.</summary>
    public static ChildLaunched Parse(int childId, string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ChildLaunched(childId, Address.Parse(parts[0]), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A child process has exited with <paramref name="ExitCode"/> (128 + signal when killed).</summary>
internal sealed record ChildExited(int ChildId, int ExitCode);
