using Akka.Actor;

namespace ActorPool.Supervision;

/// <summary>The strategy's decider, and how the sample waits for the decision a failure led to.</summary>
internal static class Decisions
{
    public static Directive For(Exception error) => TypeOf(error) switch
    {
        nameof(TransientDatabaseException) => Directive.Resume,
        nameof(CorruptCacheException) => Directive.Restart,
        _ => Directive.Stop,
    };

    /// <summary>
    /// The type of the exception the handler rethrew in the child: the runner fails with a ProxyException that names it
    /// (Akka.Remote carries that to this process whatever the exception's own type).
    /// </summary>
    public static string TypeOf(Exception error) => error is ProxyException proxy ? proxy.RemoteType.Split('.', '+')[^1] : error.GetType().Name;

    /// <summary>
    /// The decision about the failure just seen: none for a failure the handler did not rethrow. The supervisor decides
    /// as the runner's failure reaches it, which may be just after the caller's answer.
    /// </summary>
    public static async Task<string> NextAsync(List<string> decisions, string kind)
    {
        if (kind == "plain")
            return "not asked (the handler did not rethrow)";
        for (var i = 0; i < 500; i++)
        {
            lock (decisions)
            {
                if (decisions.Count > 0)
                {
                    var decision = decisions[0];
                    decisions.RemoveAt(0);
                    return decision;
                }
            }
            await Task.Delay(10);
        }
        return "no decision within 5 s";
    }
}
