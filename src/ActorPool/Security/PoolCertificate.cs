using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorPool.Security;

/// <summary>
/// Makes and loads the ephemeral certificate of a process family (see <see cref="FamilyCertificate"/>): handed to
/// each child on its standard input, and the only certificate any side accepts (pinned by thumbprint) in
/// Akka.Remote's mutual TLS.
/// </summary>
internal static class PoolCertificate
{
    private static readonly Oid s_serverAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid s_clientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Makes a new self-signed ECDSA P-256 certificate and returns it as PKCS#12 bytes, key included.</summary>
    public static byte[] CreatePkcs12()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=actorpool-{Guid.NewGuid():N}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([s_serverAuth, s_clientAuth], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    /// <summary>Loads the certificate with a key that lives only in this process's memory.</summary>
    public static X509Certificate2 Load(byte[] pkcs12) =>
        X509CertificateLoader.LoadPkcs12(pkcs12, password: null, X509KeyStorageFlags.EphemeralKeySet);
}
