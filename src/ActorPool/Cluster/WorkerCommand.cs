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

    private readonly Option<string> _certificate = new("--certificate")
    {
        Description = "The cluster's certificate with its private key (PFX); its password may be in " + PasswordVariable + ".",
        Required = true,
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

    public WorkerCommand()
    {
        Root = new RootCommand("Runs an ActorPool worker host: joins the cluster and runs drivers' tasks on a local pool of child processes.")
        {
            _seeds, _certificate, _hostname, _publicHostname, _port, _processes, _childConcurrency,
        };
    }

    public RootCommand Root { get; }

    /// <summary>The options the parsed command line gives (checked by the caller).</summary>
    public (ClusterOptions Cluster, PoolOptions Pool) Read(ParseResult parsed)
    {
        var cluster = new ClusterOptions
        {
            Seeds = parsed.GetValue(_seeds) ?? [],
            CertificatePath = parsed.GetValue(_certificate),
            CertificatePassword = Environment.GetEnvironmentVariable(PasswordVariable),
            Port = parsed.GetValue(_port),
            PublicHostname = parsed.GetValue(_publicHostname),
        };
        if (parsed.GetValue(_hostname) is { } hostname)
            cluster = cluster with { Hostname = hostname };
        var pool = new PoolOptions
        {
            Processes = parsed.GetValue(_processes),
            ChildConcurrency = parsed.GetValue(_childConcurrency),
            Name = "actorpool-worker",
        };
        return (cluster, pool);
    }
}
