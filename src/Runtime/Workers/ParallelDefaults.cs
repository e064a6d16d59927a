using System.Diagnostics.CodeAnalysis;

namespace Forklift;

/// <summary>
/// The pool that generated <c>[Parallel]</c> methods use when they are not given one (the overloads without an
/// <see cref="IWorkerPool"/> parameter).
/// </summary>
/// <remarks>
/// <para>Until something sets <see cref="Pool"/>, it is <see cref="WorkerPool.Default"/> (configure that one with
/// <see cref="WorkerPool.ConfigureDefault"/>). In an app built on Microsoft.Extensions.Hosting, <c>AddForklift()</c>
/// from the <c>Forklift.Hosting</c> package makes the host's pool the default while the host runs.</para>
/// <para>The setting is process-wide, not per async flow, so a pool set at start-up is seen by every request thread.
/// Reading it is a volatile read: cheap on every call.</para>
/// </remarks>
public static class ParallelDefaults
{
    private static IWorkerPool? _pool;

    /// <summary>
    /// The pool generated methods use when they are not given one. Setting <see langword="null"/> goes back to
    /// <see cref="WorkerPool.Default"/>, which is created on first use.
    /// </summary>
    [AllowNull]
    public static IWorkerPool Pool
    {
        get => Volatile.Read(ref _pool) ?? WorkerPool.Default;
        set => Volatile.Write(ref _pool, value);
    }

    /// <summary>
    /// Makes <paramref name="pool"/> the default until the returned scope is disposed, which restores the previous
    /// setting unless someone else replaced <paramref name="pool"/> in the meantime.
    /// </summary>
    /// <remarks>For tests and hosts: <c>using var scope = ParallelDefaults.Use(pool);</c>. Scopes nest; dispose them in
    /// reverse order.</remarks>
    public static IDisposable Use(IWorkerPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        IWorkerPool? previous = Interlocked.Exchange(ref _pool, pool);
        return new Scope(pool, previous);
    }

    private sealed class Scope(IWorkerPool current, IWorkerPool? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                // Only undo our own change: if a later scope or assignment replaced it, that one wins.
                Interlocked.CompareExchange(ref _pool, previous, current);
            }
        }
    }
}
