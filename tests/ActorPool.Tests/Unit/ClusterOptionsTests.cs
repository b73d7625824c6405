using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using ActorPool.Cluster;
using ActorPool.Tests.Support;

namespace ActorPool.Tests.Unit;

/// <summary>A cluster's options, its configuration and its guards, without starting a pool.</summary>
public sealed class ClusterOptionsTests
{
    [Fact]
    public void FromConfig_ReadsTheClusterSection()
    {
        var options = PoolOptions.FromConfig(ConfigurationFactory.ParseString("""
            actorpool.pool.cluster {
              seeds = ["akka.ssl.tcp://actorpool@driver:4053", "akka.ssl.tcp://actorpool@backup:4053"]
              hostname = driver
              public-hostname = driver.example
              port = 4053
              certificate-path = "/etc/app/cluster.pfx"
            }
            """));

        var cluster = Assert.IsType<ClusterOptions>(options.Cluster);
        Assert.Equal(["akka.ssl.tcp://actorpool@driver:4053", "akka.ssl.tcp://actorpool@backup:4053"], cluster.Seeds);
        Assert.Equal(("driver", "driver.example", 4053, "/etc/app/cluster.pfx"), (cluster.Hostname, cluster.PublicHostname, cluster.Port, cluster.CertificatePath));
    }

    [Theory]
    [InlineData("", "at least one seed")]
    [InlineData("driver:4053", "is not an Akka address")]
    [InlineData("akka.ssl.tcp://other@driver:4053", "names the system 'other'")]
    [InlineData("akka.tcp://actorpool@driver:4053", "speak TLS only")]
    public void Validate_RefusesSeedsThatCannotBeJoined(string seed, string expected)
    {
        using var hosts = new ClusterHosts();
        var options = hosts.Driver with { Seeds = seed.Length == 0 ? [] : [seed] };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void EnsureCertificate_PrivateAuthority_RefusesACertificateItDidNotIssue()
    {
        using var hosts = new ClusterHosts(privateAuthority: true);
        hosts.Driver.EnsureCertificate();

        var error = Assert.Throws<ArgumentException>((hosts.Driver with { CertificatePath = hosts.ForeignCertificate() }).EnsureCertificate);

        Assert.Contains("is not one the authority", error.Message);
    }

    [Fact]
    public void ToString_NamesTheCertificate_NotItsPassword()
    {
        var options = new PoolOptions
        {
            Cluster = new ClusterOptions { Seeds = ["akka.ssl.tcp://actorpool@driver:4053"], CertificatePath = "/etc/app/cluster.pfx", CertificatePassword = "s3cret-pfx-password" },
        };

        var text = options.ToString();

        Assert.Contains("/etc/app/cluster.pfx", text);
        Assert.DoesNotContain("s3cret-pfx-password", text);
        Assert.Contains("CertificatePassword = ***", text);
    }

    [Fact]
    public void Validate_RefusesANodeWithoutTheClustersCertificate()
    {
        using var hosts = new ClusterHosts();

        Assert.Contains("needs the cluster's certificate", Assert.Throws<ArgumentException>((hosts.Driver with { CertificatePath = null }).Validate).Message);
        Assert.Contains("no file at", Assert.Throws<ArgumentException>((hosts.Driver with { CertificatePath = "/nonexistent/cluster.pfx" }).Validate).Message);
        Assert.Throws<ArgumentOutOfRangeException>((hosts.Driver with { Port = 70000 }).Validate);
    }

    [Fact]
    public void Certificate_ComesFromTheUsersStore_ByThumbprint_WithItsKey()
    {
        using var hosts = new ClusterHosts();
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(hosts.CertificatePath, hosts.Driver.CertificatePassword,
            X509KeyStorageFlags.Exportable | X509KeyStorageFlags.PersistKeySet);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        try
        {
            var options = hosts.Driver with { CertificatePath = null, CertificateThumbprint = certificate.Thumbprint };
            options.Validate();

            using var loaded = options.LoadCertificate();

            Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
            Assert.True(loaded.HasPrivateKey);
            var missing = Assert.Throws<ArgumentException>(() => (options with { CertificateThumbprint = new string('A', 40) }).EnsureCertificate());
            Assert.Contains("no certificate", missing.Message);
        }
        finally
        {
            store.Remove(certificate);
        }
    }

    [Fact]
    public void AssemblyIdentity_NamesAnAssemblyOfAnotherBuild_AndPassesTheSameOnes()
    {
        var mine = AssemblyIdentity.Loaded();
        Assert.Equal(typeof(ProcessPool).Assembly.ManifestModule.ModuleVersionId, mine["ActorPool"]);
        Assert.Contains("ActorPool.Tests", mine.Keys);
        Assert.DoesNotContain("System.Private.CoreLib", mine.Keys);
        Assert.DoesNotContain("System.Runtime", mine.Keys);

        Assert.Null(AssemblyIdentity.FirstMismatch(mine));
        Assert.Null(AssemblyIdentity.FirstMismatch(new Dictionary<string, Guid> { ["NotAnAssemblyOfThisApp"] = Guid.NewGuid() }));
        var mismatch = AssemblyIdentity.FirstMismatch(new Dictionary<string, Guid> { ["ActorPool"] = Guid.NewGuid() });
        Assert.NotNull(mismatch);
        Assert.Contains("'ActorPool'", mismatch);
    }

    [Fact]
    public async Task ClusterNode_RefusesRemoteDeployment_BothWays()
    {
        using var hosts = new ClusterHosts();
        var node = ClusterNode.Start(hosts.Driver, ClusterNode.DriverRole, null, null);
        try
        {
            var deployment = typeof(Akka.Remote.RemoteActorRefProvider).Assembly.GetType("Akka.Remote.DaemonMsgCreate", throwOnError: true)!;
            var serializer = node.Serialization.FindSerializerForType(deployment);

            Assert.IsType<DeployRefusingSerializer>(serializer);
            Assert.Throws<NotSupportedException>(() => serializer.ToBinary(new object()));
            Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([1, 2, 3], deployment));
        }
        finally
        {
            await node.Terminate();
        }
    }
}
