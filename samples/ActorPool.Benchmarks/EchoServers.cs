using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Configuration;
using ActorPool.Configuration;
using ActorPool.Security;

namespace ActorPool.Benchmarks;

/// <summary>
/// The floors' second process: this program started again with a marker argument, serving a raw TCP echo or
/// an Akka.Remote echo actor (ActorPool's HOCON, serializer and TLS), until its standard input closes.
/// </summary>
public static class EchoServers
{
    public const string TcpArgument = "--serve-tcp";
    public const string AkkaArgument = "--serve-akka";

    /// <summary>Starts this program as an echo server; its first output line is where it listens.</summary>
    public static (Process Process, string Endpoint) Launch(string argument, string? firstInputLine = null)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            info.ArgumentList.Add(typeof(EchoServers).Assembly.Location);
        info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        if (firstInputLine is not null)
        {
            process.StandardInput.WriteLine(firstInputLine);
            process.StandardInput.Flush();
        }
        var endpoint = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The echo server did not start.");
        return (process, endpoint);
    }

    public static async Task<int> ServeTcpAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
        Console.Out.Flush();
        using var client = await listener.AcceptTcpClientAsync();
        client.NoDelay = true;
        var stream = client.GetStream();
        var header = new byte[4];
        var buffer = new byte[1];
        while (true)
        {
            if (!await ReadExactlyAsync(stream, header))
                return 0;
            var length = BitConverter.ToInt32(header);
            if (buffer.Length < length)
                buffer = new byte[length];
            await stream.ReadExactlyAsync(buffer.AsMemory(0, length));
            await stream.WriteAsync(header);
            await stream.WriteAsync(buffer.AsMemory(0, length));
        }
    }

    public static async Task<int> ServeAkkaAsync()
    {
        var tlsLine = Console.ReadLine() ?? "off";
        var certificate = tlsLine == "off" ? null : Convert.FromBase64String(tlsLine);
        var system = ActorSystem.Create("echo", RemoteSetup.Create(PoolConfig.Merge(null), certificate));
        system.ActorOf(Props.Create(() => new EchoActor()), "echo");
        Console.WriteLine(((ExtendedActorSystem)system).Provider.DefaultAddress);
        Console.Out.Flush();
        await Task.Run(() =>
        {
            while (Console.ReadLine() is not null)
            {
            }
        });
        await system.Terminate();
        return 0;
    }

    private static async Task<bool> ReadExactlyAsync(Stream stream, byte[] buffer)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer);
            return true;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => ReceiveAny(message => Sender.Tell(message));
    }
}
