using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorPool.Tests.Support;

/// <summary>
/// Hosts of the multi-host tests on one machine: a provisioned cluster certificate (a PFX in a temporary folder), a free
/// port for the driver's seed, and worker hosts run as separate processes of this test assembly on loopback. Everything
/// it started is killed, with its children, when it is disposed.
/// </summary>
internal sealed class ClusterHosts : IDisposable
{
    public const string WorkerVariable = "ACTORPOOL_TEST_WORKER";
    private const string Password = "test-only";

    private readonly string _folder = Directory.CreateTempSubdirectory("actorpool-cluster-").FullName;
    private readonly List<Process> _workers = []; // and drivers in processes of their own
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private readonly X509Certificate2? _authority;

    /// <param name="privateAuthority">
    /// Each node gets a certificate of its own, issued by a private authority made here (<see cref="AuthorityPath"/>),
    /// instead of all sharing one.
    /// </param>
    /// <param name="hostname">The address the driver and the workers started outside a namespace listen at.</param>
    public ClusterHosts(bool privateAuthority = false, string hostname = "127.0.0.1")
    {
        Hostname = hostname;
        if (privateAuthority)
        {
            _authority = NewAuthority("CN=actorpool-test-authority");
            AuthorityPath = Path.Combine(_folder, "authority.pem");
            File.WriteAllText(AuthorityPath, _authority.ExportCertificatePem());
            CertificatePath = Issue("driver");
        }
        else
        {
            CertificatePath = Path.Combine(_folder, "cluster.pfx");
            File.WriteAllBytes(CertificatePath, NewCertificate().Export(X509ContentType.Pkcs12, Password));
        }
        Port = FreePort();
    }

    /// <summary>The driver's certificate: the cluster's one, or the driver's own from the private authority.</summary>
    public string CertificatePath { get; }

    /// <summary>The private authority's certificate (PEM), when there is one.</summary>
    public string? AuthorityPath { get; }

    public int Port { get; }

    public string Hostname { get; }

    public string Seed => $"akka.ssl.tcp://actorpool@{Hostname}:{Port}";

    /// <summary>The driver's side: it founds the cluster at <see cref="Seed"/>.</summary>
    public ClusterOptions Driver => new()
    {
        Seeds = [Seed],
        Hostname = Hostname,
        Port = Port,
        CertificatePath = CertificatePath,
        CertificatePassword = Password,
        CertificateAuthorityPath = AuthorityPath,
    };

