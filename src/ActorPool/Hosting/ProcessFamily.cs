using Akka.Actor;
using ActorPool.Primitives.Core;
using ActorPool.Security;

namespace ActorPool.Hosting;

/// <summary>
/// This process's place in its family of processes (the root, the pool children and <see cref="ChildProcess"/>
/// children it starts, and theirs): the one process-wide state of ActorPool, each part set once.
/// </summary>
/// <remarks>
/// It is process-wide by nature, not by convenience: a shared primitive is made with no pool in hand
/// (<c>new SharedQueue&lt;T&gt;()</c>) and any family process may call it, so each process has one certificate, one
/// host of the objects made in it, and one client through which it calls objects anywhere in the family. Everything
/// that belongs to one ActorSystem (codec, payload areas, child runtime) is an extension of that system instead.
/// </remarks>
internal static class ProcessFamily
{
    private static readonly object s_lock = new();
    private static byte[]? s_credential;
    private static ChildRole? s_role;
    private static SharedHost? s_host;
    private static bool s_startsItself;

    /// <summary>
    /// The family's certificate with its key (<see cref="PoolCertificate.Load"/> reads it): made on first use in a
    /// root process, handed on to every child, and pinned by every ActorSystem of the family, so that any of them can
    /// reach a shared primitive hosted in any other and no process outside the family can reach any of them.
    /// </summary>
    public static byte[] Credential
    {
        get
        {
            lock (s_lock)
                return s_credential ??= PoolCertificate.Create();
        }
    }

    /// <summary>In a child, first thing: takes the certificate its parent handed over.</summary>
    /// <exception cref="InvalidOperationException">This process has a certificate already.</exception>
    public static void Adopt(byte[] credential)
    {
        lock (s_lock)
        {
            if (s_credential is not null)
                throw new InvalidOperationException("This process already belongs to a process family.");
            s_credential = credential;
        }
    }

    /// <summary>In a child, once it knows: which kind of child it is.</summary>
    /// <exception cref="InvalidOperationException">The role was set already.</exception>
    public static void Became(ChildRole role)
    {
        lock (s_lock)
        {
            if (s_role is not null)
                throw new InvalidOperationException($"This process is a child already ({s_role}).");
            s_role = role;
        }
    }

    /// <summary>The application calls <see cref="ActorPoolHost.TryRunChild"/>: it can be started as a child of itself.</summary>
    public static void CanStartItselfAsChild() => Volatile.Write(ref s_startsItself, true);

    /// <summary>True once the application has said it can be started as a child of itself.</summary>
    public static bool StartsItselfAsChild => Volatile.Read(ref s_startsItself);

    /// <summary>In a pool child, its ActorSystem (shared primitives made in the child live there); null in any other process.</summary>
    public static ExtendedActorSystem? PoolChildSystem
    {
        get
        {
            lock (s_lock)
                return (s_role as ChildRole.PoolChild)?.System;
        }
    }

    /// <summary>This process's host of shared primitives and client of them, started on first use.</summary>
    public static SharedHost SharedHost
    {
        get
        {
            lock (s_lock)
            {
                if (s_host is not null)
                    return s_host;
                // In a pool child that runs with TLS, its own ActorSystem hosts the objects; elsewhere a system of their own.
                // (The lock is reentrant: PoolChildSystem and Credential take it again.)
                var childSystem = PoolChildSystem;
                s_host = childSystem is not null && childSystem.Settings.Config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl")
                    ? new SharedHost(childSystem)
                    : SharedHost.StartOwnSystem(Credential);
                if (s_role is ChildRole.SingleChild single)
                    single.HostStarted(s_host.System.Provider.DefaultAddress, Akka.Remote.AddressUidExtension.Uid(s_host.System));
                return s_host;
            }
        }
    }

    /// <summary>
    /// A child process of this one exited: its actors are gone. The shared objects hosted here, and the calls this
    /// process waits on, are told at once instead of after Akka.Remote's failure detector gives up on the address.
    /// </summary>
    public static void MemberExited(Address address, int uid)
    {
        SharedHost? host;
        lock (s_lock)
            host = s_host;
        host?.MemberExited(address, uid);
    }
}

/// <summary>What kind of child this process is.</summary>
internal abstract record ChildRole
{
    private ChildRole()
    {
    }

    /// <summary>A pool child, with its ActorSystem.</summary>
    public sealed record PoolChild(ExtendedActorSystem System) : ChildRole;

    /// <summary>
    /// A <see cref="ChildProcess"/> child: if its target uses shared primitives, the host it starts for them is told
    /// to <paramref name="HostStarted"/>, which tells the parent, so that the parent can drop them at once when this
    /// child dies.
    /// </summary>
    public sealed record SingleChild(Action<Address, int> HostStarted) : ChildRole;
}
