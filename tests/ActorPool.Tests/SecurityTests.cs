using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorPool.Tests.Support;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Akka.Routing;

namespace ActorPool.Tests;

/// <summary>
/// Attacks on a pool from a foreign ActorSystem in this process: with no certificate, and with a certificate of
/// its own. Each attack would write a marker file if it got through; none may, and the pool keeps serving.
/// </summary>
public sealed class SecurityTests
{
    private static readonly TimeSpan AttackWait = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Pool_Default_UsesTlsOnLoopbackForEveryAddress()
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1 });
        var (parent, children) = await AddressesAsync(scope.Pool);

        Assert.Equal("akka.ssl.tcp", parent.Protocol);
        Assert.Equal("127.0.0.1", parent.Host);
        Assert.All(children, child => Assert.Equal(("akka.ssl.tcp", "127.0.0.1"), (child.Protocol, child.Host)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ForeignSystem_EveryAttack_FailsAndLeavesNoMarker(bool withOwnCertificate)
    {
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 2 });
        var pool = scope.Pool;
        var (parent, children) = await AddressesAsync(pool);
        var routee = (await pool.Router.Ask<Routees>(new GetRoutees(), TimeSpan.FromSeconds(30))).Members.OfType<ActorRefRoutee>().First().Actor.Path;
        using var attacker = ForeignSystem(withOwnCertificate);
        var protocol = withOwnCertificate ? "akka.ssl.tcp" : "akka.tcp";
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-attack-{Guid.NewGuid():N}");
        try
        {
            var serving = Task.WhenAll(Enumerable.Range(0, 20).Select(i => pool.ApplyAsync(Jobs.SquareAsync, i)));
            var child = children[0].WithProtocol(protocol);

            // 1. Remote deployment of an actor that writes the marker when it is created.
            var deployed = attacker.ActorOf(Props.Create(() => new MarkerActor(marker)).WithDeploy(new Deploy(new RemoteScope(child))));
            // 2. Invoke sent to the router in the parent, and 3. to a routee in a child.
            var router = attacker.ActorSelection(new RootActorPath(parent.WithProtocol(protocol)) / "user" / "supervisor" / "router");
            var runner = attacker.ActorSelection(routee.Address.WithProtocol(protocol) + routee.ToStringWithoutAddress());
            router.Tell(Invoke.Create(Jobs.WriteMarker, marker));
            runner.Tell(Invoke.Create(Jobs.WriteMarker, marker));
            // 4. ActorSelection into a child.
            var selection = attacker.ActorSelection(new RootActorPath(child) / "user");

            // Nothing answers: had a message got through, the Identify behind it on the same connection would have too.
            Assert.True(NobodyThere(await Identify(deployed.Ask<ActorIdentity>(new Identify(1), AttackWait))));
            Assert.True(NobodyThere(await Identify(router.Ask<ActorIdentity>(new Identify(1), AttackWait))));
            Assert.True(NobodyThere(await Identify(runner.Ask<ActorIdentity>(new Identify(1), AttackWait))));
            await Assert.ThrowsAnyAsync<Exception>(() => selection.ResolveOne(AttackWait));

            Assert.False(File.Exists(marker), "an attack reached the pool");
            Assert.Equal(Enumerable.Range(0, 20).Select(i => i * i), await serving);
            Assert.Equal(49, await pool.ApplyAsync(Jobs.SquareAsync, 7));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task TlsOff_RemoteDeploymentFromAForeignSystem_GetsThrough()
    {
        // The control for the attack tests: without TLS the same deployment does write the marker, which is why
        // TLS is on by default.
        var config = ConfigurationFactory.ParseString("actorpool.remote.tls = off");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });
        var (_, children) = await AddressesAsync(scope.Pool);
        using var attacker = ForeignSystem(withOwnCertificate: false);
        var marker = Path.Combine(Path.GetTempPath(), $"actorpool-attack-{Guid.NewGuid():N}");
        try
        {
            attacker.ActorOf(Props.Create(() => new MarkerActor(marker)).WithDeploy(new Deploy(new RemoteScope(children[0]))));

            Assert.True(await Wait.UntilAsync(() => File.Exists(marker), TimeSpan.FromSeconds(30)));
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [Fact]
    public async Task SilentConnection_ToAChildsPort_IsClosedAfterTheConnectionTimeout()
    {
        // A connection that never starts its TLS handshake holds nothing for long (nor does one that sends junk).
        var config = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.connection-timeout = 1s");
        await using var scope = await TestPool.StartAsync(new PoolOptions { Processes = 1, Config = config });
        var (_, children) = await AddressesAsync(scope.Pool);
        using var silent = new System.Net.Sockets.TcpClient();
        await silent.ConnectAsync(children[0].Host!, children[0].Port!.Value);
        using var junk = new System.Net.Sockets.TcpClient();
        await junk.ConnectAsync(children[0].Host!, children[0].Port!.Value);
        await junk.GetStream().WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3 });

        Assert.True(await EndedAsync(silent), "the child kept a silent connection open for 30 s");
        Assert.True(await EndedAsync(junk), "the child kept a junk connection open for 30 s");
        Assert.Equal(49, await scope.Pool.ApplyAsync(Jobs.SquareAsync, 7));
    }

    // True once the other side has ended the connection (an end of stream or a reset), false if it is still open after 30 s.
    private static async Task<bool> EndedAsync(System.Net.Sockets.TcpClient client)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            // The child may answer junk with a TLS alert before it closes.
            while (await client.GetStream().ReadAsync(new byte[64], timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static bool NobodyThere(ActorIdentity identity) => identity.Subject is null || identity.Subject.IsNobody();

    /// <summary>An Identify that timed out, or that dead letters answered, both mean nobody is there.</summary>
    private static Task<ActorIdentity> Identify(Task<ActorIdentity> asked) =>
        asked.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : new ActorIdentity(1, null), TaskScheduler.Default);

    private static async Task<(Address Parent, Address[] Children)> AddressesAsync(ProcessPool pool)
    {
        var routees = await pool.Router.Ask<Routees>(new GetRoutees(), TimeSpan.FromSeconds(30));
        var children = routees.Members.OfType<ActorRefRoutee>().Select(r => r.Actor.Path.Address).Distinct().ToArray();
        return (((ExtendedActorSystem)pool.System).Provider.DefaultAddress, children);
    }

    private static ActorSystem ForeignSystem(bool withOwnCertificate)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.loglevel = ERROR
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0, enable-ssl = {{(withOwnCertificate ? "on" : "off")}} }
            """);
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        if (!withOwnCertificate)
            return ActorSystem.Create("attacker", bootstrap);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=attacker", key, HashAlgorithmName.SHA256);
        using var generated = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(generated.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
        // The strongest attacker of this kind accepts any certificate the pool shows it.
        return ActorSystem.Create("attacker", ActorSystemSetup.Create(bootstrap, new DotNettySslSetup(certificate, suppressValidation: true, requireMutualAuthentication: true)));
    }
}

/// <summary>Writes its marker file when created: the side effect a successful remote deployment would have.</summary>
public sealed class MarkerActor : ReceiveActor
{
    public MarkerActor(string marker)
    {
        File.WriteAllText(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ReceiveAny(_ => { });
    }
}
