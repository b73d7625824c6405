using System.Runtime.Serialization;
using ActorPool.SharedMemory;

namespace ActorPool.Tests.Unit;

/// <summary>Areas in one process, under a private root of their own in /dev/shm, with a second mapping standing for the reader.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SharedAreaTests : IDisposable
{
    private readonly string _root = Path.Combine("/dev/shm", $"actorpool-tests-{Guid.NewGuid():N}");
    private readonly AreaDirectory _directory;

    public SharedAreaTests()
    {
        Directory.CreateDirectory(_root);
        _directory = AreaDirectory.TryOpen(_root, out var why) ?? throw new InvalidOperationException(why);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TryOpen_MakesADirectoryOnlyItsOwnerCanEnter()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, new DirectoryInfo(_directory.Path).UnixFileMode);
    }

    [Fact]
    public void TryOpen_ExistingDirectoryOthersCanRead_IsRefused()
    {
        var root = Path.Combine(_root, "open");
        Directory.CreateDirectory(Path.Combine(root, $"actorpool-{Native.EffectiveUid()}"),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        Assert.Null(AreaDirectory.TryOpen(root, out var why));
        Assert.Contains("not a private directory", why);
        Assert.Null(AreaDirectory.TryOpen(Path.Combine(_root, "missing"), out _));
    }

    [Fact]
    public void TryWrite_ReadThroughAnotherMapping_GivesTheSameBytes()
    {
        using var own = OwnArea.Create(_directory, 16 << 20);
        using var peer = PeerArea.TryOpen(_directory, own.Id)!;
        var payload = RandomBytes(100_000);

        var handle = own.TryWrite(payload.Length, payload, static (span, bytes) => bytes.CopyTo(span))!.Value;

        Assert.Equal(payload, peer.Read(handle, static data => data.ToArray()));
        Assert.Equal(payload, peer.ReadBytes(handle));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_directory.PathOf(own.Id)));
    }

    [Fact]
    public void TryWriteBytes_LargePayload_TravelsThroughTheFile()
    {
        using var own = OwnArea.Create(_directory, 64 << 20);
        using var peer = PeerArea.TryOpen(_directory, own.Id)!;
        var payload = RandomBytes((int)MappedArea.LargeFrom + 12_345);

        var handle = own.TryWriteBytes(payload)!.Value;

        Assert.Equal(payload, peer.ReadBytes(handle));
    }

    [Fact]
    public void MarkReleased_ByTheReader_TheWriterTakesTheSlotBackOnItsNextWrite()
    {
        using var own = OwnArea.Create(_directory, 1 << 20);
        using var peer = PeerArea.TryOpen(_directory, own.Id)!;
        var payload = RandomBytes(600_000);
        var first = own.TryWriteBytes(payload)!.Value;
        Assert.Null(own.TryWriteBytes(payload)); // a 1 MiB area holds one such payload

        peer.MarkReleased(first);
        var second = own.TryWriteBytes(payload);

        Assert.NotNull(second);
        Assert.Equal(1, own.LiveSlots);
        Assert.Throws<SerializationException>(() => peer.Read(first, static data => data.Length)); // the old handle is stale
    }

    [Fact]
    public void Free_ThenRead_IsRefusedAsStale_AndASecondFreeDoesNothing()
    {
        using var own = OwnArea.Create(_directory, 1 << 20);
        using var peer = PeerArea.TryOpen(_directory, own.Id)!;
        var handle = own.TryWriteBytes(RandomBytes(10_000))!.Value;

        own.Free(handle);
        own.Free(handle);

        Assert.Equal(0, own.LiveSlots);
        Assert.Throws<SerializationException>(() => peer.ReadBytes(handle));
    }

    [Fact]
    public void Read_ForgedHandle_IsRefused()
    {
        using var own = OwnArea.Create(_directory, 1 << 20);
        using var peer = PeerArea.TryOpen(_directory, own.Id)!;
        var handle = own.TryWriteBytes(RandomBytes(10_000))!.Value;

        Assert.Throws<SerializationException>(() => peer.ReadBytes(handle with { Token = handle.Token + 1 }));
        Assert.Throws<SerializationException>(() => peer.ReadBytes(handle with { Length = 1L << 40 }));
        Assert.Throws<SerializationException>(() => peer.ReadBytes(handle with { Offset = 100 }));
        Assert.Throws<SerializationException>(() => peer.ReadBytes(handle with { Offset = -4096 }));
        Assert.Throws<SerializationException>(() => peer.ReadBytes(handle with { Area = AreaId.NewForThisProcess() }));
    }

    [Fact]
    public void Dispose_RemovesTheAreaFile_AndAPinnedMappingStaysReadable()
    {
        var own = OwnArea.Create(_directory, 1 << 20);
        var peer = PeerArea.TryOpen(_directory, own.Id)!;
        var payload = RandomBytes(10_000);
        var handle = own.TryWriteBytes(payload)!.Value;
        Assert.True(peer.TryPin());

        own.Dispose();
        peer.Dispose();

        Assert.False(File.Exists(_directory.PathOf(own.Id)));
        Assert.Equal(payload, peer.ReadBytes(handle));
        peer.Unpin();
        Assert.Throws<ObjectDisposedException>(() => peer.ReadBytes(handle));
        Assert.False(peer.TryPin());
    }

    [Fact]
    public async Task SweepDead_RemovesAreasOfExitedProcessesOnly()
    {
        using var exited = System.Diagnostics.Process.Start("true")!;
        await exited.WaitForExitAsync();
        var stale = new AreaId(exited.Id, Guid.NewGuid());
        File.WriteAllBytes(_directory.PathOf(stale), []);
        using var live = OwnArea.Create(_directory, 1 << 20);

        _directory.SweepDead();

        Assert.False(File.Exists(_directory.PathOf(stale)));
        Assert.True(File.Exists(_directory.PathOf(live.Id)));
    }

    [Fact]
    public void AreaId_FileName_ReadsBack()
    {
        var id = AreaId.NewForThisProcess();

        Assert.True(AreaId.TryParse(id.FileName, out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(AreaId.TryParse("12-notaguid.area", out _));
        Assert.False(AreaId.TryParse("../12-" + Guid.NewGuid().ToString("N") + ".area", out _));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
