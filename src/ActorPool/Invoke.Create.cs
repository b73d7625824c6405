// Overloads for 0 to 4 arguments, each return shape, with and without a trailing CancellationToken.
using System.Runtime.CompilerServices;

namespace ActorPool;

public sealed partial class Invoke
{
    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns R.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<R>(Func<R> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns R. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<R>(Func<CancellationToken, R> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns Task&lt;R&gt;.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<R>(Func<Task<R>> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns Task&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<R>(Func<CancellationToken, Task<R>> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns ValueTask&lt;R&gt;.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<R>(Func<ValueTask<R>> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns ValueTask&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<R>(Func<CancellationToken, ValueTask<R>> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns Task.</summary>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create(Func<Task> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns Task. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create(Func<CancellationToken, Task> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns ValueTask.</summary>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create(Func<ValueTask> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 0 argument(s); the function returns ValueTask. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create(Func<CancellationToken, ValueTask> fn) => From(fn);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns R.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, R>(Func<T1, R> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns R. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, R>(Func<T1, CancellationToken, R> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns Task&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, R>(Func<T1, Task<R>> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns Task&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, R>(Func<T1, CancellationToken, Task<R>> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns ValueTask&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, R>(Func<T1, ValueTask<R>> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns ValueTask&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, R>(Func<T1, CancellationToken, ValueTask<R>> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns Task.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1>(Func<T1, Task> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns Task. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1>(Func<T1, CancellationToken, Task> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns ValueTask.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1>(Func<T1, ValueTask> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 1 argument(s); the function returns ValueTask. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1>(Func<T1, CancellationToken, ValueTask> fn, T1 a1) => From(fn, a1);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns R.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, R>(Func<T1, T2, R> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns R. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, R>(Func<T1, T2, CancellationToken, R> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns Task&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, R>(Func<T1, T2, Task<R>> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns Task&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, R>(Func<T1, T2, CancellationToken, Task<R>> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns ValueTask&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, R>(Func<T1, T2, ValueTask<R>> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns ValueTask&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, R>(Func<T1, T2, CancellationToken, ValueTask<R>> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns Task.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2>(Func<T1, T2, Task> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns Task. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2>(Func<T1, T2, CancellationToken, Task> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns ValueTask.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2>(Func<T1, T2, ValueTask> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 2 argument(s); the function returns ValueTask. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2>(Func<T1, T2, CancellationToken, ValueTask> fn, T1 a1, T2 a2) => From(fn, a1, a2);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns R.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, R>(Func<T1, T2, T3, R> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns R. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, R>(Func<T1, T2, T3, CancellationToken, R> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns Task&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3, R>(Func<T1, T2, T3, Task<R>> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns Task&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3, R>(Func<T1, T2, T3, CancellationToken, Task<R>> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns ValueTask&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, R>(Func<T1, T2, T3, ValueTask<R>> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns ValueTask&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, R>(Func<T1, T2, T3, CancellationToken, ValueTask<R>> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns Task.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3>(Func<T1, T2, T3, Task> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns Task. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3>(Func<T1, T2, T3, CancellationToken, Task> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns ValueTask.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3>(Func<T1, T2, T3, ValueTask> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 3 argument(s); the function returns ValueTask. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3>(Func<T1, T2, T3, CancellationToken, ValueTask> fn, T1 a1, T2 a2, T3 a3) => From(fn, a1, a2, a3);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns R.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, R> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns R. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, CancellationToken, R> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns Task&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, Task<R>> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns Task&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, CancellationToken, Task<R>> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns ValueTask&lt;R&gt;.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, ValueTask<R>> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns ValueTask&lt;R&gt;. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, CancellationToken, ValueTask<R>> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns Task.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3, T4>(Func<T1, T2, T3, T4, Task> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns Task. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits the ValueTask overload; prefer Task
    public static Invoke Create<T1, T2, T3, T4>(Func<T1, T2, T3, T4, CancellationToken, Task> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns ValueTask.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, T4>(Func<T1, T2, T3, T4, ValueTask> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);

    /// <summary>Runs <paramref name="fn"/> in a child process with 4 argument(s); the function returns ValueTask. The token the function receives is cancelled when the caller's token is, when the task times out, or when the pool is terminated.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="fn">The task function: a static method, a lambda, or a closure whose captured state serializes.</param>
    /// <param name="a1">The first argument; it is serialized and sent to the child.</param>
    /// <param name="a2">The second argument; it is serialized and sent to the child.</param>
    /// <param name="a3">The third argument; it is serialized and sent to the child.</param>
    /// <param name="a4">The fourth argument; it is serialized and sent to the child.</param>
    /// <returns>The message to send to <see cref="ProcessPool.Router"/>.</returns>
    /// <exception cref="ArgumentException">The function or its arguments cannot be sent to a child.</exception>
    public static Invoke Create<T1, T2, T3, T4>(Func<T1, T2, T3, T4, CancellationToken, ValueTask> fn, T1 a1, T2 a2, T3 a3, T4 a4) => From(fn, a1, a2, a3, a4);
}
