using ActorPool.Diagnostics;
using static ActorPool.Supervision.SupervisionProtocol;

namespace ActorPool.Supervision;

/// <summary>What a pool's supervisor hands back to the pool: where it publishes its children, metrics and health, and
/// the completions the pool waits on.</summary>
/// <param name="Registry">Where the live child pids are published.</param>
/// <param name="Telemetry">The pool's instruments.</param>
/// <param name="Health">Where the pool's health is published.</param>
/// <param name="Started">Completed with the router once the pool's first children are ready.</param>
/// <param name="Joined">Completed once the pool has ended and every child has exited.</param>
internal sealed record SupervisorOutlets(
    ChildRegistry Registry,
    PoolTelemetry Telemetry,
    HealthBoard Health,
    TaskCompletionSource<PoolStarted> Started,
    TaskCompletionSource Joined);
