using System.Runtime.CompilerServices;

namespace ActorPool.Tests.Support;

/// <summary>Task functions. They run in child processes, which load this test assembly through its deps.json.</summary>
public static class Jobs
{
    private static int s_initialized;
    private static string? s_initTag;
    private static int s_running;
    private static int s_maxRunning;

    public static async Task<int> SquareAsync(int x)
    {
        await Task.Yield();
        return x * x;
    }

    public static int Pid() => Environment.ProcessId;

    public static async Task<int> PidAsync(int _)
    {
        await Task.Yield();
        return Environment.ProcessId;
    }

    /// <summary>Writes to standard output without ending the line, then returns twice <paramref name="x"/>.</summary>
    public static int WriteWithoutNewline(int x)
    {
        Console.Write("working...");
        return 2 * x;
    }

    /// <summary>Throws an exception whose inner exceptions make a cycle (two that name each other, set by reflection).</summary>
    public static int ThrowCyclic(int n)
    {
        var first = new InvalidOperationException($"first {n}");
        var second = new InvalidOperationException("second", first);
        typeof(Exception).GetField("_innerException", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.SetValue(first, second);
        throw second;
    }

    /// <summary>Cancels a token linked to the task's own and waits on it: a TaskCanceledException that holds both.</summary>
    public static async Task<int> CancelledOnItsOwnAsync(CancellationToken token)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token);
        await linked.CancelAsync();
        await Task.Delay(TimeSpan.FromSeconds(30), linked.Token);
        return 0;
    }

    public static int Add(int a, int b) => a + b;

    /// <summary>What the child's tuning knobs look like from inside the child.</summary>
    public static async Task<ChildTuning> DescribeTuningAsync()
    {
        var before = GC.CollectionCount(0);
        for (var i = 0; i < 64 * 1024; i++)
            GC.KeepAlive(new byte[1024]);
        var gen0Collections = GC.CollectionCount(0) - before;
        var generationOf1MiB = GC.GetGeneration(new byte[1024 * 1024]);
        return new ChildTuning(
            Environment.GetEnvironmentVariable("DOTNET_TieredPGO"),
            gen0Collections,
            generationOf1MiB,
            System.Runtime.GCSettings.IsServerGC,
            await NativeHeapKiBAsync(),
            Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX"));
    }

    /// <summary>
    /// The assemblies of the child's start (Akka, Hyperion, Protobuf, ActorPool..., and any of DotNetty's) that the child loaded, each with
    /// whether its file holds precompiled (ReadyToRun) code.
    /// </summary>
    public static Dictionary<string, bool> ClosurePrecompiled()
    {
        string[] closure = ["ActorPool", "Akka", "Akka.Remote", "Hyperion", "Google.Protobuf", "MemoryPack.Core", "Microsoft.Extensions.Logging.Abstractions"];
        return AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.GetName().Name is { } name && (closure.Contains(name) || name.StartsWith("DotNetty.", StringComparison.Ordinal)))
            .ToDictionary(a => a.GetName().Name!, a => HasNativeCode(a.Location));
    }

    private static bool HasNativeCode(string path)
    {
        using var reader = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>
    /// What of the brk heap the child still uses: after the JIT has gone quiet (memory it is compiling with is in use),
    /// and after glibc has given back every free page, wherever in the heap it lies. Without the trim the figure depends
    /// on where freed blocks happen to sit (a CI run once read 9 MiB with the JIT's cache off); memory the JIT's slab
    /// cache keeps stays in use, so the trim does not hide it.
    /// </summary>
    private static async Task<long> NativeHeapKiBAsync()
    {
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        var unchanged = System.Diagnostics.Stopwatch.StartNew();
        await Wait.UntilAsync(() =>
        {
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                unchanged.Restart();
            }
            return unchanged.ElapsedMilliseconds >= 200;
        }, TimeSpan.FromSeconds(10));
        Child.NativeHeap.Trim();
        var inHeap = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.EndsWith(" [heap]", StringComparison.Ordinal))
                inHeap = true;
            else if (inHeap && line.StartsWith("Rss:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        return 0;
    }

    public static int FullCollections() => GC.CollectionCount(GC.MaxGeneration);

    /// <summary>
    /// Mallocs and touches about <paramref name="mib"/> MiB in 60 KiB blocks, each followed by a 4 KiB block that is
    /// never freed, then frees the large ones: glibc keeps them, since no freed block can merge into the top of its
    /// heap (which it would give back by itself). Returns the child's resident memory, bytes, with them still resident.
    /// </summary>
    public static long LeaveFreedNativeMemory(int mib)
    {
        const int block = 60 * 1024;
        var blocks = new IntPtr[mib * 1024 * 1024 / block];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = System.Runtime.InteropServices.Marshal.AllocHGlobal(block);
            for (var page = 0; page < block; page += 4096)
                System.Runtime.InteropServices.Marshal.WriteByte(blocks[i], page, 1);
            _ = System.Runtime.InteropServices.Marshal.AllocHGlobal(4096);
        }
        foreach (var allocated in blocks)
            System.Runtime.InteropServices.Marshal.FreeHGlobal(allocated);
        return Diagnostics.ResidentMemory.Of(Environment.ProcessId)!.Value;
    }

    private static readonly List<byte[]> s_held = [];

    /// <summary>Allocates and touches <paramref name="megabytes"/> MiB that the child keeps for good; returns the child's pid.</summary>
    public static int HoldMemory(int megabytes)
    {
        for (var i = 0; i < megabytes; i++)
        {
            var block = new byte[1024 * 1024];
            Array.Fill(block, (byte)1);
            lock (s_held)
                s_held.Add(block);
        }
        return Environment.ProcessId;
    }

    /// <summary>Records this child's pid in <paramref name="directory"/>, then returns it once <paramref name="gate"/> exists.</summary>
    public static async Task<int> RecordPidThenWaitForGateAsync(string directory, string gate)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "");
        await WaitForGateAsync(gate);
        return Environment.ProcessId;
    }

    /// <summary>Marks <paramref name="gate"/>.started, waits until <paramref name="gate"/> exists, and returns the child's pid.</summary>
    public static async Task<int> PidWhenGateOpensAsync(string gate)
    {
        await File.WriteAllTextAsync(gate + ".started", "");
        await WaitForGateAsync(gate);
        return Environment.ProcessId;
    }

    /// <summary>Waits until <paramref name="gate"/> exists, and returns its path.</summary>
    public static async Task<string> PathWhenGateOpensAsync(string gate)
    {
        await WaitForGateAsync(gate);
        return gate;
    }

    public static int Twice(int x) => 2 * x;

    public static async ValueTask<string> Join3Async(string a, int b, bool c)
    {
        await Task.Yield();
        return $"{a}-{b}-{c}";
    }

    public static Task<long> Sum4Async(int a, long b, short c, byte d) => Task.FromResult(a + b + c + d);

    public static async Task<bool> WaitForCancellationAsync(int milliseconds, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(milliseconds, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Waits for its token, then writes <paramref name="marker"/> so the test sees the cancellation arrived.</summary>
    public static async Task<bool> MarkWhenCancelledAsync(string marker, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(marker + ".started", "", CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            await File.WriteAllTextAsync(marker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            return true;
        }
    }

    private static readonly object s_fileLock = new();

    /// <summary>Writes <paramref name="path"/>: the side effect an attack would have if it got through.</summary>
    public static int WriteMarker(string path)
    {
        File.WriteAllText(path, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Environment.ProcessId;
    }

    /// <summary>Records this child's pid as a file of its own in <paramref name="directory"/>.</summary>
    public static int RecordPid(string directory)
    {
        Records.Write(directory, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Environment.ProcessId;
    }

    public static async Task AppendLineAsync(string path, string line)
    {
        await Task.Yield();
        lock (s_fileLock)
            File.AppendAllText(path, line + "\n");
    }

    /// <summary>Keeps a thread busy and never looks at a token.</summary>
    public static Task<int> SpinIgnoringTokenAsync(int milliseconds)
    {
        var until = DateTime.UtcNow.AddMilliseconds(milliseconds);
        while (DateTime.UtcNow < until)
            Thread.SpinWait(10_000);
        return Task.FromResult(milliseconds);
    }

    /// <summary>Blocks its thread, as synchronous I/O or CPU-bound code does, and answers with its process.</summary>
    public static int BlockThread(int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return Environment.ProcessId;
    }

    /// <summary>Ends its process with <paramref name="code"/>, as a crash would.</summary>
    public static int ExitProcess(int code)
    {
        Environment.Exit(code);
        return code;
    }

    /// <summary>Records "pid item" when it starts, then sleeps.</summary>
    public static async Task<(int Item, int Pid)> LogStartThenSleepAsync(string directory, int item, int milliseconds)
    {
        Records.Write(directory, $"{Environment.ProcessId} {item}");
        await Task.Delay(milliseconds);
        return (item, Environment.ProcessId);
    }

    public static byte[] EchoBytes(byte[] data) => data;

    public static string EchoString(string text) => text;

    public static Dictionary<int, string> EchoDictionary(Dictionary<int, string> data) => data;

    public static List<PackedPoint> EchoPoints(List<PackedPoint> points) => points;

    /// <summary>Reads its argument, then fails fast the first time (no marker yet); returns the argument's sum the next.</summary>
    public static long SumFailFastOnce(string marker, byte[] data)
    {
        var sum = data.Sum(b => (long)b);
        if (File.Exists(marker))
            return sum;
        File.WriteAllText(marker, "crashed once");
        Environment.FailFast("ActorPool test: a child that fails fast after reading its argument");
        return 0;
    }

    /// <summary>Fails fast the first time (no marker yet), returns 42 the next.</summary>
    public static int FailFastOnceAsync(string marker)
    {
        if (File.Exists(marker))
            return 42;
        File.WriteAllText(marker, "crashed once");
        Environment.FailFast("ActorPool test: a child that fails fast");
        return 0;
    }

    /// <summary>Ignores its token and waits for <paramref name="gate"/> to appear, then writes gate.done.</summary>
    public static async Task<bool> WaitForFileIgnoringTokenAsync(string gate, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        await File.WriteAllTextAsync(gate + ".started", "");
        await WaitForGateAsync(gate);
        await File.WriteAllTextAsync(gate + ".done", "");
        return true;
    }

    public static bool FileExists(string path) => File.Exists(path);

    // Not cancellable: the jobs that wait on a gate either ignore their token on purpose or have none.
    private static async Task WaitForGateAsync(string gate)
    {
        while (!File.Exists(gate))
            await Task.Delay(10, CancellationToken.None);
    }

    /// <summary>Logs a warning through the child's own ActorSystem, and writes a plain line on its standard error.</summary>
    public static int LogFromChild(string marker)
    {
        Akka.Event.LoggingExtensions.Warning(Hosting.ProcessFamily.PoolChildSystem!.Log, "logged in the child: {0}", marker);
        Console.Error.WriteLine($"plain stderr: {marker}");
        return Environment.ProcessId;
    }

    /// <summary>The names of the threads the task starts on and continues on after awaits.</summary>
    public static async Task<string[]> ThreadNamesAsync(int item)
    {
        var names = new List<string> { Thread.CurrentThread.Name ?? "" };
        await Task.Yield();
        names.Add(Thread.CurrentThread.Name ?? "");
        await Task.Delay(5 + item % 3);
        names.Add(Thread.CurrentThread.Name ?? "");
        return [.. names];
    }

    /// <summary>Writes a plain line on standard output and one on standard error, as a task's own code might.</summary>
    public static int PrintFromChild(string marker)
    {
        Console.Out.WriteLine($"plain stdout: {marker}");
        Console.Error.WriteLine($"plain stderr: {marker}");
        return Environment.ProcessId;
    }

    /// <summary>The trace the task's code runs in, as the child sees it: trace id and parent span id.</summary>
    public static string CurrentTrace() =>
        System.Diagnostics.Activity.Current is { } activity ? $"{activity.TraceId}/{activity.ParentSpanId}" : "none";

    public static async Task DelayAsync(int milliseconds) => await Task.Delay(milliseconds);

    public static async Task<int> SleepThenReturnAsync(int milliseconds)
    {
        await Task.Delay(milliseconds);
        return milliseconds;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    public static int ThrowPoisoned(int _) => throw new PoisonedException();

    public static async Task<int> ThrowCustomAsync(int code)
    {
        await Task.Yield();
        throw new JobFailedException(code, $"job {code} failed");
    }

    public static Order EchoOrder(Order order) => order with { Lines = [.. order.Lines, new OrderLine("echo", 1, 0m)] };

    public static Graph EchoGraph(Graph graph) => graph;

    public static byte[] Reverse(byte[] data)
    {
        var copy = (byte[])data.Clone();
        Array.Reverse(copy);
        return copy;
    }

    public static Dictionary<string, int> CountWords(string[] words) =>
        words.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());

    public static void Initialize(string tag)
    {
        Interlocked.Increment(ref s_initialized);
        s_initTag = tag;
    }

    public static (int Pid, int Initialized, string? Tag) InitState(int _) => (Environment.ProcessId, s_initialized, s_initTag);

    /// <summary>
    /// Waits until <paramref name="expected"/> tasks run at once in this child, and reports the most that ever ran at once.
    /// With a lower concurrency than <paramref name="expected"/> it would wait until its 30 s safety limit and fail.
    /// </summary>
    public static async Task<int> RendezvousAsync(int expected)
    {
        var now = Interlocked.Increment(ref s_running);
        InterlockedMax(ref s_maxRunning, now);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            // Only the maximum: a task could see the running count reach the expected one before the task that raised it
            // had published its maximum, and return less (seen once the transport delivered tasks closer together).
            while (Volatile.Read(ref s_maxRunning) < expected)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Only {Volatile.Read(ref s_running)} tasks ran at once; expected {expected}.");
                await Task.Delay(5);
            }
            return Volatile.Read(ref s_maxRunning);
        }
        finally
        {
            Interlocked.Decrement(ref s_running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

public sealed record OrderLine(string Sku, int Quantity, decimal Price);

public sealed record Order(Guid Id, string Customer, OrderLine[] Lines, Dictionary<string, string> Tags);

public sealed class Graph
{
    public string Name { get; set; } = "";

    public List<Graph> Children { get; set; } = [];

    public Graph? Parent { get; set; }
}

public sealed class JobFailedException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}

/// <summary>An exception whose every description throws, as a broken user type can.</summary>
public sealed class PoisonedException : Exception
{
    public override string Message => throw new InvalidOperationException("Message is poisoned");

    public override string? StackTrace => throw new InvalidOperationException("StackTrace is poisoned");

    public override string ToString() => throw new InvalidOperationException("ToString is poisoned");
}
