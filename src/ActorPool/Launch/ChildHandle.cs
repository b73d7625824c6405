using System.Diagnostics;
using Akka.Actor;
using Akka.Event;

namespace ActorPool.Launch;

/// <summary>
/// The parent's side of one child process: starts it, reads its output, tells its owner when it is ready and
/// when it has exited, and ends it. OS callbacks only <c>Tell</c> the owner.
/// </summary>
internal sealed class ChildHandle : IChildHandle
{
    public const string ReadyPrefix = "ACTORPOOL-READY ";

    private readonly Process _process;
    private readonly ILoggingAdapter _log;
    private int _disposed;

    private readonly RecentLines _errors;

    private ChildHandle(int childId, Process process, ILoggingAdapter log, RecentLines errors)
    {
        ChildId = childId;
        _process = process;
        _log = log;
        _errors = errors;
        Pid = process.Id;
    }

    public string RecentErrorOutput => _errors.ToString();

    public int ChildId { get; }

    public int Pid { get; }

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
    /// Starts a child. <paramref name="owner"/> receives <see cref="ChildLaunched"/> once the child's ActorSystem
    /// listens, and <see cref="ChildExited"/> when the process ends, whatever the cause.
    /// </summary>
    public static ChildHandle Start(
        int childId, ChildBootstrap bootstrap, IReadOnlyDictionary<string, string> environment, IActorRef owner, ILoggingAdapter log)
    {
        var process = new Process { StartInfo = ChildCommand.Create(environment), EnableRaisingEvents = true };
        var errors = new RecentLines(10);
        var launched = 0;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            if (e.Data.StartsWith(ReadyPrefix, StringComparison.Ordinal) && Interlocked.Exchange(ref launched, 1) == 0)
                owner.Tell(ChildLaunched.Parse(childId, e.Data[ReadyPrefix.Length..]));
            else
                log.Debug("[child {0}] {1}", childId, e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            errors.Add(e.Data);
            log.Warning("[child {0} stderr] {1}", childId, e.Data);
        };
        process.Exited += (_, _) => owner.Tell(new ChildExited(childId, SafeExitCode(process)));
        process.Start();
        var handle = new ChildHandle(childId, process, log, errors);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The first line is private to the child: its standard input is a pipe only the parent holds.
        process.StandardInput.WriteLine(bootstrap.Encode());
        process.StandardInput.Flush();
        return handle;
    }

    /// <summary>Asks the child to exit once it has nothing left to do (closes its standard input).</summary>
    public void RequestExit() => _process.TellQuietly(null);

    /// <summary>Ends the child at once (SIGKILL on Unix).</summary>
    public void Kill()
    {
        if (!_process.KillQuietly())
            _log.Debug("Child {0} was already gone", Pid);
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
