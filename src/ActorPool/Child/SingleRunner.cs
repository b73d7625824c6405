using ActorPool.Execution;
using ActorPool.Functions;
using ActorPool.Launch;
using ActorPool.Serialization;

namespace ActorPool.Child;

/// <summary>
/// The child side of a <see cref="ChildProcess"/>: runs one target with no ActorSystem, writes its outcome as
/// one line on standard output, and exits. A "terminate" line on standard input cancels the target's token;
/// the end of standard input (the parent is gone) ends the child at once.
/// </summary>
internal static class SingleRunner
{
    public const string TerminateCommand = "terminate";

    /// <summary>Exit code of a child whose target threw.</summary>
    public const int FaultedExitCode = 1;

    /// <summary>Exit code of a child ended by Terminate: 128 + SIGTERM, as a shell reports it.</summary>
    public const int TerminatedExitCode = 143;

    // A ChildProcess is started without a pool: its parent encodes with ActorPool's default settings, and so does it.
    private static PayloadCodec Codec => PayloadCodec.Default;

    public static async Task<int> RunAsync(SingleCall single, TextReader stdin)
    {
        using var termination = new CancellationTokenSource();
        // If the target uses shared primitives, the parent learns where they live, to drop them at once when this child dies.
        Hosting.ProcessFamily.Became(new Hosting.ChildRole.SingleChild((address, uid) => ChildLine.Write(Console.Out, ChildLineKind.SharedHost, $"{address} {uid}")));
        WatchParent(stdin, termination, TimeSpan.FromMilliseconds(single.TerminateGraceMilliseconds));
        try
        {
            if (single.Initializer is { } initializer)
                await InvokeAsync(initializer, CancellationToken.None).ConfigureAwait(false);
            var result = await InvokeAsync(single.Target, termination.Token).ConfigureAwait(false);
            if (Codec.TryEncode(result, "The target's result", out var bytes) is { } refusal)
                throw new ResultNotSerializableException(refusal);
            Write(ChildLineKind.Result, bytes);
            return 0;
        }
        catch (Exception e)
        {
            Write(ChildLineKind.Error, Codec.Serialize(RemoteError.From(e, Environment.ProcessId, Codec)));
            return termination.IsCancellationRequested && e is OperationCanceledException ? TerminatedExitCode : FaultedExitCode;
        }
    }

    private static Task<object?> InvokeAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        var call = (TaskCall)Codec.Deserialize(bytes)!;
        return TaskInvoker.For(call.Method).InvokeAsync(call, cancellationToken);
    }

    private static void Write(ChildLineKind kind, byte[] payload) => ChildLine.Write(Console.Out, kind, Convert.ToBase64String(payload));

    private static void WatchParent(TextReader stdin, CancellationTokenSource termination, TimeSpan grace) =>
        ParentWatch.Start(stdin, line =>
        {
            if (line != TerminateCommand || termination.IsCancellationRequested)
                return;
            termination.Cancel();
            // The target had its chance to stop; the child ends now whatever it does.
            _ = Task.Delay(grace).ContinueWith(_ => FastExit.Now(TerminatedExitCode), TaskScheduler.Default);
        }, TerminatedExitCode);
}
