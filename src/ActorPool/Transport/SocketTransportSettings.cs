using Akka.Configuration;

namespace ActorPool.Transport;

/// <summary>
/// What <see cref="SocketTransport"/> reads from its section of the configuration, which is Akka.Remote's own
/// <c>akka.remote.dot-netty.tcp</c> (the transport takes DotNetty's place there), with the same names and defaults.
/// </summary>
internal sealed record SocketTransportSettings(
    string Hostname,
    string PublicHostname,
    int Port,
    bool Tls,
    int MaximumFrameSize,
    int SendBufferSize,
    int ReceiveBufferSize,
    TimeSpan ConnectTimeout)
{
    public static SocketTransportSettings From(Config config)
    {
        var hostname = config.GetString("hostname", "");
        if (string.IsNullOrWhiteSpace(hostname))
            hostname = "127.0.0.1";
        var publicHostname = config.GetString("public-hostname", "");
        var frame = config.GetByteSize("maximum-frame-size", null) ?? 128_000;
        if (frame is < 32_000 or > 1L << 30)
            throw new ConfigurationException($"akka.remote.dot-netty.tcp.maximum-frame-size must be between 32000 bytes and 1 GiB, not {frame}.");
        return new SocketTransportSettings(
            hostname,
            string.IsNullOrWhiteSpace(publicHostname) ? hostname : publicHostname,
            config.GetInt("port", 2552),
            config.GetBoolean("enable-ssl", false),
            (int)frame,
            BufferSize(config, "send-buffer-size"),
            BufferSize(config, "receive-buffer-size"),
            config.GetTimeSpan("connection-timeout", TimeSpan.FromSeconds(15)));
    }

    // 0 leaves the operating system's default.
    private static int BufferSize(Config config, string key) =>
        config.GetByteSize(key, null) is { } size and > 0 and <= int.MaxValue ? (int)size : 0;
}
