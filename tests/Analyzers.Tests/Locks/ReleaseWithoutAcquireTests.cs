using Forklift.Analyzers.Tests.Verifiers;
using Forklift.CodeFixes.Locks;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.ReleaseWithoutAcquireAnalyzer,
    Forklift.CodeFixes.Locks.ReleaseWithoutAcquireCodeFix>;

namespace Forklift.Analyzers.Tests.Locks;

public class ReleaseWithoutAcquireTests
{
    private static Task VerifyAsync(string source, bool net9 = false, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, ReferenceAssemblies = net9 ? TestReferences.Net90 : TestReferences.Net80 };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFixAsync(string source, string fixedSource, bool net9 = false)
        => new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = net9 ? TestReferences.Net90 : TestReferences.Net80,
        }.RunAsync();

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task AcquireInsideTry_IsReportedAndMovedBeforeTheTry(string field, string acquire, string release, bool net9)
        => VerifyFixAsync(
            Class(field, $$"""
                void M()
                {
                    try
                    {
                        {{acquire}};
                        Work();
                    }
                    finally
                    {
                        [|{{release}}|];
                    }
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
    public Task AcquireBeforeTry_IsSilent(string field, string acquire, string release, bool net9)
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

                void ReleaseForCaller()
                {
                    {{release}};
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task ReleasedTwiceOnOnePath_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void InTryAndFinally()
                {
                    {{acquire}};
                    try
                    {
                        Work();
                        {{release}};
                    }
                    finally
                    {
                        [|{{release}}|];
                    }
                }

                void Sequential()
                {
                    {{acquire}};
                    Work();
                    {{release}};
                    [|{{release}}|];
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task ReleaseBeforeLeavingTheTry_AndAgainInFinally_IsReportedOnceAtTheEarlyRelease(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                int Rent(bool idle)
                {
                    {{acquire}};
                    try
                    {
                        if (idle)
                        {
                            Work();
                            {|#0:{{release}}|};
                            return 1;
                        }

                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }

                    return 0;
                }

                void Fail(int[] items)
                {
                    {{acquire}};
                    try
                    {
                        foreach (var item in items)
                        {
                            if (item < 0) { {|#1:{{release}}|}; throw new ArgumentException(); }
                        }
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "it is released here and again in the finally block when the 'return' leaves the try, so this path releases it twice"),
            Verify.Diagnostic().WithLocation(1).WithArguments("_gate", "it is released here and again in the finally block when the 'throw' leaves the try, so this path releases it twice"));

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task EarlyReleaseThatTheFinallyDoesNotRepeat_IsSilent(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                int ReleasedFlag(bool idle)
                {
                    {{acquire}};
                    var released = false;
                    try
                    {
                        if (idle) { {{release}}; released = true; return 1; }
                    }
                    finally
                    {
                        if (!released) {{release}};
                    }

                    return 0;
                }

                int InACallback(bool idle)
                {
                    {{acquire}};
                    try
                    {
                        Func<int> later = () => { {{release}}; return 1; };
                        return later.GetHashCode();
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
    public Task NestedAcquireWithItsOwnTry_IsNotPairedWithTheOuterFinally(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                // Re-entering a SemaphoreSlim(1, 1) or a ReaderWriterLockSlim this way is FL2002's one report; the
                // outer release matches the outer acquire.
                void Nested()
                {
                    {{acquire}};
                    try
                    {
                        {{acquire}};
                        try { Work(); } finally { {{release}}; }
                    }
                    finally
                    {
                        {{release}};
                    }
                }

                void InnerAcquireInsideItsTry()
                {
                    {{acquire}};
                    try
                    {
                        try { {{acquire}}; Work(); } finally { [|{{release}}|]; }
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9);

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task UncheckedTryResult_IsReported(string field, string acquire, string release, bool net9)
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
                        {|#0:{{release}}|};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "_gate",
                $"the result of '{acquire.Split('(')[0].Split('.')[1]}' is not checked before releasing"));

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task StoredButUncheckedTryResult_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    bool ok = {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {|#0:{{release}}|};
                    }
                }
            """),
            net9,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "_gate",
                $"the result of '{acquire.Split('(')[0].Split('.')[1]}' ('ok') is not checked before releasing"));

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task TryResultCheckedInsideTry_IsReported(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void M()
                {
                    try
                    {
                        if (!{{acquire}})
                        {
                            return;
                        }

                        Work();
                    }
                    finally
                    {
                        [|{{release}}|];
                    }
                }
            """),
            net9);

    [Fact]
    public Task StoredButUncheckedTryResult_IsGuarded()
        => VerifyFixAsync(
            Class("private readonly Lock _gate = new();", """
                void M()
                {
                    bool ok = _gate.TryEnter(100);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        [|_gate.Exit()|];
                    }
                }
            """),
            Class("private readonly Lock _gate = new();", """
                void M()
                {
                    bool ok = _gate.TryEnter(100);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (ok)
                        {
                            _gate.Exit();
                        }
                    }
                }
            """),
            net9: true);

    [Theory]
    [MemberData(nameof(Unconditional), MemberType = typeof(LockKinds))]
    public Task AcquireOnlyUnderACondition_ReleasedOnEveryPath_IsReportedAndGuardedTheSameWay(string field, string acquire, string release, bool net9)
        => VerifyFixAsync(
            Class(field, $$"""
                public void Compact(bool alreadyLocked)
                {
                    if (!alreadyLocked)
                        {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        [|{{release}}|];
                    }
                }
            """),
            Class(field, $$"""
                public void Compact(bool alreadyLocked)
                {
                    if (!alreadyLocked)
                        {{acquire}};
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (!alreadyLocked)
                        {
                            {{release}};
                        }
                    }
                }
            """),
            net9);

    [Fact]
    public Task AcquireOnlyUnderACondition_MessageNamesTheCondition()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private bool _shared;", """
                public void M()
                {
                    if (_shared)
                    {
                        _gate.Wait();
                    }

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {|#0:_gate.Release()|};
                    }
                }
            """),
            expected: new DiagnosticResult(Analyzers.Locks.ReleaseWithoutAcquireAnalyzer.Rule).WithLocation(0)
                .WithArguments("_gate", "'Wait' runs only when '_shared' holds, but the finally block releases it on every path"));

    [Fact]
    public Task AcquireUnderAConditionThatTheReleaseRepeats_OrInBothBranches_IsSilent()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly object _sync = new();", """
                public void Guarded(bool alreadyLocked)
                {
                    if (!alreadyLocked) _gate.Wait();
                    try { Work(); }
                    finally { if (!alreadyLocked) _gate.Release(); }
                }

                public void EarlyOut(bool alreadyLocked)
                {
                    if (!alreadyLocked) _gate.Wait();
                    try { Work(); }
                    finally
                    {
                        if (alreadyLocked) { Work(); }
                        else { _gate.Release(); }
                    }
                }

                public void BothBranches(bool fast, CancellationToken token)
                {
                    if (fast) _gate.Wait();
                    else _gate.Wait(token);
                    try { Work(); }
                    finally { _gate.Release(); }
                }

                public void ExitsInsteadOfAcquiring(bool closed)
                {
                    if (closed) { throw new InvalidOperationException(); }
                    _gate.Wait();
                    try { Work(); }
                    finally { _gate.Release(); }
                }

                public void AcquiredAgainBeforeTheTry(bool first)
                {
                    if (first) Monitor.Enter(_sync);
                    Monitor.Enter(_sync);
                    try { Work(); }
                    finally { Monitor.Exit(_sync); }
                    if (first) Monitor.Exit(_sync);
                }
            """));

    [Fact]
    public Task TryResultCheckedInsideTry_IsMovedBeforeTheTry()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M()
                {
                    try
                    {
                        if (!_gate.Wait(100))
                        {
                            return;
                        }

                        Work();
                    }
                    finally
                    {
                        [|_gate.Release()|];
                    }
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M()
                {
                    if (!_gate.Wait(100))
                    {
                        return;
                    }

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """));

    [Theory]
    [MemberData(nameof(Conditional), MemberType = typeof(LockKinds))]
    public Task CheckedTryResult_IsSilent(string field, string acquire, string release, bool net9)
        => VerifyAsync(
            Class(field, $$"""
                void Positive()
                {
                    if ({{acquire}})
                    {
                        try { Work(); } finally { {{release}}; }
                    }
                }

                void Stored()
                {
                    var taken = false;
                    try
                    {
                        taken = {{acquire}};
                        Work();
                    }
                    finally
                    {
                        if (taken) {{release}};
                    }
                }

                void EarlyOut()
                {
                    bool taken = {{acquire}};
                    if (!taken) return;
                    try { Work(); } finally { {{release}}; }
                }
            """),
            net9);

    [Fact]
    public Task WaitAsyncInsideTry_IsReportedAndMovedBeforeTheTry()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task M(CancellationToken ct)
                {
                    try
                    {
                        await _gate.WaitAsync(ct).ConfigureAwait(false);
                        await Task.Delay(10, ct);
                    }
                    finally
                    {
                        [|_gate.Release()|];
                    }
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task M(CancellationToken ct)
                {
                    await _gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        await Task.Delay(10, ct);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """));

    [Fact]
    public Task MessageExplainsTheAcquireInsideTheTry()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task M(CancellationToken ct)
                {
                    try
                    {
                        await _gate.WaitAsync(ct);
                    }
                    finally
                    {
                        {|#0:_gate.Release()|};
                    }
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments(
                "_gate",
                "'WaitAsync' is inside the try block, so a failed or cancelled acquire still reaches this release in the finally block"));

    [Fact]
    public Task StatementBeforeAcquireInsideTry_MovesBoth()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M()
                {
                    try
                    {
                        Work();
                        _gate.Wait();
                        Work();
                    }
                    finally
                    {
                        [|_gate.Release()|];
                    }
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M()
                {
                    Work();
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
            """));

    [Fact]
    public Task LockTakenFlagNotChecked_IsReportedAndGuarded()
        => VerifyFixAsync(
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
                        [|Monitor.Exit(_gate)|];
                    }
                }

                void Spin()
                {
                    bool lockTaken = false;
                    _spin.TryEnter(100, ref lockTaken);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        [|_spin.Exit()|];
                    }
                }
            """),
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
                        if (taken)
                        {
                            Monitor.Exit(_gate);
                        }
                    }
                }

                void Spin()
                {
                    bool lockTaken = false;
                    _spin.TryEnter(100, ref lockTaken);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (lockTaken)
                        {
                            _spin.Exit();
                        }
                    }
                }
            """));

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
                    Monitor.Enter(_gate, ref taken);
                    try { Work(); } finally { Monitor.Exit(_gate); }
                }

                void Spin()
                {
                    bool taken = false;
                    try
                    {
                        _spin.TryEnter(TimeSpan.FromSeconds(1), ref taken);
                        Work();
                    }
                    finally
                    {
                        if (taken) _spin.Exit();
                    }
                }
            """));

    [Fact]
    public Task OtherBodiesAndLocks_AreNotPaired()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly SemaphoreSlim _other = new(1, 1);", """
                void M(bool needLock)
                {
                    if (needLock) _gate.Wait();
                    try { Work(); } finally { if (needLock) _gate.Release(); }

                    _gate.Wait();
                    try
                    {
                        Action later = () =>
                        {
                            try { Work(); } finally { _gate.Release(); }
                        };
                        _other.Wait();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                void Loop()
                {
                    for (int i = 0; i < 3; i++)
                    {
                        _gate.Wait();
                        try { Work(); } finally { _gate.Release(); }
                    }
                }
            """));

    [Fact]
    public Task FixAll_FixesEveryRelease()
        => VerifyFixAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly Mutex _mutex = new();", """
                void A()
                {
                    try
                    {
                        _gate.Wait();
                        Work();
                    }
                    finally
                    {
                        [|_gate.Release()|];
                    }
                }

                void B()
                {
                    try
                    {
                        _mutex.WaitOne();
                        Work();
                    }
                    finally
                    {
                        [|_mutex.ReleaseMutex()|];
                    }
                }
            """),
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly Mutex _mutex = new();", """
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
                    _mutex.WaitOne();
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _mutex.ReleaseMutex();
                    }
                }
            """));
}
