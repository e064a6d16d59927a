using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using ReleaseInFinally = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer,
    Forklift.CodeFixes.Locks.LockReleaseNotInFinallyCodeFix>;
using ReleaseHeld = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    Forklift.Analyzers.Locks.ReleaseWithoutAcquireAnalyzer,
    Forklift.CodeFixes.Locks.ReleaseWithoutAcquireCodeFix>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>
/// Shapes that correct code in real libraries uses on purpose and that FL2001/FL2003 once reported (issue #10): each
/// must stay silent under both rules, and each neighbouring real mistake must still be reported once.
/// </summary>
public class RealCodeLockShapesTests
{
    private static async Task VerifyBothSilentAsync(string source)
    {
        await new ReleaseInFinally.Test { TestCode = source, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
        await new ReleaseHeld.Test { TestCode = source, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
    }

    [Theory]
    [InlineData("private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterReadLock(-1)", "_gate.ExitReadLock()")]
    [InlineData("private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterWriteLock(Timeout.Infinite)", "_gate.ExitWriteLock()")]
    [InlineData("private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterUpgradeableReadLock(Timeout.InfiniteTimeSpan)", "_gate.ExitUpgradeableReadLock()")]
    [InlineData("private readonly object _gate = new();", "Monitor.TryEnter(_gate, Timeout.Infinite)", "Monitor.Exit(_gate)")]
    [InlineData("private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait(-1)", "_gate.Release()")]
    [InlineData("private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait(Timeout.InfiniteTimeSpan, CancellationToken.None)", "_gate.Release()")]
    [InlineData("private readonly Mutex _gate = new();", "_gate.WaitOne(-1)", "_gate.ReleaseMutex()")]
    public Task InfiniteTimeout_ResultNeedsNoCheck(string field, string acquire, string release)
        => VerifyBothSilentAsync(Class(field, $$"""
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
            """));

    [Fact]
    public Task InfiniteTimeoutWithFlag_IsAnEnter()
        => VerifyBothSilentAsync(Class("private readonly object _gate = new();", """
                void M()
                {
                    bool taken = false;
                    Monitor.TryEnter(_gate, Timeout.Infinite, ref taken);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        if (taken) Monitor.Exit(_gate);
                    }
                }
            """));

    [Fact]
    public Task SemaphoreCreatedWithoutPermits_IsASignal()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _signal = new(0); private readonly Semaphore _items; private readonly SemaphoreSlim _wake;", """
                C()
                {
                    _items = new Semaphore(0, 100);
                    _wake = new SemaphoreSlim(initialCount: 0, maxCount: int.MaxValue);
                }

                void Produce()
                {
                    Work();
                    _signal.Release();
                    _items.Release();
                }

                void Consume()
                {
                    _signal.Wait();
                    Work();
                    _signal.Release();
                    _items.WaitOne();
                    Work();
                    _items.Release();
                }

                async Task PumpAsync(CancellationToken ct)
                {
                    while (_wake.Wait(0)) { }
                    await _wake.WaitAsync(TimeSpan.FromSeconds(5), ct);
                    Work();
                    _wake.Release();
                }
            """));

    [Fact]
    public Task DrainLoopAndTimedSleep_OnAnyPermitCount_AreNotLocks()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _gate;", """
                C(SemaphoreSlim gate) => _gate = gate;

                async Task PollAsync(TimeSpan interval, CancellationToken ct)
                {
                    while (_gate.Wait(0))
                    {
                    }

                    await _gate.WaitAsync(interval, ct);
                    Work();
                }
            """));

    [Fact]
    public Task ReleaseInsideTheReturnExpression_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task<int> M(CancellationToken ct)
                {
                    await _gate.WaitAsync(ct);
                    return 1 + _gate.Release();
                }
            """));

