using Akka.Configuration;

namespace ActorPool.Configuration;

/// <summary>Reads the <c>actorpool.pool</c> section of a HOCON configuration into <see cref="PoolOptions"/>.</summary>
internal static class PoolOptionsReader
{
    public const string Section = "actorpool.pool";

    /// <summary>The options the section sets, the defaults for the rest, and the whole configuration as <see cref="PoolOptions.Config"/>.</summary>
    public static PoolOptions Read(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new PoolOptions { Config = config };
        if (!config.HasPath(Section))
            return options;
        var section = config.GetConfig(Section);
        return options with
        {
            Name = Get(section, "name", k => section.GetString(k), options.Name),
            Processes = Get(section, "processes", k => section.GetInt(k), options.Processes),
            MinProcesses = Get<int?>(section, "min-processes", k => section.GetInt(k), options.MinProcesses),
            SpareProcesses = Get(section, "spare-processes", k => section.GetInt(k), options.SpareProcesses),
            ChildConcurrency = Get(section, "child-concurrency", k => section.GetInt(k), options.ChildConcurrency),
            MaxTasksPerChild = Get(section, "max-tasks-per-child", k => section.GetInt(k), options.MaxTasksPerChild),
            MaxCrashRetries = Get(section, "max-crash-retries", k => section.GetInt(k), options.MaxCrashRetries),
            ChildIdleTimeout = Get(section, "child-idle-timeout", k => section.GetTimeSpan(k), options.ChildIdleTimeout),
            TaskTimeout = Get<TimeSpan?>(section, "task-timeout", k => Off(section, k) ? null : section.GetTimeSpan(k), null),
            MaxChildLifetime = Get<TimeSpan?>(section, "max-child-lifetime", k => Off(section, k) ? null : section.GetTimeSpan(k), null),
            MaxMemoryPerChild = Get(section, "max-memory-per-child", k => Off(section, k) ? null : section.GetByteSize(k), null),
            Cluster = section.HasPath("cluster") ? ReadCluster(section.GetConfig("cluster")) : null,
        };
    }

    /// <summary>
    /// <c>actorpool.pool.cluster</c>: <c>seeds</c>, <c>hostname</c>, <c>public-hostname</c>, <c>port</c> and
    /// <c>certificate-path</c> or <c>certificate-thumbprint</c> (and <c>certificate-authority-path</c>); the certificate's password is not kept in configuration, it comes from
    /// <c>ACTORPOOL_CERTIFICATE_PASSWORD</c> (or set <see cref="ClusterOptions.CertificatePassword"/> in code).
    /// </summary>
    private static ClusterOptions ReadCluster(Config cluster)
    {
        var options = new ClusterOptions { CertificatePassword = Environment.GetEnvironmentVariable(Cluster.WorkerCommand.PasswordVariable) };
        return options with
        {
            Seeds = Get<IReadOnlyList<string>>(cluster, "seeds", k => [.. cluster.GetStringList(k)], options.Seeds, "cluster."),
            Hostname = Get(cluster, "hostname", k => cluster.GetString(k), options.Hostname, "cluster."),
            PublicHostname = Get(cluster, "public-hostname", k => cluster.GetString(k), options.PublicHostname, "cluster."),
            Port = Get(cluster, "port", k => cluster.GetInt(k), options.Port, "cluster."),
            CertificatePath = Get(cluster, "certificate-path", k => cluster.GetString(k), options.CertificatePath, "cluster."),
            CertificateAuthorityPath = Get(cluster, "certificate-authority-path", k => cluster.GetString(k), options.CertificateAuthorityPath, "cluster."),
            CertificateThumbprint = Get(cluster, "certificate-thumbprint", k => cluster.GetString(k), options.CertificateThumbprint, "cluster."),
        };
    }

    private static bool Off(Config section, string key) => section.GetString(key) is "off";

    private static T Get<T>(Config section, string key, Func<string, T> read, T otherwise, string prefix = "")
    {
        if (!section.HasPath(key))
            return otherwise;
        try
        {
            return read(key);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ConfigurationException or InvalidCastException)
        {
            throw new ConfigurationException($"{Section}.{prefix}{key} = \"{section.GetString(key)}\" is not a valid value: {e.Message}");
        }
    }
}