    /// <summary>Starts a worker host named <paramref name="name"/> (its children see it in <see cref="WorkerVariable"/>).</summary>
    /// <param name="name">The host's name.</param>
    /// <param name="processes">Its pool's children.</param>
    /// <param name="certificatePath">Another certificate than the cluster's.</param>
    /// <param name="hocon">HOCON for its pool and node, given with --config.</param>
    /// <param name="build">The test assembly to run, if not this one (<see cref="AnotherBuild"/>).</param>
    /// <param name="network">A network namespace to run it in, at the namespace's address.</param>
    public Process StartWorker(
        string name, int processes = 1, string? certificatePath = null, string? hocon = null, string? build = null, NetworkNamespace? network = null,
        string? authorityPath = null, string? hostname = null)
    {
        var info = new ProcessStartInfo(network is null ? "dotnet" : "ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        if (network is not null)
        {
            // `ip netns exec` execs the command: the process is the worker itself.
            foreach (var arg in (string[])["netns", "exec", network.Name, "dotnet"])
                info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add(build ?? typeof(ClusterHosts).Assembly.Location);
        foreach (var arg in (string[])[
            ActorPoolWorker.Command, "--seed", Seed, "--hostname", network?.InsideAddress ?? hostname ?? Hostname,
            "--certificate", certificatePath ?? (_authority is null ? CertificatePath : Issue(name)),
            "--processes", processes.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(arg);
        }
        if ((authorityPath ?? AuthorityPath) is { } authority)
        {
            info.ArgumentList.Add("--certificate-authority");
            info.ArgumentList.Add(authority);
        }
        if (hocon is not null)
        {
            var config = Path.Combine(_folder, name + ".conf");
            File.WriteAllText(config, hocon);
            info.ArgumentList.Add("--config");
            info.ArgumentList.Add(config);
        }
        info.Environment["ACTORPOOL_CERTIFICATE_PASSWORD"] = Password;
        info.Environment[WorkerVariable] = name;
        var worker = Process.Start(info)!;
        worker.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                _errors.Enqueue($"{name}: {text}");
        };
        worker.OutputDataReceived += (_, _) => { };
        worker.BeginErrorReadLine();
        worker.BeginOutputReadLine();
        _workers.Add(worker);
        return worker;
    }

    /// <summary>
    /// Starts a driver in a process of its own (<see cref="TestProgram"/>'s test-driver): it founds the cluster at
    /// <see cref="Seed"/> and keeps its hosts busy with <see cref="ClusterJobs.MarkWhenCancelledAsync"/> in <paramref name="directory"/>.
    /// </summary>
    public Process StartDriver(string directory)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])[typeof(ClusterHosts).Assembly.Location, "test-driver", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), CertificatePath, Password, directory])
            info.ArgumentList.Add(arg);
        var driver = Process.Start(info)!;
        driver.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                _errors.Enqueue($"driver: {text}");
        };
        driver.OutputDataReceived += (_, _) => { };
        driver.BeginErrorReadLine();
        driver.BeginOutputReadLine();
        _workers.Add(driver);
        return driver;
    }

    /// <summary>What the workers wrote on standard error (ActorPool's warnings and errors), each line after its worker's name.</summary>
    public IReadOnlyList<string> ErrorOutput => [.. _errors];

    /// <summary>
    /// A copy of this test build whose test assembly has another module version id, as a rebuild of it would have (same
    /// name, same code): the path of that assembly.
    /// </summary>
    public string AnotherBuild()
    {
        var copy = Path.Combine(_folder, "another-build");
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var assembly = Path.Combine(copy, Path.GetFileName(typeof(ClusterHosts).Assembly.Location));
        long offset;
        using (var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(assembly)))
        {
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var index = System.Reflection.Metadata.Ecma335.MetadataTokens.GetHeapOffset(reader.GetModuleDefinition().Mvid);
            offset = pe.PEHeaders.MetadataStartOffset
                + System.Reflection.Metadata.Ecma335.MetadataReaderExtensions.GetHeapMetadataOffset(reader, System.Reflection.Metadata.Ecma335.HeapIndex.Guid)
                + (index - 1) * 16;
        }
        using (var stream = File.OpenWrite(assembly))
        {
            stream.Position = offset;
            stream.Write(Guid.NewGuid().ToByteArray());
        }
        return assembly;
    }

    /// <summary>A certificate of another cluster, in the same form: self-signed, or issued by another authority.</summary>
    public string ForeignCertificate() => ForeignNode().CertificatePath;

    /// <summary>
    /// A node of another cluster: its certificate and, with a private authority here, the other authority that issued it
    /// (which that node trusts, so that it gets as far as the handshake).
    /// </summary>
    public (string CertificatePath, string? AuthorityPath) ForeignNode()
    {
        var path = Path.Combine(_folder, "foreign.pfx");
        if (_authority is null)
        {
            File.WriteAllBytes(path, NewCertificate().Export(X509ContentType.Pkcs12, Password));
            return (path, null);
        }
        var other = NewAuthority("CN=another-authority");
        File.WriteAllBytes(path, IssueFrom(other, "foreign").Export(X509ContentType.Pkcs12, Password));
        var authorityPath = Path.Combine(_folder, "another-authority.pem");
        File.WriteAllText(authorityPath, other.ExportCertificatePem());
        return (path, authorityPath);
    }

    /// <summary>A certificate of <paramref name="name"/>'s own, issued by the private authority: the path of its PFX.</summary>
    private string Issue(string name)
    {
        var path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, IssueFrom(_authority!, name).Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static X509Certificate2 NewAuthority(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static X509Certificate2 IssueFrom(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=actorpool-node-{name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(authority, now.AddMinutes(-5), now.AddHours(12), Guid.NewGuid().ToByteArray()[..8]);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>The processes <paramref name="pid"/> started that still run.</summary>
    public static IReadOnlyList<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) == pid)
                    children.Add(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }
        return children;
    }

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            var children = ChildrenOf(worker.Id);
            if (!worker.HasExited)
                worker.Kill(entireProcessTree: true);
            worker.WaitForExit(10_000);
            ProcessProbe.KillSurvivors(children);
            worker.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private static X509Certificate2 NewCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=actorpool-test-cluster", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
