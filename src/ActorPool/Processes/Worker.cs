// Start overloads for 0 to 4 arguments, async, async with a token, and sync.
using System.Runtime.CompilerServices;

namespace ActorPool;

/// <summary>Starts <see cref="Worker{R}"/>s: child processes that return their target's result.</summary>
public static class Worker
{
    /// <summary>Starts a child process running an async target with 0 argument(s), and gives its result.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<R>(Func<Task<R>> target, ChildProcessOptions? options = null) =>
        new(target, [], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 0 argument(s), and gives its result.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<R>(Func<CancellationToken, Task<R>> target, ChildProcessOptions? options = null) =>
        new(target, [], options);

    /// <summary>Starts a child process running a synchronous target with 0 argument(s), and gives its result.</summary>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static Worker<R> Start<R>(Func<R> target, ChildProcessOptions? options = null) =>
        new(target, [], options);

    /// <summary>Starts a child process running an async target with 1 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, R>(Func<T1, Task<R>> target, T1 a1, ChildProcessOptions? options = null) =>
        new(target, [a1], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 1 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, R>(Func<T1, CancellationToken, Task<R>> target, T1 a1, ChildProcessOptions? options = null) =>
        new(target, [a1], options);

    /// <summary>Starts a child process running a synchronous target with 1 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static Worker<R> Start<T1, R>(Func<T1, R> target, T1 a1, ChildProcessOptions? options = null) =>
        new(target, [a1], options);

    /// <summary>Starts a child process running an async target with 2 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, T2, R>(Func<T1, T2, Task<R>> target, T1 a1, T2 a2, ChildProcessOptions? options = null) =>
        new(target, [a1, a2], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 2 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, T2, R>(Func<T1, T2, CancellationToken, Task<R>> target, T1 a1, T2 a2, ChildProcessOptions? options = null) =>
        new(target, [a1, a2], options);

    /// <summary>Starts a child process running a synchronous target with 2 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static Worker<R> Start<T1, T2, R>(Func<T1, T2, R> target, T1 a1, T2 a2, ChildProcessOptions? options = null) =>
        new(target, [a1, a2], options);

    /// <summary>Starts a child process running an async target with 3 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, T2, T3, R>(Func<T1, T2, T3, Task<R>> target, T1 a1, T2 a2, T3 a3, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 3 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, T2, T3, R>(Func<T1, T2, T3, CancellationToken, Task<R>> target, T1 a1, T2 a2, T3 a3, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3], options);

    /// <summary>Starts a child process running a synchronous target with 3 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static Worker<R> Start<T1, T2, T3, R>(Func<T1, T2, T3, R> target, T1 a1, T2 a2, T3 a3, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3], options);

    /// <summary>Starts a child process running an async target with 4 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="a4">The fourth argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, Task<R>> target, T1 a1, T2 a2, T3 a3, T4 a4, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3, a4], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 4 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="a4">The fourth argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Func<R>; prefer Func<Task<R>>
    public static Worker<R> Start<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, CancellationToken, Task<R>> target, T1 a1, T2 a2, T3 a3, T4 a4, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3, a4], options);

    /// <summary>Starts a child process running a synchronous target with 4 argument(s), and gives its result.</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <typeparam name="R">Type of the result.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="a4">The fourth argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started worker; await it, or its <see cref="Worker{R}.Result"/>, for the result.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static Worker<R> Start<T1, T2, T3, T4, R>(Func<T1, T2, T3, T4, R> target, T1 a1, T2 a2, T3 a3, T4 a4, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3, a4], options);
}
