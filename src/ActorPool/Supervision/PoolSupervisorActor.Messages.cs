namespace ActorPool.Supervision;

// The supervisor's messages to itself.
internal sealed partial class PoolSupervisorActor
{
    private sealed record TaskTimedOut(long TaskId, int Attempt);

    private sealed record EnforceTimeout(long TaskId);

    private sealed record LifetimeReached(int ChildId);

    private sealed class DispatchQueued
    {
        public static readonly DispatchQueued Instance = new();

        private DispatchQueued()
        {
        }
    }

    private sealed class StartTimedOut
    {
        public static readonly StartTimedOut Instance = new();

        private StartTimedOut()
        {
        }
    }

    private sealed class SpawnDue
    {
        public static readonly SpawnDue Instance = new();

        private SpawnDue()
        {
        }
    }

    private sealed class PeriodicTick
    {
        public static readonly PeriodicTick Instance = new();

        private PeriodicTick()
        {
        }
    }

    /// <summary>The pool has had no task for a while: the free pages of its shared-memory area go back to the system.</summary>
    private sealed class TrimArea
    {
        public static readonly TrimArea Instance = new();

        private TrimArea()
        {
        }
    }

    private sealed class ShrinkTick
    {
        public static readonly ShrinkTick Instance = new();

        private ShrinkTick()
        {
        }
    }
}
