using System.CommandLine;

namespace ActorPool.Cluster;

/// <summary>The command line of <see cref="ActorPoolWorker"/>: how to join the cluster, and the host's local pool.</summary>
internal sealed class WorkerCommand
{
    /// <summary>The environment variable a certificate's password may come from, so that it is not on the command line.</summary>
    public const string PasswordVariable = "ACTORPOOL_CERTIFICATE_PASSWORD";

    private readonly Option<string[]> _seeds = new("--seed")
    {
        Description = "A seed node of the cluster, e.g. akka.ssl.tcp://actorpool@driver-host:4053; repeat for several.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string?> _certificate = new("--certificate")
    {
        Description = "The cluster's certificate with its private key (PFX); its password may be in " + PasswordVariable + ".",
    };

    private readonly Option<string?> _thumbprint = new("--certificate-thumbprint")
    {
        Description = "The thumbprint of the cluster's certificate in the user's or the machine's personal store, instead of --certificate.",
    };

    private readonly Option<string?> _authority = new("--certificate-authority")
    {
        Description = "The certificate (PEM or DER) of the cluster's private authority: each node then has a certificate of its own that it issued.",
    };

    private readonly Option<string?> _hostname = new("--hostname") { Description = "The address to listen on (default: this machine's host name)." };

    private readonly Option<string?> _publicHostname = new("--public-hostname") { Description = "The address other nodes reach this one at, if it differs." };

    private readonly Option<int> _port = new("--port") { Description = "The port to listen on; 0 for any free port.", DefaultValueFactory = _ => 0 };

    private readonly Option<int> _processes = new("--processes")
    {
        Description = "Child processes of the host's pool.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private readonly Option<int> _childConcurrency = new("--child-concurrency")
    {
        Description = "Tasks each child runs at once.",
        DefaultValueFactory = _ => PoolDefaults.ChildConcurrency,
    };

    private readonly Option<FileInfo?> _config = new("--config")
    {
        Description = "A HOCON file for the host's pool (its actorpool.pool section, as PoolOptions.FromConfig reads it) and its cluster node (akka.cluster).",
    };

    public WorkerCommand()
    {
        Root = new RootCommand("Runs an ActorPool worker host: joins the cluster and runs drivers' tasks on a local pool of child processes.")
        {
            _seeds, _certificate, _thumbprint, _authority, _hostname, _publicHostname, _port, _processes, _childConcurrency, _config,
        };
    }

    public RootCommand Root { get; }

    /// <summary>The options the parsed command line gives (checked by the caller).</summary>
    /// <exception cref="ArgumentException">The HOCON file cannot be read or parsed.</exception>
    public (ClusterOptions Cluster, PoolOptions Pool) Read(ParseResult parsed)
    {
        var pool = new PoolOptions { Name = "actorpool-worker" };
        if (parsed.GetValue(_config) is { } file)
        {
            try
            {
                pool = PoolOptions.FromConfig(Akka.Configuration.ConfigurationFactory.ParseString(File.ReadAllText(file.FullName)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Akka.Configuration.ConfigurationException or FormatException)
            {
                throw new ArgumentException($"--config {file}: {e.Message}", e);
            }
        }
        var cluster = new ClusterOptions
        {
            Seeds = parsed.GetValue(_seeds) ?? [],
            CertificatePath = parsed.GetValue(_certificate),
            CertificatePassword = Environment.GetEnvironmentVariable(PasswordVariable),
            CertificateAuthorityPath = parsed.GetValue(_authority),
            CertificateThumbprint = parsed.GetValue(_thumbprint),
            Port = parsed.GetValue(_port),
            PublicHostname = parsed.GetValue(_publicHostname),
        };
        if (parsed.GetValue(_hostname) is { } hostname)
            cluster = cluster with { Hostname = hostname };
        // The command line's figures win over the file's; the file's win over the defaults.
        if (parsed.GetResult(_processes) is { Implicit: false } || pool.Config?.HasPath("actorpool.pool.processes") != true)
            pool = pool with { Processes = parsed.GetValue(_processes) };
        if (parsed.GetResult(_childConcurrency) is { Implicit: false } || pool.Config?.HasPath("actorpool.pool.child-concurrency") != true)
            pool = pool with { ChildConcurrency = parsed.GetValue(_childConcurrency) };
        return (cluster, pool with { Cluster = null });
    }
}
