// Start overloads for 0 to 4 arguments, async, async with a token, and sync.
using System.Runtime.CompilerServices;

namespace ActorPool;

public partial class ChildProcess
{
    /// <summary>Starts a child process running an async target with 0 argument(s).</summary>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start(Func<Task> target, ChildProcessOptions? options = null) =>
        new(target, [], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 0 argument(s).</summary>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start(Func<CancellationToken, Task> target, ChildProcessOptions? options = null) =>
        new(target, [], options);

    /// <summary>Starts a child process running a synchronous target with 0 argument(s).</summary>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static ChildProcess Start(Action target, ChildProcessOptions? options = null) =>
        new(target, [], options);

    /// <summary>Starts a child process running an async target with 1 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1>(Func<T1, Task> target, T1 a1, ChildProcessOptions? options = null) =>
        new(target, [a1], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 1 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1>(Func<T1, CancellationToken, Task> target, T1 a1, ChildProcessOptions? options = null) =>
        new(target, [a1], options);

    /// <summary>Starts a child process running a synchronous target with 1 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static ChildProcess Start<T1>(Action<T1> target, T1 a1, ChildProcessOptions? options = null) =>
        new(target, [a1], options);

    /// <summary>Starts a child process running an async target with 2 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1, T2>(Func<T1, T2, Task> target, T1 a1, T2 a2, ChildProcessOptions? options = null) =>
        new(target, [a1, a2], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 2 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1, T2>(Func<T1, T2, CancellationToken, Task> target, T1 a1, T2 a2, ChildProcessOptions? options = null) =>
        new(target, [a1, a2], options);

    /// <summary>Starts a child process running a synchronous target with 2 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static ChildProcess Start<T1, T2>(Action<T1, T2> target, T1 a1, T2 a2, ChildProcessOptions? options = null) =>
        new(target, [a1, a2], options);

    /// <summary>Starts a child process running an async target with 3 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1, T2, T3>(Func<T1, T2, T3, Task> target, T1 a1, T2 a2, T3 a3, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 3 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1, T2, T3>(Func<T1, T2, T3, CancellationToken, Task> target, T1 a1, T2 a2, T3 a3, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3], options);

    /// <summary>Starts a child process running a synchronous target with 3 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static ChildProcess Start<T1, T2, T3>(Action<T1, T2, T3> target, T1 a1, T2 a2, T3 a3, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3], options);

    /// <summary>Starts a child process running an async target with 4 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="a4">The fourth argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1, T2, T3, T4>(Func<T1, T2, T3, T4, Task> target, T1 a1, T2 a2, T3 a3, T4 a4, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3, a4], options);

    /// <summary>Starts a child process running an async target that takes the token Terminate cancels with 4 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="a4">The fourth argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    [OverloadResolutionPriority(1)] // an async lambda also fits Action; prefer Func<Task>
    public static ChildProcess Start<T1, T2, T3, T4>(Func<T1, T2, T3, T4, CancellationToken, Task> target, T1 a1, T2 a2, T3 a3, T4 a4, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3, a4], options);

    /// <summary>Starts a child process running a synchronous target with 4 argument(s).</summary>
    /// <typeparam name="T1">Type of the first argument.</typeparam>
    /// <typeparam name="T2">Type of the second argument.</typeparam>
    /// <typeparam name="T3">Type of the third argument.</typeparam>
    /// <typeparam name="T4">Type of the fourth argument.</typeparam>
    /// <param name="target">The task function to run in the child.</param>
    /// <param name="a1">The first argument.</param>
    /// <param name="a2">The second argument.</param>
    /// <param name="a3">The third argument.</param>
    /// <param name="a4">The fourth argument.</param>
    /// <param name="options">The child's options; null for the defaults.</param>
    /// <returns>The started child.</returns>
    /// <exception cref="ArgumentException">The target or its arguments cannot be sent to a child.</exception>
    public static ChildProcess Start<T1, T2, T3, T4>(Action<T1, T2, T3, T4> target, T1 a1, T2 a2, T3 a3, T4 a4, ChildProcessOptions? options = null) =>
        new(target, [a1, a2, a3, a4], options);
}
