using ActorPool.Child;
using ActorPool.Execution;
using ActorPool.Functions;
using ActorPool.Launch;
using ActorPool.Serialization;

namespace ActorPool;

/// <summary>
/// One child process running one task function (its target), like aiomultiprocess's <c>Process</c>:
/// start it, join it, terminate or kill it, read its exit code.
/// </summary>
/// <remarks>
/// The child is started against the application's own deps.json, so the target may be any task function a
/// <see cref="ProcessPool"/> takes. The child exits when its target returns, and at once if this process dies.
/// </remarks>
public partial class ChildProcess : IAsyncDisposable
{
    private static int s_count;

    private readonly RunningChild _child;
    private readonly TaskCompletionSource<ChildOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _terminateGrace;
    private string? _resultLine;
    private string? _errorLine;
    private string? _sharedHostLine;
    private int _terminating;

    private protected ChildProcess(Delegate target, object?[] args, ChildProcessOptions? options)
    {
        options ??= new ChildProcessOptions();
        options.Validate();
        ChildCommand.EnsureAvailable();
        var codec = PayloadCodec.Default;
        var call = PreparedFunction.Prepare(target, nameof(target)).Encode(args, codec);
        var initializer = options.Initializer is { } init ? PreparedFunction.Prepare(init, nameof(options.Initializer)).WithArguments(options.InitArgs, nameof(options.InitArgs)).Encode(options.InitArgs, codec) : null;
        var number = Interlocked.Increment(ref s_count);
        Name = options.Name ?? $"ChildProcess-{number}";
        _terminateGrace = options.TerminateGrace;

        // The callbacks may run before Start returns: they use only fields set by now.
        // Its result is its last line: read it even when the machine is too busy to do so within a second of the exit.
        _child = RunningChild.Start(number, environment: null, new Logging.ChildLogSink(options.LoggerFactory), OnLine, OnExited, streamsGrace: TimeSpan.FromSeconds(30));
        Pid = _child.Pid;
        var single = new SingleCall(call, initializer, (long)_terminateGrace.TotalMilliseconds);
        _child.Tell(new ChildBootstrap(number, Environment.ProcessId, string.Empty, Hosting.ProcessFamily.Credential, Tls: true, single).Encode());
    }

    /// <summary>The child's process id.</summary>
    public int Pid { get; }

    /// <summary>The child's name: <see cref="ChildProcessOptions.Name"/>, or "ChildProcess-N".</summary>
    public string Name { get; }

    /// <summary>True until the child process has exited.</summary>
    public bool IsAlive => !_outcome.Task.IsCompleted;

    /// <summary>Null while the child runs; then its exit code: 0 when the target returned, 1 when it threw,
    /// 143 after <see cref="Terminate"/>, 128 + signal (137 for SIGKILL) or the runtime's code when it was killed or crashed.</summary>
    public int? ExitCode => _outcome.Task.IsCompleted ? _outcome.Task.Result.ExitCode : null;

    /// <summary>Completes with the child's outcome once the process has exited and its output is read.</summary>
    private protected Task<ChildOutcome> Outcome => _outcome.Task;

    /// <summary>Waits for the child to exit.</summary>
    /// <param name="timeout">How long to wait; null waits as long as it takes.</param>
    /// <param name="cancellationToken">Stops waiting; the child keeps running.</param>
    /// <returns>A task that completes when the child has exited.</returns>
    /// <exception cref="TimeoutException">The child still runs after <paramref name="timeout"/>; it keeps running.</exception>
    public Task JoinAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        timeout is { } limit ? _outcome.Task.WaitAsync(limit, cancellationToken) : _outcome.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Ends the child gracefully: the target's <see cref="CancellationToken"/> is cancelled, and the child exits
    /// when the target returns, or after <see cref="ChildProcessOptions.TerminateGrace"/> if it does not.
    /// </summary>
    public void Terminate()
    {
        if (!IsAlive || Interlocked.Exchange(ref _terminating, 1) == 1)
            return;
        _child.Tell(SingleRunner.TerminateCommand);
    }

    /// <summary>Ends the child at once (SIGKILL on Unix).</summary>
    public void Kill() => _child.Kill();

    /// <summary>Terminates the child if it still runs, kills it if it does not exit within its grace period, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        Terminate();
        try
        {
            await _outcome.Task.WaitAsync(_terminateGrace + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            await _outcome.Task.ConfigureAwait(false);
        }
        _child.Dispose();
        GC.SuppressFinalize(this);
    }

    private void OnLine(ChildLine line)
    {
        switch (line.Kind)
        {
            case ChildLineKind.Result: Volatile.Write(ref _resultLine, line.Text); break;
            case ChildLineKind.Error: Volatile.Write(ref _errorLine, line.Text); break;
            case ChildLineKind.SharedHost: Volatile.Write(ref _sharedHostLine, line.Text); break;
        }
    }

    // Told after the child's last line: its result or error is in by now.
    private void OnExited(int exitCode)
    {
        try
        {
            if (Volatile.Read(ref _sharedHostLine)?.Split(' ') is [var address, var uid])
                Hosting.ProcessFamily.MemberExited(Akka.Actor.Address.Parse(address), int.Parse(uid, System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A line that only looked like the protocol's (the target printed it): nothing to tell the shared objects.
        }
        ChildOutcome outcome;
        try
        {
            outcome = Volatile.Read(ref _resultLine) is { } result
                ? new ChildOutcome(exitCode, Convert.FromBase64String(result), null)
                : Volatile.Read(ref _errorLine) is { } error
                    ? new ChildOutcome(exitCode, null, (RemoteError)PayloadCodec.Default.Deserialize(Convert.FromBase64String(error))!)
                    : new ChildOutcome(exitCode, null, null);
        }
        catch (Exception e)
        {
            outcome = new ChildOutcome(exitCode, null, RemoteError.From(e, Pid, PayloadCodec.Default));
        }
        _outcome.TrySetResult(outcome);
    }
}

/// <summary>How a child process ended: its exit code, and its target's result or error if it wrote one.</summary>
internal sealed record ChildOutcome(int ExitCode, byte[]? Result, RemoteError? Error);
