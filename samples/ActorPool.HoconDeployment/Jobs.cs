namespace ActorPool.HoconDeployment;

/// <summary>Task functions and the initializer: they run in the child processes.</summary>
public static class Jobs
{
    private static string s_preparedBy = "nobody";

    /// <summary>
    /// Runs once in every child before its first task: the counterpart of aiomultiprocess's <c>initializer</c> and
    /// <c>loop_initializer</c> (tasks run on the child's .NET thread pool, so this is where per-process state is set up).
    /// </summary>
    public static void Prepare(string who) => s_preparedBy = $"{who} in process {Environment.ProcessId}";

    public static async Task<string> WhereAmIAsync(int item)
    {
        await Task.Delay(10);
        // After the await, the task is back on the dispatcher's threads (task-loop in pool.conf).
        return $"item {item} ran in child {Environment.ProcessId} on thread '{Thread.CurrentThread.Name}', prepared by {s_preparedBy}";
    }

    public static async Task<int> SlowAsync(int seconds, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        return seconds;
    }
}
