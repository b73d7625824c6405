namespace ActorPool.Tests.Support;

/// <summary>
/// Records that several processes write at once: one file per record in a directory. (Appending to one shared
/// file from several processes loses lines: .NET appends by seeking to the end, not with O_APPEND.)
/// </summary>
public static class Records
{
    public static string NewDirectory(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"actorpool-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static void Write(string directory, string text)
    {
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path + ".record");
    }

    public static IReadOnlyList<string> Read(string directory) =>
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.record").Select(File.ReadAllText).ToList() : [];
}
