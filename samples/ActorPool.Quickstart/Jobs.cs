namespace ActorPool.Quickstart;

/// <summary>Task functions: they run in the child processes.</summary>
public static class Jobs
{
    public static async Task<int> SquareAsync(int x)
    {
        await Task.Yield();
        return x * x;
    }

    public static async Task<(int Input, int Pid)> WhereAmIAsync(int x)
    {
        await Task.Delay(20);
        return (x, Environment.ProcessId);
    }

    public static int Divide(int a, int b) => a / b;
}
