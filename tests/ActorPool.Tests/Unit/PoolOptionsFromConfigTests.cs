using Akka.Configuration;

namespace ActorPool.Tests.Unit;

public sealed class PoolOptionsFromConfigTests
{
    [Fact]
    public void FromConfig_ReadsThePoolSection_AndKeepsTheWholeConfiguration()
    {
        var config = ConfigurationFactory.ParseString("""
            actorpool.pool {
              name = jobs
              processes = 3
              min-processes = 1
              spare-processes = 1
              child-concurrency = 2
              max-tasks-per-child = 50
              max-crash-retries = 0
              child-idle-timeout = 5s
              task-timeout = 250ms
              max-child-lifetime = 1h
              max-memory-per-child = 512MiB
            }
            akka.actor.deployment./pool/router.router = random-pool
            """);

        var options = PoolOptions.FromConfig(config);

        Assert.Equal(("jobs", 3, 1, 1, 2, 50, 0), (options.Name, options.Processes, options.MinProcesses, options.SpareProcesses, options.ChildConcurrency, options.MaxTasksPerChild, options.MaxCrashRetries));
        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(250), TimeSpan.FromHours(1)), (options.ChildIdleTimeout, options.TaskTimeout, options.MaxChildLifetime));
        Assert.Equal(512L * 1024 * 1024, options.MaxMemoryPerChild);
        Assert.Same(config, options.Config);
        options.Validate();
    }

    [Fact]
    public void FromConfig_OffAndMissingKeys_KeepNoLimitAndTheDefaults()
    {
        var options = PoolOptions.FromConfig(ConfigurationFactory.ParseString("actorpool.pool { task-timeout = off, max-memory-per-child = off }"));

        Assert.Null(options.TaskTimeout);
        Assert.Null(options.MaxMemoryPerChild);
        Assert.Equal(new PoolOptions() with { Config = options.Config }, options);
    }

    [Fact]
    public void FromConfig_ValueOfTheWrongKind_NamesTheKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => PoolOptions.FromConfig(ConfigurationFactory.ParseString("actorpool.pool.processes = many")));

        Assert.Contains("actorpool.pool.processes", error.Message);
        Assert.Contains("many", error.Message);
    }
}
