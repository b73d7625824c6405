namespace ActorPool;

/// <summary>Options of a <see cref="ChildProcess"/> or <see cref="Worker{R}"/>.</summary>
public sealed record ChildProcessOptions
{
    /// <summary>The child's name, for logs and <see cref="ChildProcess.Name"/>.</summary>
    /// <remarks>Default null: "ChildProcess-N".</remarks>
    public string? Name { get; init; }

    /// <summary>A task function that runs in the child before its target.</summary>
    public Delegate? Initializer { get; init; }

    /// <summary>Arguments for <see cref="Initializer"/>.</summary>
    /// <remarks>Default empty.</remarks>
    public object?[] InitArgs { get; init; } = [];

    /// <summary>How long <see cref="ChildProcess.Terminate"/> lets the target react to its cancelled token before the child exits anyway.</summary>
    /// <remarks>Default 5 seconds; positive.</remarks>
    public TimeSpan TerminateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where what the child logs goes: each entry it writes reaches a logger of this factory with its own level and
    /// category, in a scope with <c>ChildPid</c> and <c>ChildId</c>; what else it prints goes to category
    /// <c>ActorPool.Child.Output</c> at Debug.
    /// </summary>
    /// <remarks>Default null: the child's warnings and errors go to this process's standard error.</remarks>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(InitArgs, nameof(InitArgs));
        // The child waits it out with Task.Delay, which takes at most int.MaxValue - 1 milliseconds (about 24.8 days).
        if (TerminateGrace <= TimeSpan.Zero || TerminateGrace > Configuration.PoolSettings.LongestWait)
            throw new ArgumentOutOfRangeException(nameof(TerminateGrace), TerminateGrace, "TerminateGrace must be positive and at most 24 days.");
    }
}
