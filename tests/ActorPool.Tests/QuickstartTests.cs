using System.Diagnostics;

namespace ActorPool.Tests;

/// <summary>The README's first command, as a new user runs it: it works, and the library prints nothing of its own.</summary>
public sealed class QuickstartTests
{
    [Fact]
    public async Task Quickstart_CleanRun_PrintsItsResultsAndNoWarningOrError()
    {
        var dll = QuickstartDll();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }

        var stdout = await output;
        var stderr = await errors;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}\n{stdout}\n{stderr}");
        Assert.Contains("Map(SquareAsync, 0..9999): 10000 results", stdout);
        Assert.Equal("", stderr.Trim());
        Assert.DoesNotContain("WARNING", stdout);
        Assert.DoesNotContain("ERROR", stdout);
        Assert.DoesNotContain("   at ", stdout); // no stack trace
    }

    /// <summary>The quickstart built beside these tests (the solution builds both, in the same configuration).</summary>
    private static string QuickstartDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory); // tests/ActorPool.Tests/bin/<Configuration>/<tfm>/
        var configuration = here.Parent!.Name;
        var framework = here.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActorPool.sln")))
            root = root.Parent;
        Assert.NotNull(root);
        var dll = Path.Combine(root.FullName, "samples", "ActorPool.Quickstart", "bin", configuration, framework, "ActorPool.Quickstart.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (dotnet test ActorPool.sln does) before running this test.");
        return dll;
    }
}
