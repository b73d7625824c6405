using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;
using Akka.Remote.Transport;
using Google.Protobuf;

namespace ActorPool.Transport;

/// <summary>
/// One connection of <see cref="SocketTransport"/>: Akka.Remote's frames, each a little-endian length and its bytes,
/// over a socket or the TLS stream on it. Writes from any thread queue up; one loop writes whatever has queued in as
/// few stream writes as it can (so a burst of small messages costs one TLS record and one system call, and nothing
/// waits for a later packet to be flushed), and one loop reads frames and hands them to Akka.Remote.
/// </summary>
internal sealed class SocketAssociation : AssociationHandle
{
    private const int BufferSize = 64 * 1024;
    private static readonly TimeSpan LingerAfterShutdown = TimeSpan.FromSeconds(5);

    // How long a disassociated connection may take to send what was queued before it (a peer that stopped reading).
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly int _maximumFrameSize;
    private readonly ILoggingAdapter _log;
    private readonly Action<SocketAssociation> _closed;
    private readonly Channel<ByteString> _outbox = Channel.CreateUnbounded<ByteString>(new UnboundedChannelOptions { SingleReader = true });
    private int _disposed;
    private Task _writeLoop = Task.CompletedTask;

    public SocketAssociation(Address localAddress, Address remoteAddress, Socket socket, Stream stream, int maximumFrameSize, ILoggingAdapter log, Action<SocketAssociation> closed)
        : base(localAddress, remoteAddress)
    {
        _socket = socket;
        _stream = stream;
        _maximumFrameSize = maximumFrameSize;
        _log = log;
        _closed = closed;
    }

    /// <summary>Starts the read and write loops; reading waits until Akka.Remote has registered its listener.</summary>
    public void Start()
    {
        _writeLoop = WriteLoopAsync();
        _ = ReadLoopAsync();
    }

    public override bool Write(ByteString payload) => _outbox.Writer.TryWrite(payload);

    /// <summary>Ends the connection once what was written before has gone out.</summary>
#pragma warning disable CS0672 // Akka.Remote calls this overload; the one with a reason logs and then calls it.
    public override void Disassociate()
    {
        if (_outbox.Writer.TryComplete())
            DisposeAfter(DrainDeadline);
    }
#pragma warning restore CS0672

    /// <summary>Sends what was queued, waiting at most <paramref name="timeout"/> for it, and ends the connection.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        _outbox.Writer.TryComplete();
        await _writeLoop.WaitAsync(timeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[BufferSize];
        var header = new byte[4];
        try
        {
            while (await _outbox.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var used = 0;
                while (_outbox.Reader.TryRead(out var payload))
                {
                    var size = 4 + payload.Length;
                    if (used + size > buffer.Length && used > 0)
                    {
                        await _stream.WriteAsync(buffer.AsMemory(0, used)).ConfigureAwait(false);
                        used = 0;
                    }
                    if (size > buffer.Length)
                    {
                        // A large payload goes as it is, after its length.
                        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
                        await _stream.WriteAsync(header).ConfigureAwait(false);
                        await _stream.WriteAsync(payload.Memory).ConfigureAwait(false);
                        continue;
                    }
                    BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(used), payload.Length);
                    payload.Span.CopyTo(buffer.AsSpan(used + 4));
                    used += size;
                }
                if (used > 0)
                    await _stream.WriteAsync(buffer.AsMemory(0, used)).ConfigureAwait(false);
                await _stream.FlushAsync().ConfigureAwait(false);
            }
            // Disassociated: what was queued has gone out; the peer sees the end of the stream and closes its side, which
            // ends the read loop. Closing at once could reset the connection before the peer has read the last frames.
            _socket.Shutdown(SocketShutdown.Send);
            DisposeAfter(LingerAfterShutdown);
            return;
        }
        catch (Exception)
        {
            // The connection broke or was closed; the read loop reports it.
        }
        Dispose();
    }

    private async Task ReadLoopAsync()
    {
        // Akka.Remote completes this source from an actor: the loop must not go on in that actor's turn.
        var listener = await ReadHandlerSource.Task.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        var buffer = new byte[BufferSize];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                while (end - start >= 4)
                {
                    var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
                    if (length < 0 || length > _maximumFrameSize)
                        throw new InvalidDataException($"a frame of {length} bytes, over the maximum of {_maximumFrameSize}");
                    if (length == 0)
                    {
                        start += 4; // Nothing for Akka.Remote (DotNetty's decoder dropped empty frames too).
                        continue;
                    }
                    if (4 + length > buffer.Length)
                    {
                        var frame = await ReadLargeFrameAsync(buffer.AsMemory(start + 4, end - start - 4), length).ConfigureAwait(false);
                        start = end = 0;
                        listener.Notify(new InboundPayload(UnsafeByteOperations.UnsafeWrap(frame)));
                        continue;
                    }
                    if (end - start - 4 < length)
                        break;
                    var payload = buffer.AsSpan(start + 4, length).ToArray();
                    start += 4 + length;
                    listener.Notify(new InboundPayload(UnsafeByteOperations.UnsafeWrap(payload)));
                }
                if (start == end)
                    start = end = 0;
                else if (buffer.Length - end < 4 || end - start >= 4)
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }
                var read = await _stream.ReadAsync(buffer.AsMemory(end)).ConfigureAwait(false);
                if (read == 0)
                    break;
                end += read;
            }
        }
        catch (InvalidDataException e)
        {
            // With TLS, only the family's own processes get this far: two sides with different maximum-frame-size.
            _log.Warning("Closed the connection with {0}: {1}", RemoteAddress, e.Message);
        }
        catch (Exception)
        {
            // A broken connection ends the association as a closed one does.
        }
        finally
        {
            Dispose();
            listener.Notify(new Disassociated(DisassociateInfo.Unknown));
        }
    }

    // A frame larger than the read buffer, of which `have` has arrived. It grows as its bytes arrive, not from its header:
    // where TLS is off, anyone could otherwise make a process allocate the maximum frame size with four bytes.
    private async Task<byte[]> ReadLargeFrameAsync(ReadOnlyMemory<byte> have, int length)
    {
        var frame = new byte[Math.Min(length, 4 * BufferSize)];
        have.CopyTo(frame);
        var filled = have.Length;
        while (filled < length)
        {
            if (filled == frame.Length)
                Array.Resize(ref frame, (int)Math.Min(2L * frame.Length, length));
            var read = await _stream.ReadAsync(frame.AsMemory(filled)).ConfigureAwait(false);
            if (read == 0)
                throw new EndOfStreamException();
            filled += read;
        }
        return frame;
    }

    private void DisposeAfter(TimeSpan delay) =>
        _ = Task.Delay(delay).ContinueWith(static (_, association) => ((SocketAssociation)association!).Dispose(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _outbox.Writer.TryComplete();
        _stream.Dispose();
        _socket.Dispose();
        _closed(this);
    }
}
