namespace ActorPool.Tests.Support;

/// <summary>A file that tasks in children wait for (<see cref="Jobs.PidWhenGateOpensAsync"/>), and that they mark when they start waiting.</summary>
internal sealed class Gate : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"actorpool-gate-{Guid.NewGuid():N}");

    public bool Started => File.Exists(Path + ".started");

    public void Open() => File.WriteAllText(Path, "");

    public void Dispose()
    {
        File.Delete(Path);
        File.Delete(Path + ".started");
    }
}
