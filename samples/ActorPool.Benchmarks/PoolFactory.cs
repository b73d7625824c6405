using Akka.Configuration;

namespace ActorPool.Benchmarks;

/// <summary>Starts the scenarios' pools, with the HOCON given on the command line (<c>--hocon</c>) over each pool's own.</summary>
public static class PoolFactory
{
    /// <summary>HOCON applied to every pool the scenarios start; empty by default.</summary>
    public static Config Extra { get; set; } = Config.Empty;

    public static Task<ProcessPool> StartAsync(PoolOptions options) =>
        ProcessPool.StartAsync(Extra.IsEmpty ? options : options with { Config = options.Config is null ? Extra : Extra.WithFallback(options.Config) });
}
