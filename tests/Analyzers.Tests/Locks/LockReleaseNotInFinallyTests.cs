using Forklift.Analyzers.Locks;
using Forklift.Analyzers.Tests.Verifiers;
using Forklift.CodeFixes.Locks;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer,
    Forklift.CodeFixes.Locks.LockReleaseNotInFinallyCodeFix>;

namespace Forklift.Analyzers.Tests.Locks;

public class LockReleaseNotInFinallyTests
{
    private const string NoFinallyMessage = "no try/finally releases it, so an exception before the release leaves it held";
    private const string EarlyExitMessage = "an early exit between the acquire and the release skips the release";

    private static Task VerifyAsync(string source, bool net9 = false, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, ReferenceAssemblies = net9 ? TestReferences.Net90 : TestReferences.Net80 };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFixAsync(string source, string fixedSource, bool net9 = false, string? equivalenceKey = null)
        => new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = net9 ? TestReferences.Net90 : TestReferences.Net80,
            CodeActionEquivalenceKey = equivalenceKey ?? LockReleaseNotInFinallyCodeFix.ReleaseInFinallyKey,
        }.RunAsync();

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task NoTryFinally_IsReportedAndWrappedInTryFinally(string field, string acquire, string release, bool net9)
        => VerifyFixAsync(
            Class(field, $$"""
                void M()
                {
                    [|{{acquire}}|];
                    Work();
                    {{release}};
                }
            """),
            Class(field, $$"""
                void M()
                {
                    {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task AcquireThenTryFinally_IsSilent(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task StatementBetweenAcquireAndTry_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    {|#0:{{acquire}}|};
                    Work();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "a statement between the acquire and the try block can throw before the finally is in place"));

    [Fact]
    public Task StatementBetweenAcquireAndTry_IsMovedIntoTry()
        => VerifyFixAsync(
            Class("private readonly ReaderWriterLockSlim _gate = new();", """
                void M()
                {
                    [|_gate.EnterWriteLock()|];
                    Work();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }
                }
            """),
            Class("private readonly ReaderWriterLockSlim _gate = new();", """
                void M()
                {
                    _gate.EnterWriteLock();
                    try
                    {
                        Work();
                        Work();
                    }
                    finally
                    {
                        _gate.ExitWriteLock();
                    }
                }
            """),
            equivalenceKey: LockReleaseNotInFinallyCodeFix.MoveIntoTryKey);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task EarlyExitSkippingTheRelease_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void Return(bool done)
                {
                    {|#0:{{acquire}}|};
                    if (done)
                    {
                        return;
                    }

                    Work();
                    {{release}};
                }

                void Throw(bool bad)
                {
                    {|#1:{{acquire}}|};
                    if (bad) throw new InvalidOperationException();
                    {{release}};
                }

                void Continue(int[] items)
                {
                    foreach (var item in items)
                    {
                        {|#2:{{acquire}}|};
                        if (item < 0) continue;
                        {{release}};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", EarlyExitMessage),
            Verify.Diagnostic().WithLocation(1).WithArguments("_gate", EarlyExitMessage),
            Verify.Diagnostic().WithLocation(2).WithArguments("_gate", EarlyExitMessage));

    [Fact]
    public Task EarlyReturnSkippingTheRelease_IsWrappedInTryFinally()
        => VerifyFixAsync(
            Class("private readonly Mutex _gate = new();", """
                void M(bool done)
                {
                    [|_gate.WaitOne()|];
                    if (done)
                    {
                        return;
                    }

                    Work();
                    _gate.ReleaseMutex();
                }
            """),
            Class("private readonly Mutex _gate = new();", """
                void M(bool done)
                {
                    _gate.WaitOne();
                    try
                    {
                        if (done)
                        {
                            return;
                        }

                        Work();
                    }
                    finally
                    {
                        _gate.ReleaseMutex();
                    }
                }
            """));

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task ReleaseOnlyOnTheNormalPath_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    try
                    {
                        {|#0:{{acquire}}|};
                        Work();
                        {{release}};
                    }
                    catch (InvalidOperationException)
                    {
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "_gate",
                "it is released only on the normal path, not in a finally block"));

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task IgnoredTryResult_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    {|#0:{{acquire}}|};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "_gate",
                $"the result of '{acquire.Split('(')[0].Split('.')[1]}' is ignored, so the code after it runs whether or not the lock was taken"));

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task CheckedTryResult_IsSilent(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void Positive()
                {
                    if ({{acquire}})
                    {
                        try
                        {
                            Work();
                        }
                        finally
                        {
                            {{release}};
                        }
                    }
                }

                void Negative()
                {
                    if (!{{acquire}})
                    {
                        return;
                    }

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }

                void Stored()
                {
                    bool taken = {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (taken)
                        {
                            {{release}};
                        }
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task CheckedTryResultWithoutFinally_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    if ([|{{acquire}}|])
                    {
                        Work();
                        {{release}};
                    }
                }
            """),
            net9);

    [Fact]
    public Task MessageNamesTheLockAndTheProblem()
        => VerifyAsync(
            Class("private static readonly object s_gate = new();", """
                void M()
                {
                    {|#0:Monitor.Enter(s_gate)|};
                    Work();
                    Monitor.Exit(s_gate);
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments("s_gate", NoFinallyMessage));

    [Fact]
    public Task LockStatementAndEnterScope_AreSilent()
        => VerifyAsync(
            Class("private readonly Lock _gate = new(); private readonly object _o = new();", """
                void M()
                {
                    lock (_o)
                    {
                        Work();
                    }

                    using (_gate.EnterScope())
                    {
                        Work();
                    }

                    lock (_gate)
                    {
                        Work();
                    }
                }
            """),
            true);

    [Fact]
    public Task LockTakenPatterns_AreSilent()
        => VerifyAsync(
            Class("private readonly object _gate = new(); private SpinLock _spin = new(false);", """
                void Monitor1()
                {
                    bool taken = false;
                    try
                    {
                        Monitor.Enter(_gate, ref taken);
                        Work();
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_gate);
                    }
                }

                void Monitor2()
                {
                    bool taken = false;
                    try
                    {
                        Monitor.TryEnter(_gate, 100, ref taken);
                        if (taken) Work();
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_gate);
                    }
                }

                void Spin1()
                {
                    bool taken = false;
                    try
                    {
                        _spin.Enter(ref taken);
                        Work();
                    }
                    finally
                    {
                        if (taken) _spin.Exit();
                    }
                }

                void Spin2()
                {
                    bool taken = false;
                    try
                    {
                        _spin.TryEnter(100, ref taken);
                        Work();
                    }
                    finally
                    {
                        if (taken) _spin.Exit(false);
                    }
                }
            """));

    [Fact]
    public Task SpinLockWithoutFinally_IsReported()
        => VerifyFixAsync(
            Class("private SpinLock _spin = new(false);", """
                void M()
                {
                    bool taken = false;
                    [|_spin.Enter(ref taken)|];
                    Work();
                    _spin.Exit();
                }
            """),
            Class("private SpinLock _spin = new(false);", """
                void M()
                {
                    bool taken = false;
                    _spin.Enter(ref taken);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _spin.Exit();
                    }
                }
            """));

    [Fact]
    public Task ReleaseInHelperCalledFromFinally_IsSilent()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M()
                {
                    // The direct release below pairs with both acquires; the helpers in their finally blocks count.
                    _gate.Wait();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Leave();
                    }

                    var releaser = new Releaser(_gate);
                    _gate.Wait();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        releaser.Dispose();
                    }

                    _gate.Wait();
                    try { Work(); } finally { _gate.Release(); }
                }

                void Leave() => _gate.Release();

                sealed class Releaser : IDisposable
                {
                    private readonly SemaphoreSlim _s;
                    public Releaser(SemaphoreSlim s) => _s = s;
                    public void Dispose() => _s.Release();
                }
            """));

    [Fact]
    public Task MethodReturningADisposableReleaser_IsSilent()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                public async Task<IDisposable> LockAsync(CancellationToken ct)
                {
                    await _gate.WaitAsync(ct);
                    return new Releaser(this);
                }

                public IDisposable Lock()
                {
                    _gate.Wait();
                    return new Releaser(this);
                }

                sealed class Releaser : IDisposable
                {
                    private readonly C _owner;
                    public Releaser(C owner) => _owner = owner;
                    public void Dispose() => _owner._gate.Release();
                }

                async Task UseAsync()
                {
                    using (await LockAsync(CancellationToken.None))
                    {
                        Work();
                    }
                }
            """));

    [Fact]
    public Task WaitAsync_WithoutFinally_IsReportedAndFixed()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task M(CancellationToken ct)
                {
                    await [|_gate.WaitAsync(ct)|];
                    await Task.Yield();
                    _gate.Release();
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task M(CancellationToken ct)
                {
                    await _gate.WaitAsync(ct);
                    try
                    {
                        await Task.Yield();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """));

    [Fact]
    public Task WaitAsyncShapes_AreClassified()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task Good(CancellationToken ct)
                {
                    await _gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        await Task.Yield();
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    if (await _gate.WaitAsync(100, ct))
                    {
                        try { Work(); } finally { _gate.Release(); }
                    }
                }

                async Task Ignored()
                {
                    await {|#0:_gate.WaitAsync(TimeSpan.FromSeconds(1))|}.ConfigureAwait(false);
                    try { Work(); } finally { _gate.Release(); }
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "the result of 'WaitAsync' is ignored, so the code after it runs whether or not the lock was taken"));

    [Fact]
    public Task LoopsSwitchesLambdasAndLocalFunctions_AreAnalyzedPerBody()
        => VerifyAsync(
            Class("private readonly object _gate = new();", """
                void Loop(int[] items)
                {
                    foreach (var item in items)
                    {
                        {|#0:Monitor.Enter(_gate)|};
                        if (item < 0)
                        {
                            break;
                        }

                        Monitor.Exit(_gate);
                    }
                }

                void InnerBreak(int[] items)
                {
                    [|Monitor.Enter(_gate)|];
                    foreach (var item in items)
                    {
                        if (item < 0) break;
                    }

                    Monitor.Exit(_gate);
                }

                int Switch(int k)
                {
                    switch (k)
                    {
                        case 1:
                            {|#1:Monitor.Enter(_gate)|};
                            if (k > 0) return 1;
                            Monitor.Exit(_gate);
                            return 0;
                        default:
                            return 2;
                    }
                }

                void Lambda()
                {
                    Action a = () =>
                    {
                        [|Monitor.Enter(_gate)|];
                        Work();
                        Monitor.Exit(_gate);
                    };
                    void Local()
                    {
                        [|Monitor.Enter(_gate)|];
                        Work();
                        Monitor.Exit(_gate);
                    }

                    Monitor.Enter(_gate);
                    Action release = () => Monitor.Exit(_gate);
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", EarlyExitMessage),
            Verify.Diagnostic().WithLocation(1).WithArguments("_gate", EarlyExitMessage));

    [Fact]
    public Task DifferentLocksAreNotPaired()
        => VerifyAsync(
            Class("private readonly object _a = new(); private readonly object _b = new(); private readonly ReaderWriterLockSlim _rw = new();", """
                void M()
                {
                    Monitor.Enter(_a);
                    try { Work(); } finally { Monitor.Exit(_b); }
                    _rw.EnterReadLock();
                    try { Work(); } finally { _rw.ExitWriteLock(); }
                }
            """));

    [Fact]
    public Task ConditionalAcquireWithConditionalRelease_IsSilent()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M(bool needLock)
                {
                    if (needLock)
                    {
                        _gate.Wait();
                    }

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (needLock) _gate.Release();
                    }
                }
            """));

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
}
