using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorPool.Security;

/// <summary>
/// Makes and loads the ephemeral certificate of a process family (see <see cref="Hosting.ProcessFamily"/>): handed to
/// each child on its standard input, and the only certificate any side accepts (pinned by thumbprint) in
/// Akka.Remote's mutual TLS.
/// </summary>
/// <remarks>
/// It travels as the certificate's DER and its key's PKCS#8, each length-prefixed, rather than as PKCS#12: a child
/// loads that form in about half the time, and every child start pays for the load.
/// </remarks>
internal static class PoolCertificate
{
    private static readonly Oid s_serverAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid s_clientAuth = new("1.3.6.1.5.5.7.3.2");

    /// <summary>Makes a new self-signed ECDSA P-256 certificate and returns it with its key, in the form <see cref="Load"/> reads.</summary>
    public static byte[] Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=actorpool-{Guid.NewGuid():N}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([s_serverAuth, s_clientAuth], false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        var der = certificate.RawData;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var credential = new byte[4 + der.Length + pkcs8.Length];
        BinaryPrimitives.WriteInt32LittleEndian(credential, der.Length);
        der.CopyTo(credential, 4);
        pkcs8.CopyTo(credential, 4 + der.Length);
        return credential;
    }

    /// <summary>Loads the certificate with a key that lives only in this process's memory.</summary>
    public static X509Certificate2 Load(byte[] credential)
    {
        var derLength = BinaryPrimitives.ReadInt32LittleEndian(credential);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(credential.AsSpan(4 + derLength), out _);
        using var certificate = X509CertificateLoader.LoadCertificate(credential.AsSpan(4, derLength));
        return certificate.CopyWithPrivateKey(key);
    }
}
