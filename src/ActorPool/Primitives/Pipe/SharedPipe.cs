namespace ActorPool;

/// <summary>Makes pipes: two connected ends that processes of a family pass to tasks and talk through.</summary>
public static class SharedPipe
{
    /// <summary>Creates a pipe hosted in this process.</summary>
    /// <typeparam name="T">The type of the messages.</typeparam>
    /// <param name="duplex">True (the default): both ends send and receive. False: the first end only receives,
    /// the second only sends, as with aioprocessing's <c>Pipe(duplex=False)</c>.</param>
    /// <returns>The two ends; a message sent on one is received on the other, in order.</returns>
    public static (PipeEnd<T> First, PipeEnd<T> Second) Create<T>(bool duplex = true)
    {
        var toFirst = new SharedQueue<T>();
        var toSecond = duplex ? new SharedQueue<T>() : null;
        return (new PipeEnd<T>(send: toSecond, receive: toFirst), new PipeEnd<T>(send: toFirst, receive: toSecond));
    }
}
