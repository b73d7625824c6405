namespace ActorPool.Tests.Support;

/// <summary>Runs one of the repository's samples as a user would, from its build output beside these tests.</summary>
internal static class SampleProgram
{
    /// <summary>Runs <paramref name="project"/> (a folder under <c>samples/</c>) with <paramref name="args"/>; kills it if it outlives <paramref name="limit"/>.</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(string project, TimeSpan limit, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [Dll(project), .. args], limit);

    /// <summary>Runs a sample that must end cleanly: exit code 0 and nothing on standard error; returns its standard output.</summary>
    public static async Task<string> RunCleanAsync(string project, TimeSpan limit, params string[] args)
    {
        var (exitCode, stdout, stderr) = await RunAsync(project, limit, args);
        Assert.True(exitCode == 0, $"exit code {exitCode}\n{stdout}\n{stderr}");
        Assert.True(stderr.Trim() == "", $"standard error:\n{stderr}");
        return stdout;
    }

    /// <summary>The repository's root folder, above these tests' build output.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActorPool.sln")))
            root = root.Parent;
        Assert.NotNull(root);
        return root.FullName;
    }

    /// <summary>The sample's assembly, built by the solution in the same configuration as these tests.</summary>
    private static string Dll(string project)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // tests/ActorPool.Tests/bin/<Configuration>/<tfm>/
        var configuration = here.Parent!.Name;
        var framework = here.Name;
        var dll = Path.Combine(RepositoryRoot(), "samples", project, "bin", configuration, framework, project + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (dotnet test ActorPool.sln does) before running this test.");
        return dll;
    }
}
