namespace Forklift.Analyzers.Tests.Locks;

/// <summary>
/// One row per acquisition kind that blocks until it holds the lock: the field that declares the lock, the acquire,
/// and its matching release, each as C# text. Tests substitute them into one template so every kind meets every shape.
/// </summary>
public static class LockKinds
{
    public static TheoryData<string, string, string, bool> Unconditional => new()
    {
        { "private readonly object _gate = new();", "Monitor.Enter(_gate)", "Monitor.Exit(_gate)", false },
        { "private readonly Lock _gate = new();", "_gate.Enter()", "_gate.Exit()", true },
        { "private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait()", "_gate.Release()", false },
        { "private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait(CancellationToken.None)", "_gate.Release()", false },
        { "private readonly Semaphore _gate = new(1, 1);", "_gate.WaitOne()", "_gate.Release()", false },
        { "private readonly Mutex _gate = new();", "_gate.WaitOne()", "_gate.ReleaseMutex()", false },
        { "private readonly ReaderWriterLockSlim _gate = new();", "_gate.EnterReadLock()", "_gate.ExitReadLock()", false },
        { "private readonly ReaderWriterLockSlim _gate = new();", "_gate.EnterWriteLock()", "_gate.ExitWriteLock()", false },
        { "private readonly ReaderWriterLockSlim _gate = new();", "_gate.EnterUpgradeableReadLock()", "_gate.ExitUpgradeableReadLock()", false },
        { "private readonly ReaderWriterLock _gate = new();", "_gate.AcquireReaderLock(1000)", "_gate.ReleaseReaderLock()", false },
        { "private readonly ReaderWriterLock _gate = new();", "_gate.AcquireWriterLock(1000)", "_gate.ReleaseWriterLock()", false },
    };

    /// <summary>Acquisitions that return <see langword="false"/> when the lock was not taken.</summary>
    public static TheoryData<string, string, string, bool> Conditional => new()
    {
        { "private readonly object _gate = new();", "Monitor.TryEnter(_gate)", "Monitor.Exit(_gate)", false },
        { "private readonly object _gate = new();", "Monitor.TryEnter(_gate, 100)", "Monitor.Exit(_gate)", false },
        { "private readonly object _gate = new();", "Monitor.TryEnter(_gate, TimeSpan.FromSeconds(1))", "Monitor.Exit(_gate)", false },
        { "private readonly Lock _gate = new();", "_gate.TryEnter()", "_gate.Exit()", true },
        { "private readonly Lock _gate = new();", "_gate.TryEnter(100)", "_gate.Exit()", true },
        { "private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait(100)", "_gate.Release()", false },
        { "private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait(TimeSpan.FromSeconds(1), CancellationToken.None)", "_gate.Release()", false },
        { "private readonly Semaphore _gate = new(1, 1);", "_gate.WaitOne(100)", "_gate.Release()", false },
        { "private readonly Mutex _gate = new();", "_gate.WaitOne(TimeSpan.FromSeconds(1))", "_gate.ReleaseMutex()", false },
        { "private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterReadLock(100)", "_gate.ExitReadLock()", false },
        { "private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterWriteLock(100)", "_gate.ExitWriteLock()", false },
        { "private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterUpgradeableReadLock(100)", "_gate.ExitUpgradeableReadLock()", false },
    };

    public static string Class(string field, string body) => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            {{field}}

        {{body}}

            void Work() { }
        }
        """;
}
