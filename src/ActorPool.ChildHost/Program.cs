using System.Reflection;

// The child host has no compile-time reference to ActorPool (ActorPool references this project so that the
// host lands in the caller's output folder). It is launched against the caller's deps.json, which lists
// ActorPool, so the entry point is found by name.
var entry = Type.GetType("ActorPool.Child.ChildEntryPoint, ActorPool", throwOnError: true)!
    .GetMethod("RunAsync", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
return await (Task<int>)entry.Invoke(null, [args])!;
