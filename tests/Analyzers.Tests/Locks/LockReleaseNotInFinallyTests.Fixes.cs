using Forklift.Analyzers.Locks;
using Forklift.Analyzers.Tests.Verifiers;
using Forklift.CodeFixes.Locks;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer,
    Forklift.CodeFixes.Locks.LockReleaseNotInFinallyCodeFix>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>FL2001 code fixes: lock statement, EnterScope, duplicate releases and Fix All.</summary>
public partial class LockReleaseNotInFinallyTests
{
    [Fact]
    public Task MonitorPair_CanUseLockStatement()
        => VerifyFixAsync(
            Class("private readonly object _gate = new();", """
                int M(bool done)
                {
                    [|Monitor.Enter(_gate)|];
                    if (done)
                    {
                        Monitor.Exit(_gate);
                        return 1;
                    }

                    Work();
                    Monitor.Exit(_gate);
                    return 0;
                }
            """),
            Class("private readonly object _gate = new();", """
                int M(bool done)
                {
                    lock (_gate)
                    {
                        if (done)
                        {
                            return 1;
                        }

                        Work();
                    }
                    return 0;
                }
            """),
            equivalenceKey: LockReleaseNotInFinallyCodeFix.UseLockStatementKey);

    [Fact]
    public Task LockPair_CanUseEnterScope()
        => VerifyFixAsync(
            Class("private readonly Lock _gate = new();", """
                void M()
                {
                    [|_gate.Enter()|];
                    Work();
                    _gate.Exit();
                }
            """),
            Class("private readonly Lock _gate = new();", """
                void M()
                {
                    using (_gate.EnterScope())
                    {
                        Work();
                    }
                }
            """),
            net9: true,
            equivalenceKey: LockReleaseNotInFinallyCodeFix.UseEnterScopeKey);

    [Fact]
    public Task EarlyExitWithItsOwnRelease_FixRemovesTheDuplicateRelease()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                int M(bool done)
                {
                    [|_gate.Wait()|];
                    if (done)
                    {
                        _gate.Release();
                        return 1;
                    }

                    Work();
                    _gate.Release();
                    return 0;
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                int M(bool done)
                {
                    _gate.Wait();
                    try
                    {
                        if (done)
                        {
                            return 1;
                        }

                        Work();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                    return 0;
                }
            """));

    [Fact]
    public Task FixAll_FixesEveryMethod()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly object _o = new();", """
                void A()
                {
                    [|_gate.Wait()|];
                    Work();
                    _gate.Release();
                }

                void B()
                {
                    [|Monitor.Enter(_o)|];
                    Work();
                    Monitor.Exit(_o);
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly object _o = new();", """
                void A()
                {
                    _gate.Wait();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                void B()
                {
                    Monitor.Enter(_o);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Monitor.Exit(_o);
                    }
                }
            """));

    [Fact]
    public Task LockStatementIsNotOfferedAcrossAwait()
    {
        // A lock statement cannot contain await; only "Release in finally" applies, so asking for the lock fix changes nothing.
        var source = Class("private readonly object _gate = new();", """
                async Task M()
                {
                    [|Monitor.Enter(_gate)|];
                    await Task.Yield();
                    Monitor.Exit(_gate);
                }
            """);
        return new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = LockReleaseNotInFinallyCodeFix.UseLockStatementKey,
        }.RunAsync();
    }

    [Fact]
    public Task NormalPathOnly_OffersNoFix()
    {
        var source = Class("private readonly object _gate = new();", """
                void M()
                {
                    try
                    {
                        [|Monitor.Enter(_gate)|];
                        Work();
                        Monitor.Exit(_gate);
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            """);
        return new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public Task NestedBlocksAndLocalsAreFollowed()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void Inert()
                {
                    _gate.Wait();
                    int count = 0;
                    try { count++; } finally { _gate.Release(); }
                }

                void Nested(bool c)
                {
                    if (c)
                    {
                        {
                            [|_gate.Wait()|];
                            Work();
                        }

                        _gate.Release();
                    }
                }

                void LocalGate()
                {
                    var local = new SemaphoreSlim(1);
                    [|local.Wait()|];
                    Work();
                    local.Release();
                }
            """));

    [Fact]
    public Task FixAll_FixesSequentialPairsInOneMethod()
        => VerifyFixAsync(
            Class("private readonly ReaderWriterLockSlim _gate = new();", """
                void M()
                {
                    [|_gate.EnterReadLock()|];
                    Work();
                    _gate.ExitReadLock();
                    [|_gate.EnterWriteLock()|];
                    Work();
                    _gate.ExitWriteLock();
                }
            """),
            Class("private readonly ReaderWriterLockSlim _gate = new();", """
                void M()
                {
                    _gate.EnterReadLock();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.ExitReadLock();
                    }
                    _gate.EnterWriteLock();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }
                }
            """));

    [Fact]
    public Task FlagOrResultTestedBeforeTheTry_IsSilent()
        => VerifyAsync(
            Class("private readonly object _gate = new(); private readonly SemaphoreSlim _s = new(1, 1);", """
                void Flag()
                {
                    bool taken = false;
                    Monitor.TryEnter(_gate, 100, ref taken);
                    if (taken)
                    {
                        try { Work(); } finally { Monitor.Exit(_gate); }
                    }
                }

                void Result()
                {
                    bool ok = _s.Wait(100);
                    if (!ok)
                    {
                        return;
                    }

                    try { Work(); } finally { _s.Release(); }
                }

                void FlagWithoutFinally()
                {
                    bool taken = false;
                    [|Monitor.TryEnter(_gate, 100, ref taken)|];
                    Work();
                    if (taken) Monitor.Exit(_gate);
                }
            """));

    [Fact]
    public Task FlagShapes_MoveTheGuardedReleaseIntoFinally_AlsoByFixAll()
        => VerifyFixAsync(
            Class("private readonly object _gate = new(); private SpinLock _spin = new(false);", """
                void A()
                {
                    bool taken = false;
                    [|Monitor.TryEnter(_gate, 100, ref taken)|];
                    Work();
                    if (taken) Monitor.Exit(_gate);
                }

                void B()
                {
                    bool taken = false;
                    [|_spin.Enter(ref taken)|];
                    Work();
                    if (taken)
                    {
                        _spin.Exit();
                    }
                }
            """),
            Class("private readonly object _gate = new(); private SpinLock _spin = new(false);", """
                void A()
                {
                    bool taken = false;
                    Monitor.TryEnter(_gate, 100, ref taken);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_gate);
                    }
                }

                void B()
                {
                    bool taken = false;
                    _spin.Enter(ref taken);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (taken)
                        {
                            _spin.Exit();
                        }
                    }
                }
            """));
}
