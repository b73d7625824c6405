namespace ActorPool.Tests.Support;

/// <summary>Where <c>tests/ActorPool.TestHost</c>, a parent process for tests, was built beside this test assembly.</summary>
internal static class TestHostProgram
{
    /// <summary>tests/ActorPool.Tests/bin/&lt;configuration&gt;/net10.0/ -> tests/ActorPool.TestHost/bin/&lt;configuration&gt;/net10.0/ActorPool.TestHost.dll</summary>
    public static string DllPath
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            return Path.GetFullPath(Path.Combine(output.Parent.Parent!.Parent!.Parent!.FullName, "ActorPool.TestHost", "bin", configuration, output.Name, "ActorPool.TestHost.dll"));
        }
    }
}
