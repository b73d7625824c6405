using ActorPool.Tests.Support;

namespace ActorPool.Tests;

/// <summary>An application published as a single file (no deps.json for the child host) runs pools and workers by starting itself.</summary>
[Collection(ReleaseBuilds.Name)]
public sealed class SingleFileTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task SingleFileApp_WithTheHook_StartsItselfAsItsChildren_AndWithoutIt_IsToldWhatToAdd()
    {
        var output = Directory.CreateTempSubdirectory("actorpool-single-file-");
        try
        {
            var project = Path.Combine(SampleProgram.RepositoryRoot(), "tests", "ActorPool.SingleFileApp", "ActorPool.SingleFileApp.csproj");
            await RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishSingleFile=true", "-o", output.FullName], expectedExit: 0);
            var app = Path.Combine(output.FullName, "ActorPool.SingleFileApp");
            Assert.Empty(Directory.GetFiles(output.FullName, "*.deps.json"));
            Assert.Empty(Directory.GetFiles(output.FullName, "*.dll"));

            var withHook = await RunAsync(app, [], expectedExit: 0);
            Assert.Contains("sum 5", withHook);
            Assert.Contains("children started as this application: True", withHook);
            Assert.Contains("worker 42", withHook);

            var withoutHook = await RunAsync(app, ["--no-hook"], expectedExit: 3);
            Assert.Contains("refused: ", withoutHook);
            Assert.Contains("ActorPoolHost.TryRunChild(args, out var code)", withoutHook);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string fileName, string[] args, int expectedExit)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var (exitCode, output, errors) = await ExternalProcess.RunAsync(fileName, args, TimeSpan.FromMinutes(4), environment: environment);
        Assert.True(exitCode == expectedExit, $"{fileName} {string.Join(' ', args)} exited with {exitCode}, not {expectedExit}:\n{output}{errors}");
        return output + errors;
    }
}
