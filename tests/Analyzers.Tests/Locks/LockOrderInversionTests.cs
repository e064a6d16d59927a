using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis.Testing;
using static Forklift.Analyzers.Tests.Locks.LockKinds;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.Locks.LockOrderInversionAnalyzer>;

namespace Forklift.Analyzers.Tests.Locks;

/// <summary>FL2004: two locks taken in opposite orders, in one method, across methods, or through helper calls.</summary>
public class LockOrderInversionTests
{
    [Fact]
    public Task OppositeOrdersInTwoMethods_AreReportedOnceWithBothOrders()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly object _a = new(); private readonly object _b = new();", """
                void Transfer()
                {
                    lock ({|#1:_a|})
                    {
                        lock ({|#0:_b|})
                        {
                            Work();
                        }
                    }
                }

                void Refund()
                {
                    lock ({|#2:_b|})
                    {
                        lock ({|#3:_a|})
                        {
                            Work();
                        }
                    }
                }
            """),
            new DiagnosticResult(LockOrderInversionAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("_b", "_a", string.Empty, "Refund", string.Empty));

    [Fact]
    public Task ThreeLocksInACycle_AreReportedOnceWithEveryStep()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly object _orders = new(); private readonly object _stock = new(); private readonly object _audit = new();", """
                void Reserve()
                {
                    lock ({|#1:_orders|})
                    {
                        lock ({|#0:_stock|}) { Work(); }
                    }
                }

                void Restock()
                {
                    lock (_stock)
                    {
                        {|#2:Log()|};
                    }
                }

                void Log()
                {
                    lock (_audit) { Work(); }
                }

                void Replay()
                {
                    lock (_audit)
                    {
                        lock ({|#3:_orders|}) { Work(); }
                    }
                }
            """),
            new DiagnosticResult(LockOrderInversionAnalyzer.CycleRule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("_stock", "_orders", "three", "'_stock' while holding '_orders' in 'Reserve', '_audit' while holding '_stock' in 'Restock' (through 'Log'), '_orders' while holding '_audit' in 'Replay'"));

    [Fact]
    public Task FourLocksInACycle_AreReported_ConsistentChainsAndGuardedCycles_AreSilent()
        => Verify.VerifyAnalyzerAsync(
            Class("""
                private readonly object _a = new(); private readonly object _b = new(); private readonly object _c = new(); private readonly object _d = new();
                private readonly object _p = new(); private readonly object _q = new(); private readonly object _r = new(); private readonly object _gate = new();
                private readonly object _x = new(); private readonly object _y = new(); private readonly object _z = new();
            """, """
                void AB() { lock ({|#1:_a|}) { lock ({|#0:_b|}) { Work(); } } }
                void BC() { lock (_b) { lock ({|#2:_c|}) { Work(); } } }
                void CD() { lock (_c) { lock ({|#3:_d|}) { Work(); } } }
                void DA() { lock (_d) { lock ({|#4:_a|}) { Work(); } } }

                void PQ() { lock (_gate) { lock (_p) { lock (_q) { Work(); } } } }
                void QR() { lock (_gate) { lock (_q) { lock (_r) { Work(); } } } }
                void RP() { lock (_gate) { lock (_r) { lock (_p) { Work(); } } } }

                void XY() { lock (_x) { lock (_y) { Work(); } } }
                void YZ() { lock (_y) { lock (_z) { Work(); } } }
                void XZ() { lock (_x) { lock (_z) { Work(); } } }
            """),
            new DiagnosticResult(LockOrderInversionAnalyzer.CycleRule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithLocation(4)
                .WithArguments("_b", "_a", "four", "'_b' while holding '_a' in 'AB', '_c' while holding '_b' in 'BC', '_d' while holding '_c' in 'CD', '_a' while holding '_d' in 'DA'"));

    /// <summary>
    /// grpc-dotnet's subchannel: under its lock it only starts a wait for the connect semaphore and keeps the task
    /// (<c>queued = _connect.WaitAsync(ct)</c>), awaited after the lock is left. Nothing blocks while the lock is held, so
    /// the connect that takes the lock while holding the semaphore cannot deadlock with it. Awaited inside the lock, it is
    /// the inversion.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task WaitStartedUnderALockAndAwaitedAfterIt_IsNoOrder(bool awaitedInside)
    {
        var source = Class("private readonly object _lock = new(); private readonly SemaphoreSlim _connect = new(1, 1);", $$"""
                public async Task RequestAsync(CancellationToken ct)
                {
                    Task? queued = null;
                    lock ({|#1:_lock|})
                    {
                        {{(awaitedInside ? "{|#0:_connect.Wait(ct)|};" : "queued = _connect.WaitAsync(ct);")}}
                    }

                    if (queued != null) await queued;
                    _connect.Release();
                }

                public async Task ConnectAsync()
                {
                    await {|#2:_connect.WaitAsync()|};
                    try
                    {
                        lock ({|#3:_lock|})
                        {
                        }
                    }
                    finally
                    {
                        _connect.Release();
                    }
                }
            """);
        return awaitedInside
            ? Verify.VerifyAnalyzerAsync(source, new DiagnosticResult(LockOrderInversionAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_connect", "_lock", "", "ConnectAsync", ""))
            : Verify.VerifyAnalyzerAsync(source.Replace("{|#1:", string.Empty).Replace("{|#2:", string.Empty).Replace("{|#3:", string.Empty).Replace("|}", string.Empty));
    }

    [Fact]
    public Task OrderThroughAHelperCall_IsReportedAtTheCall()
        => Verify.VerifyAnalyzerAsync(
            Class("private static readonly object s_accounts = new(); private static readonly SemaphoreSlim s_journal = new(1, 1);", """
                public static void Post()
                {
                    {|#1:Monitor.Enter(s_accounts)|};
                    try
                    {
                        {|#0:Append()|};
                    }
                    finally
                    {
                        Monitor.Exit(s_accounts);
                    }
                }

                private static void Append() => Write();

                private static void Write()
                {
                    s_journal.Wait();
                    try { Work(); } finally { s_journal.Release(); }
                }

                public static async Task CompactAsync()
                {
                    await {|#2:s_journal.WaitAsync()|};
                    try
                    {
                        lock ({|#3:s_accounts|})
                        {
                            Work();
                        }
                    }
                    finally
                    {
                        s_journal.Release();
                    }
                }

                static void Work() { }
            """).Replace("    void Work() { }\n", string.Empty),
            new DiagnosticResult(LockOrderInversionAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("s_journal", "s_accounts", " (through 'Append')", "CompactAsync", string.Empty));

    [Fact]
    public Task WriteLocksAndMonitorEnter_AreOrdered()
        => Verify.VerifyAnalyzerAsync(
            Class("private readonly ReaderWriterLockSlim _index = new(); private readonly object _files = new();", """
                void Add()
                {
                    {|#1:_index.EnterWriteLock()|};
                    try
                    {
                        {|#0:Monitor.Enter(_files)|};
                        try { Work(); } finally { Monitor.Exit(_files); }
                    }
                    finally
                    {
                        _index.ExitWriteLock();
                    }
                }

                void Flush()
                {
                    lock ({|#2:_files|})
                    {
                        {|#3:_index.EnterWriteLock()|};
                        try { Work(); } finally { _index.ExitWriteLock(); }
                    }
                }
            """),
            new DiagnosticResult(LockOrderInversionAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3).WithArguments("_files", "_index", string.Empty, "Flush", string.Empty));

    [Fact]
    public Task ConsistentOrdersGatedPairsTimedTriesReadLocksAndConstructors_AreSilent()
        => Verify.VerifyAnalyzerAsync(
            Class("""
                private readonly object _a = new();
                private readonly object _b = new();
                private readonly object _gate = new();
                private readonly object _c = new();
                private readonly object _d = new();
                private readonly ReaderWriterLockSlim _rw = new();
                private readonly SemaphoreSlim _signal = new(0);
            """, """
                C()
                {
                    lock (_b) { lock (_a) { Work(); } }
                }

                void Same1() { lock (_a) { lock (_b) { Work(); } } }

                void Same2() { lock (_a) { Helper(); } }

                void Helper() { lock (_b) { Work(); } }

                void Gated1() { lock (_gate) { lock (_c) { lock (_d) { Work(); } } } }

                void Gated2() { lock (_gate) { lock (_d) { lock (_c) { Work(); } } } }

                void TimedTry()
                {
                    lock (_b)
                    {
                        if (Monitor.TryEnter(_a, 100))
                        {
                            try { Work(); } finally { Monitor.Exit(_a); }
                        }
                    }
                }

                void Reads1()
                {
                    _rw.EnterReadLock();
                    try { lock (_a) { Work(); } } finally { _rw.ExitReadLock(); }
                }

                void Reads2()
                {
                    lock (_a)
                    {
                        _rw.EnterReadLock();
                        _rw.ExitReadLock();
                    }
                }

                void Signals1()
                {
                    lock (_a) { _signal.Wait(); }
                }

                void Signals2()
                {
                    _signal.Wait();
                    lock (_a) { Work(); }
                    _signal.Release();
                }

                void Others(C other)
                {
                    lock (_b)
                    {
                        other.Same1();
                    }
                }
            """));

    [Fact]
    public Task TwoParametersLockedInArgumentOrder_IsReported()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class Account
            {
                public readonly object Sync = new();
                public long Id;
                public decimal Balance;

                public static void Transfer(Account from, Account to, decimal amount)
                {
                    lock ({|#1:from.Sync|})
                    {
                        lock ({|#0:to.Sync|})
                        {
                            from.Balance -= amount;
                            to.Balance += amount;
                        }
                    }
                }

                public static void Swap(Account a, Account b)
                {
                    {|#3:Monitor.Enter(a)|};
                    try
                    {
                        {|#2:Monitor.Enter(b)|};
                        try { (a.Balance, b.Balance) = (b.Balance, a.Balance); } finally { Monitor.Exit(b); }
                    }
                    finally
                    {
                        Monitor.Exit(a);
                    }
                }

                public static void Ordered(Account from, Account to, decimal amount)
                {
                    if (from.Id < to.Id)
                    {
                        lock (from.Sync) { lock (to.Sync) { from.Balance -= amount; to.Balance += amount; } }
                    }
                    else
                    {
                        lock (to.Sync) { lock (from.Sync) { from.Balance -= amount; to.Balance += amount; } }
                    }
                }

                public static void Unrelated(Account account, object other)
                {
                    lock (account.Sync) { lock (other) { account.Balance = 0; } }
                }
            }
            """,
            new DiagnosticResult(LockOrderInversionAnalyzer.SwappedArgumentsRule).WithLocation(0).WithLocation(1).WithArguments("to.Sync", "from.Sync", "from", "to"),
            new DiagnosticResult(LockOrderInversionAnalyzer.SwappedArgumentsRule).WithLocation(2).WithLocation(3).WithArguments("b", "a", "a", "b"));
    [Fact]
    public Task Reentering_a_lock_already_held_orders_nothing()
        // Rx's LocalScheduler: the clock-change handler holds StaticGate, then Gate, and calls the helper that takes
        // StaticGate again; the helper's own callers take StaticGate, then Gate. Both orders are StaticGate first.
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class TimerQueue
            {
                private static readonly object Gate = new object();
                private static readonly object StaticGate = new object();
                private static readonly Queue<int> LongTerm = new Queue<int>();
                private static readonly Queue<int> ShortTerm = new Queue<int>();

                private static void ScheduleShortTerm(int item)
                {
                    lock (Gate) { ShortTerm.Enqueue(item); }
                }

                private static void EvaluateLongTerm()
                {
                    lock (StaticGate)
                    {
                        while (LongTerm.Count > 0) ScheduleShortTerm(LongTerm.Dequeue());
                    }
                }

                public static void ClockChanged()
                {
                    lock (StaticGate)
                    {
                        lock (Gate)
                        {
                            while (ShortTerm.Count > 0) LongTerm.Enqueue(ShortTerm.Dequeue());
                            EvaluateLongTerm();
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Taking_the_outer_lock_inside_the_inner_one_without_holding_it_first_is_an_inversion()
        => Verify.VerifyAnalyzerAsync("""
            class TimerQueue
            {
                private static readonly object Gate = new object();
                private static readonly object StaticGate = new object();
                private static int _work;

                private static void ScheduleShortTerm()
                {
                    lock (Gate) { _work++; }
                }

                private static void EvaluateLongTerm()
                {
                    lock (StaticGate) { _work--; }
                }

                public static void Evaluate()
                {
                    lock ({|#1:StaticGate|}) { {|#0:ScheduleShortTerm()|}; }
                }

                public static void ClockChanged()
                {
                    lock ({|#2:Gate|}) { {|#3:EvaluateLongTerm()|}; }
                }
            }
            """,
            new DiagnosticResult(LockOrderInversionAnalyzer.Rule).WithLocation(0).WithLocation(1).WithLocation(2).WithLocation(3)
                .WithArguments("Gate", "StaticGate", " (through 'ScheduleShortTerm')", "ClockChanged", " (through 'EvaluateLongTerm')"));
}
