using Forklift.Analyzers.Tests.Verifiers;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.Locks.ThreadAffineLockAcrossAwaitAnalyzer>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>FL2005: a lock bound to its thread held at an await.</summary>
public class ThreadAffineLockAcrossAwaitTests
{
    [Theory]
    [InlineData("private readonly object _gate = new();", "Monitor.Enter(_gate)", "Monitor.Exit(_gate)", "SynchronizationLockException", false)]
    [InlineData("private readonly object _gate = new();", "Monitor.TryEnter(_gate, 100)", "Monitor.Exit(_gate)", "SynchronizationLockException", false)]
    [InlineData("private readonly Lock _gate = new();", "_gate.Enter()", "_gate.Exit()", "SynchronizationLockException", true)]
    [InlineData("private readonly ReaderWriterLockSlim _gate = new();", "_gate.EnterWriteLock()", "_gate.ExitWriteLock()", "SynchronizationLockException", false)]
    [InlineData("private readonly Mutex _gate = new();", "_gate.WaitOne()", "_gate.ReleaseMutex()", "ApplicationException", false)]
    public Task HeldAtAnAwait_IsReportedOnceAtTheFirstAwait(string field, string acquire, string release, string exception, bool net9)
        => Verify.VerifyAnalyzerAsync(
            Class(field, $$"""
                async Task M()
                {
                    {|#1:{{acquire}}|};
                    try
                    {
                        {|#0:await Task.Delay(1)|};
                        await Task.Yield();
                        Work();
                    }
                    finally
                    {
                        {{release}};
                    }
                }
            """),
            net9 ? TestReferences.Net90 : TestReferences.Net80,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_gate", exception));

    [Fact]
    public Task FlagShapes_AndAwaitForeachAndUsing_AreReported()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly object _gate = new(); private SpinLock _spin = new(true);", """
                async Task Flag(IAsyncEnumerable<int> items, IAsyncDisposable resource)
                {
                    bool taken = false;
                    try
                    {
                        {|#1:Monitor.Enter(_gate, ref taken)|};
                        {|#0:await foreach|} (var item in items)
                        {
                            Work();
                        }
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_gate);
                    }
                }

                async Task Spin(IAsyncDisposable resource)
                {
                    bool taken = false;
                    {|#3:_spin.Enter(ref taken)|};
                    {|#2:await using|} (resource)
                    {
                        Work();
                    }

                    if (taken) _spin.Exit();
                }
            """).Replace("using System;", "using System;\nusing System.Collections.Generic;"),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_gate", "SynchronizationLockException"),
            Verify.Diagnostic().WithLocation(2).WithLocation(3).WithArguments("_spin", "SynchronizationLockException"));

    [Fact]
    public Task SemaphoresReleasedLocksLambdasAndLockStatements_AreSilent()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly object _gate = new(); private readonly SemaphoreSlim _async = new(1, 1);", """
                async Task Semaphore()
                {
                    await _async.WaitAsync();
                    try
                    {
                        await Task.Delay(1);
                    }
                    finally
                    {
                        _async.Release();
                    }
                }

                async Task ReleasedFirst()
                {
                    Monitor.Enter(_gate);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        Monitor.Exit(_gate);
                    }

                    await Task.Delay(1);
                }

                async Task AwaitInALambda()
                {
                    Monitor.Enter(_gate);
                    try
                    {
                        Func<Task> later = async () => await Task.Delay(1);
                        _ = later;
                    }
                    finally
                    {
                        Monitor.Exit(_gate);
                    }

                    await Task.Yield();
                }

                async Task LockStatement()
                {
                    lock (_gate)
                    {
                        Work();
                    }

                    await Task.Delay(1);
                }

                async Task TakenElsewhere()
                {
                    if (Monitor.TryEnter(_gate))
                    {
                        try { Work(); } finally { Monitor.Exit(_gate); }
                    }
                    else
                    {
                        await Task.Delay(1);
                    }
                }
            """));
}
