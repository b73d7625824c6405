namespace ActorPool.UrlFetcher;

/// <summary>Task functions: they run in the child processes.</summary>
public static class Jobs
{
    // One client per child process, made on its first fetch and reused by every fetch the child runs.
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Fetches a page and returns its size; a status that is not a success throws, and the caller gets a ProxyException.</summary>
    public static async Task<(string Url, int Bytes, int Pid)> FetchAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await s_http.GetAsync(url, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return (url, body.Length, Environment.ProcessId);
    }
}
