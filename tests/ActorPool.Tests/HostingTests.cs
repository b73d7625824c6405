using ActorPool.Hosting;
using ActorPool.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorPool.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task AddActorPool_StartsAndStopsWithTheHost_UsesItsLoggerFactory_AndReportsHealth()
    {
        var log = new CapturingLoggerFactory();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ILoggerFactory>(log);
        builder.Services.AddActorPool(o => o.Processes = 1);
        builder.Services.AddHealthChecks().AddActorPool();
        using var host = builder.Build();
        var pool = host.Services.GetRequiredService<IProcessPool>();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        // Made before the host starts, as consumers are: it says so instead of running anything.
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Status);
        Assert.Contains("has not started", (await Assert.ThrowsAsync<InvalidOperationException>(() => pool.ApplyAsync(Jobs.Add, 1, 2))).Message);

        await host.StartAsync();
        Assert.Same(pool, host.Services.GetRequiredKeyedService<IProcessPool>(ActorPoolServiceCollectionExtensions.DefaultName));
        Assert.Equal(5, await pool.ApplyAsync(Jobs.Add, 2, 3));
        var report = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(1, report.Entries["actorpool"].Data["readyChildren"]);
        var marker = Guid.NewGuid().ToString("N");
        await pool.ApplyAsync(Jobs.LogFromChild, marker);
        Assert.True(await Wait.UntilAsync(() => log.Entries.Any(e => e.Message.Contains(marker)), TimeSpan.FromSeconds(30)), "the child's log never reached the host's ILoggerFactory");
        var pids = pool.ChildPids.ToList();

        await host.StopAsync();
        Assert.True(await Wait.UntilAsync(() => pids.All(pid => !ProcessProbe.IsAlive(pid)), TimeSpan.FromSeconds(30)), "a child outlived the host");
        Assert.Equal(HealthStatus.Unhealthy, (await health.CheckHealthAsync()).Status);
        Assert.Contains("stopped", (await Assert.ThrowsAsync<InvalidOperationException>(() => pool.ApplyAsync(Jobs.Add, 1, 2))).Message);
    }

    [Fact]
    public async Task AddActorPool_Named_EachPoolTakesItsOwnConfigurationSection()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorPool:Pools:small:Processes"] = "1",
            ["ActorPool:Pools:wide:Processes"] = "2",
            ["ActorPool:Pools:wide:ChildConcurrency"] = "4",
        });
        builder.Services.AddActorPool("small").AddActorPool("wide", o => o.MaxTasksPerChild = 100);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var small = host.Services.GetRequiredKeyedService<IProcessPool>("small");
            var wide = host.Services.GetRequiredKeyedService<IProcessPool>("wide");

            Assert.Single(small.ChildPids);
            Assert.Equal(2, wide.ChildPids.Count);
            Assert.Equal(3, await small.ApplyAsync(Jobs.Add, 1, 2));
            Assert.Equal([2, 4, 6], await wide.Map(Jobs.Twice, new[] { 1, 2, 3 }));
            Assert.Empty(small.ChildPids.Intersect(wide.ChildPids));
            Assert.Null(host.Services.GetService<IProcessPool>()); // no default pool was registered
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddActorPool_BadValueInConfiguration_HostStartFailsNamingThePoolAndSection()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ActorPool:Processes"] = "0" });
        builder.Services.AddActorPool();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ActorPool 'actorpool' (configuration section 'ActorPool')", error.Message);
        Assert.Contains("Processes", error.Message);
    }

    [Fact]
    public void AddActorPool_SameNameTwice_IsRefused()
    {
        var services = new ServiceCollection();
        services.AddActorPool("jobs");

        Assert.Throws<InvalidOperationException>(() => services.AddActorPool("jobs"));
        Assert.Throws<ArgumentException>(() => services.AddActorPool(" "));
    }
}
