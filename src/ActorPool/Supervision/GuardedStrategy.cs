using Akka.Actor;
using Akka.Event;

namespace ActorPool.Supervision;

/// <summary>
/// The pool's <see cref="PoolOptions.SupervisorStrategy"/> with a decider that cannot take the pool down: a decider that
/// throws would fail the supervisor itself (and end the pool); instead the runner it was deciding about is stopped
/// (its child is then replaced) and the decider's exception is logged. Only a <see cref="OneForOneStrategy"/> is guarded:
/// an <see cref="AllForOneStrategy"/> applies its directive to every child of the supervisor, the router among them,
/// so no directive is a safe answer for it; its decider failing ends the pool, and calls then fail at once.
/// </summary>
internal static class GuardedStrategy
{
    /// <summary>The same strategy with its decider guarded; a strategy of another kind is returned as it is.</summary>
    // The strategy's logging switch is not public; read as the strategy itself would (true if it cannot be).
    private static readonly System.Reflection.PropertyInfo? s_loggingEnabled =
        typeof(SupervisorStrategy).GetProperty("LoggingEnabled", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    public static SupervisorStrategy Of(SupervisorStrategy strategy, ILoggingAdapter log) => strategy switch
    {
        _ when strategy.GetType() == typeof(OneForOneStrategy) && strategy is OneForOneStrategy one =>
            new OneForOneStrategy(one.MaxNumberOfRetries, one.WithinTimeRangeMilliseconds, new GuardedDecider(one.Decider, log), LoggingEnabled(one)),
        _ => strategy,
    };

    private static bool LoggingEnabled(SupervisorStrategy strategy) => s_loggingEnabled?.GetValue(strategy) as bool? ?? true;

    private sealed class GuardedDecider(IDecider inner, ILoggingAdapter log) : IDecider
    {
        public Directive Decide(Exception cause)
        {
            try
            {
                return inner.Decide(cause);
            }
            catch (Exception e)
            {
                log.Error(e, "The pool's SupervisorStrategy threw while deciding about a task runner's failure ({0}); the runner is stopped", cause?.Message ?? "no cause");
                return Directive.Stop;
            }
        }
    }
}
