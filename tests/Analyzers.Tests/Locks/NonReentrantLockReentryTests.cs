using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.Locks.NonReentrantLockReentryAnalyzer>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>FL2002: a lock that does not re-enter taken again on a path that holds it, directly or through calls.</summary>
public class NonReentrantLockReentryTests
{
    private const string SemaphoreForever = "a SemaphoreSlim with one permit does not re-enter, so the second wait blocks forever";
    private const string NoRecursion = "this ReaderWriterLockSlim does not support recursion, so the second enter throws LockRecursionException";
    private const string Spin = "a SpinLock does not re-enter: with owner tracking the second enter throws LockRecursionException, without it the thread spins forever";

    [Fact]
    public Task ReentryInOneMethod_IsReportedAtTheSecondAcquire()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1); private readonly ReaderWriterLockSlim _rw = new(); private SpinLock _spin = new(false);", """
                async Task Semaphore()
                {
                    await {|#1:_gate.WaitAsync()|};
                    try
                    {
                        {|#0:_gate.Wait()|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                void ReadInsideWrite()
                {
                    {|#3:_rw.EnterWriteLock()|};
                    try
                    {
                        {|#2:_rw.EnterReadLock()|};
                        _rw.ExitReadLock();
                    }
                    finally
                    {
                        _rw.ExitWriteLock();
                    }
                }

                void SpinTwice()
                {
                    bool a = false, b = false;
                    {|#5:_spin.Enter(ref a)|};
                    {|#4:_spin.Enter(ref b)|};
                    _spin.Exit();
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("_gate", SemaphoreForever),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.Rule).WithLocation(2).WithLocation(3).WithArguments("_rw", NoRecursion),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.Rule).WithLocation(4).WithLocation(5).WithArguments("_spin", Spin));

    /// <summary>
    /// grpc-dotnet's subchannel: a try-acquire that fails (<c>if (!_connect.Wait(0))</c>) holds nothing in the branch
    /// it takes then, so the queued <c>WaitAsync</c> there waits for the connect that holds the permit; in the branch
    /// where the try succeeded, a second wait is a re-entry.
    /// </summary>
    [Fact]
    public Task WaitInTheBranchWhereTheTryFailed_IsNotAReentry()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _connect = new(1, 1);", """
                async Task ConnectAsync(CancellationToken ct)
                {
                    Task? queued = null;
                    if (!_connect.Wait(0))
                    {
                        queued = _connect.WaitAsync(ct);
                    }

                    if (queued != null) await queued;
                    _connect.Release();
                }

                void Twice()
                {
                    if ({|#1:_connect.Wait(0)|})
                    {
                        {|#0:_connect.Wait()|};
                    }
                    else
                    {
                        _connect.Wait();
                    }

                    _connect.Release();
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("_connect", SemaphoreForever));

    /// <summary>
    /// MySqlConnector's ConnectionPool: the wait is made in one of two arms, <c>await WaitAsync()</c> or <c>Wait()</c>,
    /// and one <c>finally</c> releases either. No run reaches both; a wait after the choice is still a re-entry.
    /// </summary>
    [Fact]
    public Task WaitsInTwoArmsOfOneChoice_AreNotAReentry()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _clean = new(1, 1);", """
                async Task CleanAsync(bool async, int mode)
                {
                    if (async)
                        await _clean.WaitAsync();
                    else
                        _clean.Wait();

                    try
                    {
                        Work();
                    }
                    finally
                    {
                        _clean.Release();
                    }
                }

                async Task ChosenAsync(bool async) => await (async ? _clean.WaitAsync() : Task.Run(() => _clean.Wait()));

                void BySwitch(int mode)
                {
                    switch (mode)
                    {
                        case 0:
                            _clean.Wait();
                            break;
                        default:
                            _clean.Wait(100);
                            break;
                    }

                    _clean.Release();
                }

                async Task ThenAgainAsync(bool async)
                {
                    if (async)
                        await {|#1:_clean.WaitAsync()|};
                    else
                        _clean.Wait();

                    try
                    {
                        {|#0:_clean.Wait()|};
                    }
                    finally
                    {
                        _clean.Release();
                    }
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.Rule).WithLocation(0).WithLocation(1).WithArguments("_clean", SemaphoreForever));

    [Fact]
    public Task ReentryThroughCalls_IsReportedAtTheCall()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate; private static readonly ReaderWriterLockSlim s_rw = new(LockRecursionPolicy.NoRecursion);", """
                C() => _gate = new SemaphoreSlim(1, 1);

                public async Task SaveAsync()
                {
                    await {|#1:_gate.WaitAsync()|};
                    try
                    {
                        await {|#0:FlushAsync()|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                public async Task FlushAsync()
                {
                    await {|#2:_gate.WaitAsync()|};
                    try
                    {
                        await Task.Yield();
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                public static void Update()
                {
                    {|#4:s_rw.EnterWriteLock()|};
                    try
                    {
                        {|#3:Outer()|};
                    }
                    finally
                    {
                        s_rw.ExitWriteLock();
                    }
                }

                private static void Outer() => Inner();

                private static int Inner()
                {
                    {|#5:s_rw.EnterReadLock()|};
                    try { return 1; } finally { s_rw.ExitReadLock(); }
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_gate", "FlushAsync", SemaphoreForever),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(3).WithLocation(4).WithLocation(5).WithArguments("s_rw", "Outer", NoRecursion));

    /// <summary>
    /// A task the holder starts and does not wait for (set r R13, a false report: a show's end handler started with
    /// <c>_ = RunToEndAsync(token)</c> under the gate) parks at its <c>await _gate.WaitAsync()</c> until the holder
    /// releases. Awaited, the same call deadlocks; a synchronous <c>Wait()</c> blocks the holder's own thread.
    /// </summary>
    [Fact]
    public Task TaskNotWaitedFor_ParksAtAnAwaitedWait_AwaitedOrSynchronousWaitsAreReported()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                public async Task StartAsync()
                {
                    await {|#1:_gate.WaitAsync()|};
                    try
                    {
                        _ = RunToEndAsync();
                        var kept = RunToEndAsync();
                        await {|#0:RunToEndAsync()|}.ConfigureAwait(false);
                        {|#2:StopNow()|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                private async Task RunToEndAsync()
                {
                    await Task.Delay(10);
                    await {|#3:_gate.WaitAsync()|};
                    _gate.Release();
                }

                private Task StopNow()
                {
                    {|#4:_gate.Wait()|};
                    _gate.Release();
                    return Task.CompletedTask;
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(3).WithArguments("_gate", "RunToEndAsync", SemaphoreForever),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(2).WithLocation(1).WithLocation(4).WithArguments("_gate", "StopNow", SemaphoreForever));

    [Fact]
    public Task CallThatPassesTheFlagSkippingTheAcquire_IsSilent_OtherValuesAreReported()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                public void AppendAndCompact(bool full)
                {
                    {|#1:_gate.Wait()|};
                    try
                    {
                        Compact(alreadyLocked: true);
                        Trim(true, 4);
                        if (full) {|#0:Compact(false)|};
                        {|#3:Compact(full)|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                public void Compact(bool alreadyLocked)
                {
                    if (!alreadyLocked)
                        {|#2:_gate.Wait()|};
                    try { Work(); }
                    finally { if (!alreadyLocked) _gate.Release(); }
                }

                private void Trim(bool locked, int keep)
                {
                    if (locked) { Work(); return; }
                    _gate.Wait();
                    try { Work(); }
                    finally { _gate.Release(); }
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_gate", "Compact", SemaphoreForever),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(3).WithLocation(1).WithLocation(2).WithArguments("_gate", "Compact", SemaphoreForever));

    /// <summary>
    /// RabbitMQ.Client's topology recovery passes its "semaphore held" flag on: <c>RecoverQueuesAsync(…, held: true)</c>
    /// calls <c>RecordQueueAsync(…, held: held)</c>, which takes the semaphore only when it is not held. The constant is
    /// followed through the forwarding call; passing <c>false</c> is still reported.
    /// </summary>
    [Fact]
    public Task FlagForwardedThroughACallSkipsTheAcquire_FalseIsReported()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                public void Recover()
                {
                    {|#1:_gate.Wait()|};
                    try
                    {
                        RecoverQueues(held: true);
                        {|#0:RecoverQueues(held: false)|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                private void RecoverQueues(bool held)
                {
                    Work();
                    RecordQueue(held);
                }

                private void RecordQueue(bool held)
                {
                    if (!held)
                    {
                        {|#2:_gate.Wait()|};
                    }

                    try { Work(); }
                    finally { if (!held) _gate.Release(); }
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_gate", "RecoverQueues", SemaphoreForever));

    /// <summary>
    /// RabbitMQ.Client's topology recovery: a callee that runs under the caller's semaphore gives it up around a user
    /// callback and takes it back in a finally. That wait is the caller's hold coming back, not a second acquire; a
    /// callee that takes it without giving it up first is still reported.
    /// </summary>
    [Fact]
    public Task CalleeThatReleasesAroundACallbackAndTakesItBack_IsSilent_PlainReacquireIsReported()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate = new(1, 1);", """
                public async Task RecoverAsync(Func<Task> onError)
                {
                    await {|#1:_gate.WaitAsync()|};
                    try
                    {
                        await RecoverQueuesAsync(onError);
                        await {|#0:RecoverBindingsAsync()|};
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }

                private async Task RecoverQueuesAsync(Func<Task> onError)
                {
                    try
                    {
                        _gate.Release();
                        await onError();
                    }
                    finally
                    {
                        await _gate.WaitAsync();
                    }
                }

                private async Task RecoverBindingsAsync()
                {
                    await {|#2:_gate.WaitAsync()|};
                    _gate.Release();
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_gate", "RecoverBindingsAsync", SemaphoreForever));

    [Fact]
    public Task ReentryThroughPropertiesAndIndexers_IsReportedAtTheAccess()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion); private readonly SemaphoreSlim _gate = new(1, 1); private int[] _items = new int[4];", """
                public int Count { get { {|#2:_rw.EnterReadLock()|}; try { return _items.Length; } finally { _rw.ExitReadLock(); } } }

                public int Total => Sum();

                public int this[int i]
                {
                    get { {|#6:_gate.Wait()|}; try { return _items[i]; } finally { _gate.Release(); } }
                    set { {|#9:_gate.Wait()|}; try { _items[i] = value; } finally { _gate.Release(); } }
                }

                int Sum() { {|#4:_rw.EnterReadLock()|}; try { return _items[0]; } finally { _rw.ExitReadLock(); } }

                public void Add(int item)
                {
                    {|#1:_rw.EnterWriteLock()|};
                    try
                    {
                        if ({|#0:Count|} < 10 && {|#3:Total|} >= 0) _items[0] = item;
                    }
                    finally
                    {
                        _rw.ExitWriteLock();
                    }
                }

                public void Swap()
                {
                    {|#7:_gate.Wait()|};
                    try
                    {
                        var first = {|#5:this[0]|};
                        {|#8:this[1]|} = first;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("_rw", "Count", NoRecursion),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(3).WithLocation(1).WithLocation(4).WithArguments("_rw", "Total", NoRecursion),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(5).WithLocation(7).WithLocation(6).WithArguments("_gate", "this[]", SemaphoreForever),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(8).WithLocation(7).WithLocation(9).WithArguments("_gate", "this[]", SemaphoreForever));

    [Fact]
    public Task PropertiesOfOtherObjectsOrReentrantLocks_AreSilent()
        => Verify.VerifyAnalyzerAsync(
            Class("""
                private readonly ReaderWriterLockSlim _rw = new(LockRecursionPolicy.NoRecursion);
                private readonly ReaderWriterLockSlim _recursive = new(LockRecursionPolicy.SupportsRecursion);
                private int _count;
            """, """
                public int Count { get { _rw.EnterReadLock(); try { return _count; } finally { _rw.ExitReadLock(); } } set { _rw.EnterWriteLock(); try { _count = value; } finally { _rw.ExitWriteLock(); } } }

                public int Recursive { get { _recursive.EnterReadLock(); try { return _count; } finally { _recursive.ExitReadLock(); } } }

                public int Name { get; set; }

                public C Copy(C other)
                {
                    _rw.EnterWriteLock();
                    try
                    {
                        Name = nameof(Count).Length;
                        var copy = new C { Count = other.Count };
                        return copy;
                    }
                    finally
                    {
                        _rw.ExitWriteLock();
                    }
                }

                public int Read()
                {
                    _recursive.EnterWriteLock();
                    try { return Recursive; } finally { _recursive.ExitWriteLock(); }
                }
            """));

    [Fact]
    public Task ReentrantLocksAndUnknownOrDifferentLocks_AreSilent()
        => Verify.VerifyAnalyzerAsync(
            Class("""
                private readonly object _sync = new();
                private readonly Mutex _mutex = new();
                private readonly SemaphoreSlim _two = new(2);
                private readonly SemaphoreSlim _injected;
                private readonly SemaphoreSlim _gate = new(1, 1);
                private readonly ReaderWriterLockSlim _recursive = new(LockRecursionPolicy.SupportsRecursion);
                private readonly ReaderWriterLockSlim _rw = new();
            """, """
                C(SemaphoreSlim injected) => _injected = injected;

                void Monitors()
                {
                    lock (_sync)
                    {
                        Monitor.Enter(_sync);
                        Monitor.Exit(_sync);
                        lock (_sync) { Work(); }
                    }

                    _mutex.WaitOne();
                    _mutex.WaitOne();
                    _mutex.ReleaseMutex();
                    _mutex.ReleaseMutex();
                }

                void Semaphores(C other)
                {
                    _two.Wait();
                    _two.Wait();
                    _injected.Wait();
                    _injected.Wait();
                    _gate.Wait();
                    try
                    {
                        if (_gate.Wait(0)) { _gate.Release(); }
                        other.Helper();
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    _gate.Wait();
                    _gate.Release();
                }

                void Helper()
                {
                    _gate.Wait();
                    try { Work(); } finally { _gate.Release(); }
                }

                void ReaderWriter()
                {
                    _recursive.EnterWriteLock();
                    _recursive.EnterReadLock();
                    _recursive.ExitReadLock();
                    _recursive.ExitWriteLock();

                    _rw.EnterUpgradeableReadLock();
                    try
                    {
                        _rw.EnterWriteLock();
                        _rw.ExitWriteLock();
                    }
                    finally
                    {
                        _rw.ExitUpgradeableReadLock();
                    }

                    _rw.EnterReadLock();
                    _rw.ExitReadLock();
                    _rw.EnterWriteLock();
                    _rw.ExitWriteLock();
                }

                void Later()
                {
                    _gate.Wait();
                    try
                    {
                        Action a = () => Helper();
                        Task.Run(a);
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            """));

    [Fact]
    public Task ReentryThroughRecursionAndLocalFunctions_IsReported()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly SemaphoreSlim _gate = new(1);", """
                void Visit(int depth)
                {
                    {|#1:_gate.Wait()|};
                    try
                    {
                        if (depth > 0)
                        {
                            {|#0:Visit(depth - 1)|};
                        }

                        {|#2:Flush()|};
                    }
                    finally
                    {
                        _gate.Release();
                    }

                    void Flush()
                    {
                        {|#3:_gate.Wait()|};
                        _gate.Release();
                    }
                }
            """),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(0).WithLocation(1).WithLocation(1).WithArguments("_gate", "Visit", SemaphoreForever),
            new DiagnosticResult(NonReentrantLockReentryAnalyzer.ThroughCallRule).WithLocation(2).WithLocation(1).WithLocation(3).WithArguments("_gate", "Flush", SemaphoreForever));
}
