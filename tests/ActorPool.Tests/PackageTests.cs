using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>The package as a user gets it: packed, added to a fresh console app outside the repository from a local folder feed, and run.</summary>
[Collection(ReleaseBuilds.Name)]
public sealed class PackageTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Package_InAFreshConsoleApp_RunsAPoolAndASharedQueue_WithTheChildHostAndPrecompiledAssemblies()
    {
        // A version of its own, so that no package of an earlier run in NuGet's cache stands in for this one.
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Directory.CreateTempSubdirectory("actorpool-package-");
        var packages = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "actorpool", version);
        try
        {
            var feed = work.CreateSubdirectory("feed").FullName;
            var app = work.CreateSubdirectory("app").FullName;
            var project = Path.Combine(SampleProgram.RepositoryRoot(), "src", "ActorPool", "ActorPool.csproj");
            await DotnetAsync(work.FullName, "pack", project, "-c", "Release", "-o", feed, $"-p:PackageVersion={version}");
            Assert.Single(Directory.GetFiles(feed, $"ActorPool.{version}.nupkg"));

            await DotnetAsync(app, "new", "console", "--framework", "net10.0");
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await DotnetAsync(app, "add", "package", "ActorPool", "--version", version);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                using ActorPool;

                await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2 });
                Console.WriteLine($"sum {await pool.ApplyAsync(Jobs.Add, 2, 3)}");
                var queue = new SharedQueue<string>();
                await pool.ApplyAsync(Jobs.Put, queue, "from a child");
                Console.WriteLine($"queue {await queue.GetAsync()}");

                public static class Jobs
                {
                    public static int Add(int a, int b) => a + b;
                    public static async Task Put(SharedQueue<string> queue, string item) => await queue.PutAsync($"{item} {Environment.ProcessId}");
                }
                """);
            await DotnetAsync(app, "build", "-c", "Release");
            var output = await DotnetAsync(app, "run", "-c", "Release", "--no-build");

            Assert.Contains("sum 5", output);
            Assert.Matches(@"queue from a child \d+", output);
            var bin = Path.Combine(app, "bin", "Release", "net10.0");
            Assert.True(File.Exists(Path.Combine(bin, "ActorPool.ChildHost.dll")), "the child host is not beside the app");
            // The precompiled Akka from the package, not the IL-only one from Akka's own.
            var precompiled = Directory.GetFiles(Path.Combine(packages, "r2r"), "Akka.dll", SearchOption.AllDirectories).Single();
            Assert.Equal(new FileInfo(precompiled).Length, new FileInfo(Path.Combine(bin, "Akka.dll")).Length);
        }
        finally
        {
            work.Delete(recursive: true);
            if (Directory.Exists(packages))
                Directory.Delete(packages, recursive: true);
        }
    }

    private static async Task<string> DotnetAsync(string directory, params string[] args)
    {
        // Outside the repository: none of its build settings, and no build server left behind.
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
        };
        var (exitCode, output, errors) = await ExternalProcess.RunAsync("dotnet", args, TimeSpan.FromMinutes(4), directory, environment);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', args)} exited with {exitCode}:\n{output}{errors}");
        return output + errors;
    }
}
