using Forklift.Analyzers.Locks;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer,
    Forklift.CodeFixes.Locks.LockReleaseNotInFinallyCodeFix>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>FL2001: shapes that must stay silent or be reported, beyond the per-kind theories.</summary>
public partial class LockReleaseNotInFinallyTests
{
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

    /// <summary>
    /// Blind set ac, C33: a bulkhead waits for a permit in a try whose finally only counts the queue down with
    /// <c>Interlocked</c>, sets a local flag, and releases in the finally of the try that follows when the flag is set:
    /// nothing between the acquire and that try can throw.
    /// </summary>
    [Fact]
    public Task WaitAsync_InTryWhoseFinallyOnlyCountsAtomically_ThenProtectedByFlag_IsSilent()
        => VerifyAsync(Bulkhead("_slots.WaitAsync(ct)", "Interlocked.Decrement(ref _queued);"));

    /// <summary>The same bulkhead whose first finally calls a method, which can throw with the permit held.</summary>
    [Fact]
    public Task WaitAsync_InTryWhoseFinallyCallsAMethod_IsReported()
        => VerifyAsync(Bulkhead("[|_slots.WaitAsync(ct)|]", "Work();"));

    private static string Bulkhead(string acquire, string firstFinally)
        => Class("private readonly SemaphoreSlim _slots = new(2, 2); private int _queued;", $$"""
                async Task<int> RunAsync(Func<Task<int>> operation, CancellationToken ct)
                {
                    Interlocked.Increment(ref _queued);
                    var entered = false;
                    try
                    {
                        await {{acquire}};
                        entered = true;
                    }
                    finally
                    {
                        {{firstFinally}}
                    }

                    try
                    {
                        return await operation();
                    }
                    finally
                    {
                        if (entered)
                        {
                            _slots.Release();
                        }
                    }
                }
            """);

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
                    await _gate.WaitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                    try { Work(); } finally { _gate.Release(); }
                }
            """),
            false);

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
    public Task ClockReadBetweenAcquireAndTry_IsSilent()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(4, 4);", """
                async Task<TimeSpan> M()
                {
                    await _gate.WaitAsync();
                    var started = DateTime.UtcNow;
                    var ticks = System.Diagnostics.Stopwatch.GetTimestamp();
                    try
                    {
                        Work();
                        return DateTime.UtcNow - started;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """));

    [Fact]
    public Task CallBetweenAcquireAndTry_IsStillReported()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(4, 4);", """
                async Task<TimeSpan> M()
                {
                    await {|#0:_gate.WaitAsync()|};
                    var started = DateTime.Parse("2026-01-01");
                    try
                    {
                        Work();
                        return DateTime.UtcNow - started;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "a statement between the acquire and the try block can throw before the finally is in place"));

    /// <summary>Blind set q, C30 (clean): an in-flight count kept with <c>Interlocked</c> between the acquire and its <c>try</c>.</summary>
    [Fact]
    public Task InterlockedCounterBetweenAcquireAndTry_IsSilent()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(4, 4); private int _inFlight;", """
                async Task M()
                {
                    await _gate.WaitAsync();
                    Interlocked.Increment(ref _inFlight);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _inFlight);
                        _gate.Release();
                    }
                }
            """));

    [Fact]
    public Task InterlockedCallOnAnotherObjectsFieldBetweenAcquireAndTry_IsStillReported()
        => VerifyAsync(
            Class("private readonly SemaphoreSlim _gate = new(4, 4); private Counter? _counter; private sealed class Counter { public int Value; }", """
                async Task M()
                {
                    await {|#0:_gate.WaitAsync()|};
                    Interlocked.Increment(ref _counter!.Value);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """),
            false,
            Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "a statement between the acquire and the try block can throw before the finally is in place"));
}

