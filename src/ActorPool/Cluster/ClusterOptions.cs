using System.Security.Cryptography.X509Certificates;

namespace ActorPool;

/// <summary>
/// How a process joins an ActorPool cluster: a driver (a pool with <see cref="PoolOptions.Cluster"/>) or a worker host
/// (<see cref="ActorPoolWorker"/>). Every node listens with Akka.Remote's mutual TLS and accepts only peers that present
/// the same provisioned certificate (pinned by thumbprint), or, with <see cref="CertificateAuthorityPath"/>, a certificate
/// of their own issued by the cluster's private certificate authority.
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>The name of every ActorPool cluster's ActorSystem, the part of a seed address after the scheme.</summary>
    public const string SystemName = "actorpool";

    /// <summary>
    /// The seed nodes, as Akka addresses, e.g. <c>akka.ssl.tcp://actorpool@driver-host:4053</c>. Usually the driver's own
    /// address first, so that it founds the cluster and, as its oldest member, wins a network partition.
    /// </summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>The address this node listens on; by default this machine's host name.</summary>
    public string Hostname { get; init; } = System.Net.Dns.GetHostName();

    /// <summary>The address other nodes reach this one at, when it differs from <see cref="Hostname"/> (NAT, containers).</summary>
    public string? PublicHostname { get; init; }

    /// <summary>The port this node listens on; 0 for any free port (a seed needs a fixed one).</summary>
    public int Port { get; init; }

    /// <summary>
    /// This node's certificate with its private key (a PKCS#12/PFX file): the cluster's one shared certificate, which each
    /// node presents and accepts only from a peer, or with <see cref="CertificateAuthorityPath"/> the node's own. One of
    /// this, <see cref="Certificate"/> or <see cref="CertificateThumbprint"/> is required.
    /// </summary>
    public string? CertificatePath { get; init; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one. <see cref="ToString"/> does not show it.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The cluster's certificate, with its private key, already loaded (instead of <see cref="CertificatePath"/>).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// The thumbprint of the cluster's certificate in a certificate store, instead of <see cref="CertificatePath"/>: the
    /// current user's personal store ("My"), then the machine's. It must be there with its private key.
    /// </summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>
    /// The certificate (PEM or DER, without its key) of the cluster's private certificate authority. When set, each node
    /// presents a certificate of its own (<see cref="CertificatePath"/>) and accepts a peer whose certificate that
    /// authority issued (its chain is built to that root alone: the system's trusted roots count for nothing, and no
    /// revocation list is consulted); when null, every node presents the same certificate and accepts only that one.
    /// </summary>
    public string? CertificateAuthorityPath { get; init; }

    // The record's ToString (and PoolOptions' through it) names the certificate, never its password.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Seeds = [").AppendJoin(", ", Seeds).Append("], Hostname = ").Append(Hostname)
            .Append(", PublicHostname = ").Append(PublicHostname).Append(", Port = ").Append(Port)
            .Append(", CertificatePath = ").Append(CertificatePath)
            .Append(", CertificatePassword = ").Append(CertificatePassword is null ? "" : "***")
            .Append(", Certificate = ").Append(Certificate?.Thumbprint)
            .Append(", CertificateThumbprint = ").Append(CertificateThumbprint)
            .Append(", CertificateAuthorityPath = ").Append(CertificateAuthorityPath);
        return true;
    }

    /// <summary>Throws for options that cannot make a node.</summary>
    /// <exception cref="ArgumentException">No seed, a seed that is not an Akka address, or no certificate.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port is not a TCP port.</exception>
    internal void Validate()
    {
        if (Seeds.Count == 0)
            throw new ArgumentException("ClusterOptions.Seeds needs at least one seed node address, e.g. akka.ssl.tcp://actorpool@host:4053.", nameof(Seeds));
        foreach (var seed in Seeds)
        {
            if (!Akka.Actor.Address.TryParse(seed, out var address) || address.Port is null || address.Host is null)
                throw new ArgumentException($"ClusterOptions.Seeds: '{seed}' is not an Akka address with a host and a port, e.g. akka.ssl.tcp://actorpool@host:4053.", nameof(Seeds));
            if (address.Protocol != "akka.ssl.tcp")
                throw new ArgumentException($"ClusterOptions.Seeds: '{seed}' uses '{address.Protocol}'; a cluster's nodes speak TLS only, akka.ssl.tcp://actorpool@host:port.", nameof(Seeds));
            if (address.System != SystemName)
                throw new ArgumentException($"ClusterOptions.Seeds: '{seed}' names the system '{address.System}'; ActorPool's cluster system is '{SystemName}'.", nameof(Seeds));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (string.IsNullOrWhiteSpace(Hostname))
            throw new ArgumentException("ClusterOptions.Hostname is empty.", nameof(Hostname));
        if (Certificate is null && string.IsNullOrWhiteSpace(CertificatePath) && string.IsNullOrWhiteSpace(CertificateThumbprint))
            throw new ArgumentException("ClusterOptions needs the cluster's certificate: CertificatePath (a PFX file), CertificateThumbprint (in a store) or Certificate.", nameof(CertificatePath));
        if (Certificate is { HasPrivateKey: false })
            throw new ArgumentException("ClusterOptions.Certificate has no private key; a node must present it in mutual TLS.", nameof(Certificate));
        if (Certificate is null && !string.IsNullOrWhiteSpace(CertificatePath) && !File.Exists(CertificatePath))
            throw new ArgumentException($"ClusterOptions.CertificatePath: no file at '{CertificatePath}'.", nameof(CertificatePath));
        if (CertificateAuthorityPath is not null && !File.Exists(CertificateAuthorityPath))
            throw new ArgumentException($"ClusterOptions.CertificateAuthorityPath: no file at '{CertificateAuthorityPath}'.", nameof(CertificateAuthorityPath));
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        foreach (var location in (StoreLocation[])[StoreLocation.CurrentUser, StoreLocation.LocalMachine])
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // no such store here
            }
            foreach (var found in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint.Replace(" ", "", StringComparison.Ordinal), validOnly: false))
            {
                if (found.HasPrivateKey)
                    return found;
                found.Dispose();
            }
        }
        throw new ArgumentException(
            $"ClusterOptions.CertificateThumbprint: no certificate {thumbprint} with its private key in the current user's or the machine's personal store.",
            nameof(CertificateThumbprint));
    }

    /// <summary>The private certificate authority's certificate, or null to pin the node's own certificate.</summary>
    internal X509Certificate2? LoadCertificateAuthority()
    {
        if (CertificateAuthorityPath is not { } path)
            return null;
        var text = File.ReadAllText(path);
        return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPem(text)
            : X509CertificateLoader.LoadCertificateFromFile(path);
    }

    /// <summary>
    /// Throws now, with why, if the certificate cannot be loaded (a wrong password, not in the store), or, with a private
    /// authority, if the authority's certificate cannot be read or this node's certificate is not one it issued and valid
    /// now (its peers would refuse it at every attempt).
    /// </summary>
    /// <exception cref="ArgumentException">It cannot, or is not.</exception>
    internal void EnsureCertificate()
    {
        X509Certificate2? authority;
        try
        {
            authority = LoadCertificateAuthority();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"ClusterOptions.CertificateAuthorityPath: the authority's certificate cannot be read: {e.Message}", nameof(CertificateAuthorityPath), e);
        }
        using (authority)
        {
            X509Certificate2 own;
            try
            {
                own = LoadCertificate();
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new ArgumentException($"ClusterOptions: the cluster's certificate cannot be loaded: {e.Message}", nameof(CertificatePath), e);
            }
            try
            {
                if (authority is not null && global::ActorPool.Cluster.ClusterNode.ChainsTo(own, authority) is { } why)
                {
                    throw new ArgumentException(
                        $"ClusterOptions: this node's certificate ({own.Subject}) is not one the authority in '{CertificateAuthorityPath}' issued, valid now: {why}",
                        nameof(CertificatePath));
                }
            }
            finally
            {
                if (Certificate is null)
                    own.Dispose();
            }
        }
    }

    /// <summary>The certificate to present and pin.</summary>
    /// <exception cref="ArgumentException">The certificate is not where the options say, or has no private key there.</exception>
    internal X509Certificate2 LoadCertificate()
    {
        if (Certificate is { } certificate)
            return certificate;
        if (string.IsNullOrWhiteSpace(CertificatePath) && CertificateThumbprint is { } thumbprint)
            return FromStore(thumbprint);
        var loaded = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath!, CertificatePassword,
            // Windows' TLS (SChannel) cannot use an ephemeral key for a server; elsewhere the key stays off the disk.
            OperatingSystem.IsWindows() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);
        if (!loaded.HasPrivateKey)
        {
            loaded.Dispose();
            throw new ArgumentException($"ClusterOptions.CertificatePath: '{CertificatePath}' holds no private key; a node must present it in mutual TLS.", nameof(CertificatePath));
        }
        return loaded;
    }
}
