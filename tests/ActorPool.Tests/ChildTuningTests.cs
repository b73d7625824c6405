using System.Reflection;
using ActorPool.Diagnostics;
using ActorPool.Tests.Support;
using Akka.Configuration;

namespace ActorPool.Tests;

/// <summary>The settings that make a pool child a small, quick process still reach it and still do what they are for.</summary>
public sealed class ChildTuningTests
{
    [Fact]
    public async Task ChildEnvironment_Defaults_TakeEffectInTheChildOnly()
    {
        // A pool of its own, not one shared with the class: the native-heap check below depends on what else the child
        // ran (reading assembly files for another test left 9 MiB in a shared child's heap).
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });

        var child = await scope.Pool.ApplyAsync(Jobs.DescribeTuningAsync);

        Assert.Equal("0", child.TieredPgo);
        Assert.Equal("2", child.MallocArenaMax);
        // A 4 MiB first-generation budget: 64 MiB of short-lived garbage costs the child many collections, where the
        // runtime's own default budget lets it allocate tens of megabytes without one.
        Assert.True(child.Gen0CollectionsFor64MiB >= 8, $"only {child.Gen0CollectionsFor64MiB} gen0 collections for 64 MiB");
        // A 1 MiB payload is no large object in a child: in the large-object heap, every few of them cost a full GC.
        // (A large object starts in generation 2; a small one in 0, or 1 if the collection its allocation set off kept it.)
        Assert.True(child.GenerationOf1MiBArray < 2, "a 1 MiB array is a large object in a child");
        // The JIT's working memory went back to the OS after the child's start: with its cache, 8-9 MiB of it stays.
        Assert.True(child.NativeHeapKiB < 5 * 1024, $"the child's native heap holds {child.NativeHeapKiB} KiB");
        // The parent's own environment is not touched.
        Assert.Null(Environment.GetEnvironmentVariable("DOTNET_GCgen0size"));
    }

    [Fact]
    public async Task ChildOfAServerGcApplication_RunsWorkstationGc()
    {
        // The test host's runtimeconfig asks for server GC, as an ASP.NET Core application's does by default.
        var (code, output, errors) = await ExternalProcess.RunAsync("dotnet", [TestHostProgram.DllPath, "gc"], TimeSpan.FromSeconds(120));

        Assert.True(code == 0, $"exit code {code}: {errors}");
        // On one CPU the runtime runs workstation GC whatever the application asks.
        Assert.Contains($"PARENT-SERVER-GC {Environment.ProcessorCount > 1}", output);
        Assert.Contains("CHILD-SERVER-GC False", output);
    }

    [Fact]
    public async Task ChildEnvironment_GcServerSetToOne_ChildRunsServerGc()
    {
        var config = ConfigurationFactory.ParseString("""actorpool.child-environment { DOTNET_gcServer = "1" }""");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });

        // The variable decides the child's GC, except on one CPU, where the runtime runs workstation GC anyway.
        Assert.Equal(Environment.ProcessorCount > 1, (await scope.Pool.ApplyAsync(Jobs.DescribeTuningAsync)).ServerGc);
    }

    [Fact]
    public async Task ChildStart_RunsThePrecompiledClosure_WhereTheBuildSwappedItIn()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });

        var closure = await scope.Pool.ApplyAsync(Jobs.ClosurePrecompiled);

        // The build swaps precompiled assemblies into this test project's output, as into any application's; a swap
        // made too early once left a first build of a fresh clone with IL-only ones, and children 50% dearer to start.
        Assert.Contains("Akka.Remote", closure.Keys);
        // A child talks to its parent through ActorPool's own transport and loads none of DotNetty.
        Assert.DoesNotContain(closure.Keys, name => name.StartsWith("DotNetty.", StringComparison.Ordinal));
        var expected = typeof(ChildTuningTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "ActorPoolPrecompiledClosure").Value == "true";
        Assert.All(closure, assembly => Assert.True(assembly.Value == expected, $"{assembly.Key}: precompiled {assembly.Value}, expected {expected}"));
    }

    [Fact]
    public async Task ChildEnvironment_EmptyValueInHocon_LeavesTheVariableOut()
    {
        var config = ConfigurationFactory.ParseString("""actorpool.child-environment { DOTNET_TieredPGO = "", DOTNET_GCLOHThreshold = "", DOTNET_JitHostMaxSlabCache = "", MALLOC_ARENA_MAX = "" }""");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });

        var child = await scope.Pool.ApplyAsync(Jobs.DescribeTuningAsync);

        Assert.Null(child.TieredPgo);
        Assert.Null(child.MallocArenaMax);
        Assert.Equal(2, child.GenerationOf1MiBArray);
        Assert.True(child.NativeHeapKiB > 5 * 1024, $"the child's native heap holds only {child.NativeHeapKiB} KiB");
    }

    [Fact]
    public async Task ChildIdleTrim_ChildIdleForTheDelay_RunsAFullCollection()
    {
        var config = ConfigurationFactory.ParseString("actorpool.child-idle-trim = 100ms");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });
        var before = await scope.Pool.ApplyAsync(Jobs.FullCollections);

        // Each probe is a task, which makes the child busy again: leave it idle for longer than the delay first.
        var trimmed = await Wait.UntilAsync(async () =>
        {
            await Task.Delay(300);
            return await scope.Pool.ApplyAsync(Jobs.FullCollections) > before;
        }, TimeSpan.FromSeconds(30));

        Assert.True(trimmed, "the idle child never collected its heap");
    }

    [Fact]
    public async Task ChildIdleTrim_ChildIdleForTheDelay_GivesFreedNativeMemoryBack()
    {
        var config = ConfigurationFactory.ParseString("actorpool.child-idle-trim = 100ms");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });
        var pid = scope.Pool.ChildPids.Single();

        var withFreedMemory = await scope.Pool.ApplyAsync(Jobs.LeaveFreedNativeMemory, 64);

        // Read from here rather than by a task, which would make the child busy again. The GC's part of the trim gives
        // back a few megabytes at most; 64 MiB of freed native memory is glibc's to give back.
        long? now = withFreedMemory;
        var gaveBack = await Wait.UntilAsync(() => (now = ResidentMemory.Of(pid)) < withFreedMemory - 48L * 1024 * 1024, TimeSpan.FromSeconds(30));
        Assert.True(gaveBack, $"the idle child kept the freed native memory: {withFreedMemory} bytes resident after the task, {now} bytes now");
    }
}
