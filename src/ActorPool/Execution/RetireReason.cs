namespace ActorPool.Execution;

/// <summary>Why a child is replaced although it is healthy.</summary>
internal enum RetireReason
{
    /// <summary>It ran MaxTasksPerChild tasks.</summary>
    MaxTasks,

    /// <summary>Its resident memory passed MaxMemoryPerChild after a task.</summary>
    Memory,

    /// <summary>It has lived MaxChildLifetime.</summary>
    Lifetime,

    /// <summary>An elastic pool shrinks: it had no task for ChildIdleTimeout.</summary>
    Idle,

    /// <summary>A worker host of the pool's cluster is leaving (it was asked to stop).</summary>
    HostLeaving,
}