    [Fact]
    public Task ReleaseInTheReturnExpressionAfterWork_IsStillReported()
        => new ReleaseInFinally.Test
        {
            TestCode = Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task<int> M(CancellationToken ct)
                {
                    await [|_gate.WaitAsync(ct)|];
                    Work();
                    return 1 + _gate.Release();
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task PermitHandedToAContinuation_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                async Task RunAsync(Func<Task> work)
                {
                    await _gate.WaitAsync();
                    Task task;
                    try
                    {
                        task = work();
                    }
                    catch
                    {
                        _gate.Release();
                        throw;
                    }

                    _ = task.ContinueWith(_ => _gate.Release(), TaskScheduler.Default);
                }

                void Schedule(Action<Action> register)
                {
                    _gate.Wait();
                    if (!ThreadPool.QueueUserWorkItem(_ => Done()))
                    {
                        _gate.Release();
                    }

                    void Done() => _gate.Release();
                }
            """));

    /// <summary>
    /// Quartz's TaskSchedulingThreadPool: a counting semaphore whose permit the task's continuation releases, the
    /// continuation being a method of the type, passed directly or through a delegate field the constructor sets.
    /// The method releases on the paths that never register it. Handing the permit to a method that does not release
    /// it is still reported.
    /// </summary>
    [Fact]
    public async Task PermitHandedToAMethodOfTheType_IsSilent()
    {
        await VerifyBothSilentAsync(Class("private SemaphoreSlim _slots = null!; private Action<Task> _complete = null!; private bool _stopped;", """
                void Initialize(int slots)
                {
                    _slots = new SemaphoreSlim(slots);
                    _complete = Complete;
                }

                async Task<bool> TryRunAsync(Func<Task> action)
                {
                    await _slots.WaitAsync();
                    if (_stopped)
                    {
                        _slots.Release();
                        return false;
                    }

                    var task = Task.Run(action);
                    _ = task.ContinueWith(_complete, TaskScheduler.Default);
                    return true;
                }

                bool TryRun(Func<Task> action)
                {
                    _slots.Wait();
                    if (_stopped)
                    {
                        _slots.Release();
                        return false;
                    }

                    _ = Task.Run(action).ContinueWith(Complete, TaskScheduler.Default);
                    return true;
                }

                private void Complete(Task task) => _slots.Release();
            """));

        var leaks = Class("private readonly SemaphoreSlim _slots = new(4); private bool _stopped;", """
                bool TryRun(Func<Task> action)
                {
                    [|_slots.Wait()|];
                    if (_stopped)
                    {
                        _slots.Release();
                        return false;
                    }

                    _ = Task.Run(action).ContinueWith(Log, TaskScheduler.Default);
                    return true;
                }

                private void Log(Task task) => Console.WriteLine(task.Status);
            """);
        await new ReleaseInFinally.Test { TestCode = leaks, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
    }

    private const string StateTests = """

        static class TaskStates
        {
            internal static bool IsNotCompletedSuccessfully(this Task? task)
            {
                return task is { IsCompletedSuccessfully: false };
            }

            internal static bool IsPending(this Task? task) => task != null && task.Status != TaskStatus.RanToCompletion;

            internal static bool IsSlow(this Task? task) => task!.Wait(0) == false;
        }
        """;

    private static string WriterWith(string test, string stateMachine) => Class("private readonly SemaphoreSlim _semLock = new(1, 1); private Task? _flushTask;", $$"""
                public ValueTask PingAsync(string ping, CancellationToken ct)
                {
                    if (!_semLock.Wait(0))
                    {
                        return PingStateMachineAsync(false, ping, ct);
                    }

                    if ({{test}})
                    {
                        return PingStateMachineAsync(true, ping, ct);
                    }

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _semLock.Release();
                    }

                    return default;
                }

                private async ValueTask PingStateMachineAsync(bool lockHeld, string ping, CancellationToken ct)
                {
                    if (!lockHeld)
                    {
                        if (!await _semLock.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false))
                        {
                            throw new TimeoutException();
                        }
                    }

            {{stateMachine}}
                }
            """) + StateTests;

    private const string ReleasingStateMachine = """
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _semLock.Release();
                    }
            """;

    [Theory]
    [InlineData("_flushTask.IsNotCompletedSuccessfully()")]
    [InlineData("_flushTask.IsPending()")]
    [InlineData("_flushTask is { IsCompleted: false }")]
    public Task LockHandedToAStateMachineThatReleasesIt_IsSilent(string test)
        // NATS.Client's CommandWriter: when a flush is still running, the held semaphore goes to the async state machine
        // with 'lockHeld: true'; it takes the lock only 'if (!lockHeld)' and releases it in its own finally. The test of
        // the task's state cannot throw, so nothing runs between the acquire and the method that owns the lock.
        => VerifyBothSilentAsync(WriterWith(test, ReleasingStateMachine));

    [Fact]
    public async Task PlainAcquireOnlyIfTheCallerDoesNotHandTheLockOver_IsSilent()
    {
        // The state machine's side of the hand-off with a plain 'await _semLock.WaitAsync(ct)': every caller passes
        // 'true' or 'false' for 'lockHeld', so the release in its finally releases a lock held either way (FL2003).
        var plain = System.Text.RegularExpressions.Regex.Replace(
            WriterWith("_flushTask.IsNotCompletedSuccessfully()", ReleasingStateMachine),
            @"if \(!await _semLock\.WaitAsync\(TimeSpan\.FromSeconds\(5\), ct\)\.ConfigureAwait\(false\)\)\s*\{\s*throw new TimeoutException\(\);\s*\}",
            "await _semLock.WaitAsync(ct).ConfigureAwait(false);");
        Assert.DoesNotContain("TimeoutException", plain);
        await VerifyBothSilentAsync(plain);

        // A caller that passes what it does not know: the release can free a lock nobody took.
        var guessed = plain.Replace("return PingStateMachineAsync(false, ping, ct);", "return PingStateMachineAsync(_flushTask is null, ping, ct);");
        var last = guessed.LastIndexOf("_semLock.Release()", StringComparison.Ordinal);
        guessed = guessed[..last] + "{|#1:_semLock.Release()|}" + guessed[(last + "_semLock.Release()".Length)..];
        await new ReleaseHeld.Test
        {
            TestCode = guessed,
            ReferenceAssemblies = TestReferences.Net80,
            ExpectedDiagnostics = { ReleaseHeld.Diagnostic().WithLocation(1).WithArguments("_semLock", "'WaitAsync' runs only when '!lockHeld' holds, but the finally block releases it on every path") },
        }.RunAsync();
    }

    [Fact]
    public async Task HandOffThatCanThrowOrIsNotReleased_IsStillReported()
    {
        // A test that can throw (Wait on a faulted task) leaves the semaphore held before any finally is in place.
        var throwing = WriterWith("_flushTask.IsSlow()", ReleasingStateMachine).Replace("if (!_semLock.Wait(0))", "if (![|_semLock.Wait(0)|])");
        await new ReleaseInFinally.Test { TestCode = throwing, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();

        // A state machine that never releases does not own the lock it was handed: the early exit leaks it.
        var leaking = WriterWith("_flushTask.IsNotCompletedSuccessfully()", "        Work();").Replace("if (!_semLock.Wait(0))", "if (![|_semLock.Wait(0)|])");
        await new ReleaseInFinally.Test { TestCode = leaking, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
    }

    /// <summary>
    /// log4net's InterProcessLock: <c>AcquireLock</c> returns holding the mutex, its caller's <c>ReleaseLock</c> gives it
    /// back, and only the path that fails releases it before returning. The same body in a type with no release method,
    /// or under a name that is no acquisition, or with a release on the method's own path, is still reported.
    /// </summary>
    [Fact]
    public async Task AcquireHalfOfAnAcquireReleasePair_IsSilent()
    {
        const string Fields = "private readonly Mutex _mutex = new(); private System.IO.Stream? _stream; private int _depth;";
        const string Acquire = """
                public System.IO.Stream? AcquireLock()
                {
                    _mutex.WaitOne();
                    _depth++;
                    if (_stream is not null)
                    {
                        _stream.Seek(0, System.IO.SeekOrigin.End);
                    }
                    else
                    {
                        _depth--;
                        _mutex.ReleaseMutex();
                        return null;
                    }

                    return _stream;
                }
            """;
        const string Release = """

                public void ReleaseLock()
                {
                    if (_depth > 0)
                    {
                        _depth--;
                        _mutex.ReleaseMutex();
                    }
                }
            """;
        await VerifyBothSilentAsync(Class(Fields, Acquire + Release));

        var noReleaseMethod = Class(Fields, Acquire.Replace("_mutex.WaitOne()", "[|_mutex.WaitOne()|]"));
        await new ReleaseInFinally.Test { TestCode = noReleaseMethod, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();

        var notAnAcquisition = Class(Fields, Acquire.Replace("AcquireLock()", "Append()").Replace("_mutex.WaitOne()", "[|_mutex.WaitOne()|]") + Release);
        await new ReleaseInFinally.Test { TestCode = notAnAcquisition, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();

        var releasedOnItsOwnPath = Class(Fields, Acquire.Replace("_mutex.WaitOne()", "[|_mutex.WaitOne()|]").Replace("""
                    return _stream;
            """, """
                    _mutex.ReleaseMutex();
                    return _stream;
            """) + Release);
        await new ReleaseInFinally.Test { TestCode = releasedOnItsOwnPath, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
    }

    [Fact]
    public async Task HandOffThatLeaksOnOneReturn_IsStillReported()
    {
        // LiteDB's SharedEngine, judged a true report on real code: Open hands the mutex to Close when it returns true,
        // but 'return false' (already open on this thread) keeps one more recursion count that no caller releases.
        var source = Class("private readonly Mutex _mutex = new(); private object _engine;", """
                private bool Open()
                {
                    try { [|_mutex.WaitOne()|]; } catch (AbandonedMutexException) { }
                    if (_engine == null)
                    {
                        try { _engine = new object(); return true; }
                        catch { _mutex.ReleaseMutex(); throw; }
                    }
                    else
                    {
                        return false;
                    }
                }

                private void Close() { _engine = null; _mutex.ReleaseMutex(); }

                public int Query() { bool opened = Open(); try { return 1; } finally { if (opened) Close(); } }
            """);
        await new ReleaseInFinally.Test { TestCode = source, ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
        await new ReleaseHeld.Test { TestCode = source.Replace("[|", string.Empty).Replace("|]", string.Empty), ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
    }

    [Fact]
    public Task AbandonedMutexIdiom_OwnedTestedBeforeTheTry_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly Mutex _mutex = new();", """
                // The single-instance idiom: an abandoned mutex is owned all the same, and the only code between the
                // acquire and the try that can throw runs where the mutex is not held.
                int Run(Func<int> body)
                {
                    bool owned;
                    try { owned = _mutex.WaitOne(TimeSpan.FromSeconds(10)); }
                    catch (AbandonedMutexException) { owned = true; }
                    if (!owned)
                    {
                        Console.Error.WriteLine("another instance is running");
                        return 2;
                    }

                    try { return body(); }
                    finally { _mutex.ReleaseMutex(); }
                }
            """));

    [Fact]
    public Task AbandonedMutexCatchThatCallsOut_IsStillReported()
        => new ReleaseInFinally.Test
        {
            // The catch runs with the abandoned mutex held; a call there can throw before the finally is in place.
            TestCode = Class("private readonly Mutex _mutex = new();", """
                int Run(Func<int> body)
                {
                    try { [|_mutex.WaitOne()|]; }
                    catch (AbandonedMutexException) { Console.Error.WriteLine("abandoned"); }
                    try { return body(); }
                    finally { _mutex.ReleaseMutex(); }
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Theory]
    [InlineData("private readonly SemaphoreSlim _gate = new(1, 1);", "_gate.Wait(100)")]
    [InlineData("private readonly object _gate = new();", "Monitor.TryEnter(_gate, 100)")]
    [InlineData("private readonly ReaderWriterLockSlim _gate = new();", "_gate.TryEnterWriteLock(100)")]
    public Task IgnoredResult_InAHandOffMethod_IsSilent(string field, string acquire)
        => VerifyBothSilentAsync(Class(field, $$"""
                public void Acquire()
                {
                    {{acquire}};
                }
            """));

    [Fact]
    public async Task IgnoredResultWithFinallyRelease_IsReportedOnce()
    {
        var source = Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                void M()
                {
                    _gate.Wait(100);
                    try
                    {
                        Work();
                    }
                    finally
                    {
                        {|#0:_gate.Release()|};
                    }
                }
            """);
        await new ReleaseInFinally.Test { TestCode = source.Replace("{|#0:", string.Empty).Replace("|};", ";"), ReferenceAssemblies = TestReferences.Net80 }.RunAsync();
        var held = new ReleaseHeld.Test { TestCode = source, ReferenceAssemblies = TestReferences.Net80 };
        held.ExpectedDiagnostics.Add(ReleaseHeld.Diagnostic().WithLocation(0).WithArguments("_gate", "the result of 'Wait' is not checked before releasing"));
        await held.RunAsync();
    }

    [Fact]
    public Task ReleaseInCatchAndFinally_IsADoubleRelease()
        => new ReleaseHeld.Test
        {
            TestCode = Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly object _sync = new();", """
                void M()
                {
                    _gate.Wait();
                    try
                    {
                        Work();
                    }
                    catch (InvalidOperationException)
                    {
                        {|#0:_gate.Release()|};
                        throw;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                void N()
                {
                    Monitor.Enter(_sync);
                    try
                    {
                        Work();
                    }
                    catch
                    {
                        [|Monitor.Exit(_sync)|];
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }

                void CatchOnly()
                {
                    _gate.Wait();
                    try
                    {
                        Work();
                    }
                    catch
                    {
                        _gate.Release();
                        throw;
                    }

                    _gate.Release();
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
            ExpectedDiagnostics =
            {
                ReleaseHeld.Diagnostic().WithLocation(0).WithArguments("_gate", "it is released in a catch block and again in the finally block of the same try, so an exception releases it twice"),
            },
        }.RunAsync();

    [Fact]
    public Task AcquireInAConditionalExpressionCheckedBeforeTheTry_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _setup = new(1, 1); private bool _ready;", """
                // Npgsql NpgsqlDataSource.Bootstrap and ReplicationConnection.SendFeedback.
                async Task BootstrapAsync(bool async, TimeSpan timeout, CancellationToken ct)
                {
                    var hasSemaphore = async
                        ? await _setup.WaitAsync(timeout, ct).ConfigureAwait(false)
                        : _setup.Wait(timeout, ct);

                    if (!hasSemaphore)
                        throw new TimeoutException();

                    try
                    {
                        _ready = true;
                    }
                    finally
                    {
                        _setup.Release();
                    }
                }

                async Task SendAsync(bool wait, CancellationToken ct)
                {
                    var taken = wait
                        ? await _setup.WaitAsync(Timeout.Infinite, ct).ConfigureAwait(false)
                        : await _setup.WaitAsync(TimeSpan.Zero, ct).ConfigureAwait(false);

                    if (!taken)
                    {
                        Console.WriteLine("skipped");
                        return;
                    }

                    try { _ready = false; }
                    finally { _setup.Release(); }
                }
            """));

    [Fact]
    public Task HandOverHandLocking_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly object _sync = new(); private readonly object _cancelLock = new(); private bool _connected = true; private int _cancelled;", """
                // Npgsql NpgsqlConnector: the second lock is taken last inside the first one's block or try.
                void Cancel()
                {
                    lock (_sync)
                    {
                        if (!_connected)
                            return;
                        Monitor.Enter(_cancelLock);
                    }

                    try
                    {
                        _cancelled++;
                    }
                    finally
                    {
                        Monitor.Exit(_cancelLock);
                    }
                }

                int State { get; set; }

                int Break()
                {
                    Monitor.Enter(_sync);
                    var state = State;
                    if (state == 3)
                    {
                        Monitor.Exit(_sync);
                        return -1;
                    }

                    try
                    {
                        _connected = false;
                        return state;
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }

                void Cleanup()
                {
                    Monitor.Enter(_sync);
                    try
                    {
                        _connected = false;
                        Monitor.Enter(_cancelLock);
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }

                    try
                    {
                        _cancelled = 0;
                    }
                    finally
                    {
                        Monitor.Exit(_cancelLock);
                    }
                }
            """));

    [Fact]
    public Task ExpressionBodiedGetterThatOnlyReads_BeforeTheTry_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly object _sync = new(); private int _state;", """
                // Npgsql NpgsqlConnector.Break: 'Current' only reads a field, so nothing before the try can throw.
                DayOfWeek Current => (DayOfWeek)_state;

                int Break()
                {
                    Monitor.Enter(_sync);
                    var state = Current;
                    if (state == DayOfWeek.Sunday)
                    {
                        Monitor.Exit(_sync);
                        return -1;
                    }

                    try
                    {
                        _state = 0;
                        return (int)state;
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }
            """));

    [Fact]
    public Task GetterThatCallsOut_BeforeTheTry_IsStillReported()
        => new ReleaseInFinally.Test
        {
            TestCode = Class("private readonly object _sync = new(); private int _state;", """
                int Current => int.Parse(_state.ToString());

                void Break()
                {
                    [|Monitor.Enter(_sync)|];
                    var state = Current;
                    try
                    {
                        _state = state + 1;
                    }
                    finally
                    {
                        Monitor.Exit(_sync);
                    }
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    /// <summary>
    /// RabbitMQ.Client's SocketFrameHandler: the acquire sits in a try whose catch returns. The catch runs only when the
    /// wait threw, so the semaphore was not taken; the try/finally that follows covers every path that holds it.
    /// </summary>
    [Fact]
    public Task AcquireInTryWhoseCatchReturns_ThenTryFinally_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _closing = new(1, 1);", """
                async Task CloseAsync(CancellationToken ct)
                {
                    try
                    {
                        await _closing.WaitAsync(ct);
                    }
                    catch
                    {
                        return;
                    }

                    try { Work(); }
                    finally { _closing.Release(); }
                }
            """));

    /// <summary>
    /// Set aw C33: a tenant throttle waits under a cancellation registration, in a try whose filtered catch throws when
    /// the wait timed out; leaving the catch's try and the registration's <c>using</c> runs nothing that can throw.
    /// </summary>
    [Fact]
    public Task WaitInAFilteredCatchInsideARegistrationsUsing_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly SemaphoreSlim _gate = new(4, 4);", """
                async Task RunAsync(CancellationToken aborted, CancellationToken timeout)
                {
                    using (aborted.Register(static () => { }))
                    {
                        try
                        {
                            await _gate.WaitAsync(timeout);
                        }
                        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                        {
                            throw new TimeoutException();
                        }
                    }

                    try { Work(); }
                    finally { _gate.Release(); }
                }
            """));

    /// <summary>Leaving the <c>using</c> of a resource whose disposal can throw (a stream's flush) is code before the try.</summary>
    [Fact]
    public Task WaitInsideAUsingOfAStream_IsStillReported()
        => new ReleaseInFinally.Test
        {
            TestCode = Class("private readonly SemaphoreSlim _gate = new(4, 4);", """
                async Task RunAsync(System.IO.Stream target)
                {
                    using (var writer = new System.IO.StreamWriter(target))
                    {
                        await [|_gate.WaitAsync()|];
                    }

                    try { Work(); }
                    finally { _gate.Release(); }
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    [Fact]
    public Task AbandonedMutexCatchThatReturns_IsStillReported()
        => new ReleaseInFinally.Test
        {
            // AbandonedMutexException is thrown with the mutex owned: returning from that catch leaves it held.
            TestCode = Class("private readonly Mutex _mutex = new();", """
                void Run()
                {
                    try { [|_mutex.WaitOne()|]; }
                    catch { return; }
                    try { Work(); }
                    finally { _mutex.ReleaseMutex(); }
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    /// <summary>
    /// prometheus-net's ManagedLifetimeMetricHandle: the try right after the acquire starts with the try whose finally
    /// releases; entering the outer try runs nothing.
    /// </summary>
    [Fact]
    public Task OuterTryStartingWithTheReleasingTry_IsSilent()
        => VerifyBothSilentAsync(Class("private readonly ReaderWriterLockSlim _lifetimes = new();", """
                int[] Expired()
                {
                    int[] buffer = System.Buffers.ArrayPool<int>.Shared.Rent(16);
                    _lifetimes.EnterReadLock();
                    try
                    {
                        try
                        {
                            Work();
                        }
                        finally
                        {
                            _lifetimes.ExitReadLock();
                        }

                        return buffer;
                    }
                    finally
                    {
                        System.Buffers.ArrayPool<int>.Shared.Return(buffer);
                    }
                }
            """));

    [Fact]
    public Task CallBetweenTheAcquireAndTheOuterTry_IsStillReported()
        => new ReleaseInFinally.Test
        {
            // prometheus-net's collectors: the pool's buffer is rented between the acquire and the try.
            TestCode = Class("private readonly ReaderWriterLockSlim _children = new();", """
                int[] Copy()
                {
                    [|_children.EnterReadLock()|];
                    var buffer = System.Buffers.ArrayPool<int>.Shared.Rent(16);
                    try
                    {
                        try { Work(); }
                        finally { _children.ExitReadLock(); }

                        return buffer;
                    }
                    finally
                    {
                        System.Buffers.ArrayPool<int>.Shared.Return(buffer);
                    }
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    /// <summary>
    /// RabbitMQ.Client's topology recovery: a method that runs under its caller's semaphore gives it up around a user
    /// callback and takes it back in a finally; the caller's own finally releases it.
    /// </summary>
    [Fact]
    public Task ReleaseAroundCallbackThenReacquireInFinally_IsSilent()
        => new ReleaseInFinally.Test
        {
            TestCode = Class("private readonly SemaphoreSlim _entities = new(1, 1);", """
                async Task RecoverAsync(Func<Task> callback, CancellationToken ct)
                {
                    await _entities.WaitAsync(ct);
                    try
                    {
                        await RecoverUnderLockAsync(callback, ct);
                    }
                    finally
                    {
                        _entities.Release();
                    }
                }

                private async Task RecoverUnderLockAsync(Func<Task> callback, CancellationToken ct)
                {
                    foreach (var step in new[] { 1, 2 })
                    {
                        try
                        {
                            _entities.Release();
                            await callback();
                        }
                        finally
                        {
                            await _entities.WaitAsync(ct);
                        }

                        Work();
                        try
                        {
                            _entities.Release();
                            await callback();
                        }
                        finally
                        {
                            await _entities.WaitAsync(ct);
                        }
                    }
                }
            """),
            ReferenceAssemblies = TestReferences.Net80,
        }.RunAsync();

    /// <summary>
    /// A pool that takes a permit, then hands it out with a lease whose <c>Dispose</c> releases it: the method releases
    /// the permit only in the <c>catch</c> that rethrows (set z C06). A release on the normal path beside it is still reported.
    /// </summary>
    [Fact]
    public Task Permit_released_only_when_the_acquiring_method_fails_goes_out_with_a_lease()
        => VerifyBothSilentAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Pool
            {
                private readonly SemaphoreSlim _slots = new SemaphoreSlim(4, 4);
                private readonly ConcurrentBag<object> _idle = new ConcurrentBag<object>();

                public async Task<Lease> AcquireAsync(CancellationToken ct)
                {
                    await _slots.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        if (_idle.TryTake(out var pooled))
                        {
                            return new Lease(this, pooled);
                        }

                        var fresh = await Task.Run(() => new object(), ct).ConfigureAwait(false);
                        return new Lease(this, fresh);
                    }
                    catch
                    {
                        _slots.Release();
                        throw;
                    }
                }

                internal void Return(object item)
                {
                    _idle.Add(item);
                    _slots.Release();
                }
            }

            sealed class Lease : IDisposable
            {
                private Pool? _pool;
                private readonly object _item;

                internal Lease(Pool pool, object item) { _pool = pool; _item = item; }

                public void Dispose() => Interlocked.Exchange(ref _pool, null)?.Return(_item);
            }
            """);

    [Fact]
    public Task Permit_released_in_a_catch_and_on_the_normal_path_is_still_reported()
        => ReleaseInFinally.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Counter
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _count;

                public async Task<int> BumpAsync(bool skip)
                {
                    await [|_gate.WaitAsync()|].ConfigureAwait(false);
                    try
                    {
                        if (skip)
                        {
                            return _count;
                        }

                        _count++;
                    }
                    catch
                    {
                        _gate.Release();
                        throw;
                    }

                    _gate.Release();
                    return _count;
                }
            }
            """);

    [Fact]
    public Task Permit_released_only_in_a_catch_of_a_method_that_hands_nothing_out_is_still_reported()
        => ReleaseInFinally.VerifyAnalyzerAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Flusher
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private int _flushed;

                public async Task FlushAsync()
                {
                    await [|_gate.WaitAsync()|].ConfigureAwait(false);
                    try
                    {
                        _flushed++;
                    }
                    catch
                    {
                        _gate.Release();
                        throw;
                    }
                }
            }
            """);

    private const string Referenced = """
        private int _referenceCount = 1;
            private bool IsNotInUse { get; set; }
        """;

    [Fact]
    public Task Region_that_only_reads_auto_properties_and_counts_before_each_release_is_silent()
        // AsyncKeyedLock's releaser: nothing between the TryEnter and either release can throw.
        => VerifyBothSilentAsync(Class(Referenced, """
                bool TryIncrement()
                {
                    if (Monitor.TryEnter(this))
                    {
                        if (IsNotInUse)
                        {
                            Monitor.Exit(this);
                            return false;
                        }

                        ++_referenceCount;
                        Monitor.Exit(this);
                        return true;
                    }

                    return false;
                }
            """));

    [Fact]
    public Task Region_with_a_call_before_the_release_is_still_reported()
        => ReleaseInFinally.VerifyAnalyzerAsync(Class(Referenced, """
                bool TryIncrement()
                {
                    if ([|Monitor.TryEnter(this)|])
                    {
                        if (IsNotInUse)
                        {
                            Monitor.Exit(this);
                            return false;
                        }

                        Work();
                        ++_referenceCount;
                        Monitor.Exit(this);
                        return true;
                    }

                    return false;
                }
            """));

    [Fact]
    public Task Acquire_at_the_end_of_a_branch_released_after_it_and_a_region_of_flag_stores_are_silent()
        // NetMQ's Ctx.Terminate: the re-acquire that ends the 'if' is released by the next statement after it, and the
        // first acquire is released either after two bool stores in the branch or right after the 'if'.
        => VerifyBothSilentAsync(Class("""
            private readonly object _sync = new();
                private bool _starting;
                private bool _terminating;
            """, """
                void Terminate()
                {
                    Monitor.Enter(_sync);
                    if (!_starting)
                    {
                        bool restarted = _terminating;
                        _terminating = true;
                        Monitor.Exit(_sync);
                        if (!restarted)
                        {
                            Work();
                        }

                        Monitor.Enter(_sync);
                    }

                    Monitor.Exit(_sync);
                    Work();
                }
            """));

    [Fact]
    public Task Straight_run_of_stores_between_acquire_and_release_is_still_reported()
        // The textbook case: nothing in it can throw today, but a 'lock' statement says the same and stays right when a
        // call is added later. Only the branching shapes a 'lock' cannot express are left alone.
        => ReleaseInFinally.VerifyAnalyzerAsync(Class("""
            private readonly object _sync = new();
                private int _balance;
            """, """
                void Deposit(int amount)
                {
                    [|Monitor.Enter(_sync)|];
                    _balance += amount;
                    Monitor.Exit(_sync);
                }
            """));

    [Fact]
    public Task Division_before_the_release_is_still_reported()
        => ReleaseInFinally.VerifyAnalyzerAsync(Class("""
            private readonly object _sync = new();
                private int _total;
                private int _count;
            """, """
                void Average()
                {
                    [|Monitor.Enter(_sync)|];
                    _total = _total / _count;
                    Monitor.Exit(_sync);
                }
            """));
}
