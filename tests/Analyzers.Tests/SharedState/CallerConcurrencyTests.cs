using Microsoft.CodeAnalysis.Text;
using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>Concurrency that comes from callers: types that synchronize their own state or are marked [ThreadSafe].</summary>
public class CallerConcurrencyTests
{
    private static Task VerifyInconsistentAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    private static Task VerifyMutationAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    [Fact]
    public Task Worker_thread_writes_the_field_that_Cancel_reads_and_nulls_under_its_lock()
        => VerifyInconsistentAsync(
            """
            using System.Threading;

            public sealed class Job { public void Abort() { } }

            public sealed class Runner
            {
                private readonly object _cancelLock = new object();
                private Job _current;
                private Thread _thread;

                public void Start()
                {
                    _thread = new Thread({|#1:Run|});
                    _thread.Start();
                }

                private void Run()
                {
                    while (true)
                    {
                        {|#0:_current = new Job()|};
                    }
                }

                public void Cancel()
                {
                    lock (_cancelLock)
                    {
                        _current?.Abort();
                        _current = null;
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_current", "written", "_cancelLock", "in 'Cancel' (2 of 3 accesses)",
                "'Run' runs as the callback handed out at line 13, concurrently with the members of 'Runner', and 'Runner' synchronizes its own state ('Cancel' locks '_cancelLock')"));

    [Fact]
    public Task Public_member_writes_without_the_lock_that_guards_most_accesses()
        => VerifyInconsistentAsync(
            """
            using System.Collections.Generic;

            public sealed class Cache
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, int> _items = new();
                private int _version;

                public void Set(string key, int value) { lock (_sync) { _items[key] = value; _version++; } }
                public int Get(string key) { lock (_sync) { return _items.TryGetValue(key, out var v) ? v + _version : 0; } }
                public void Clear() { [|_items.Clear()|]; [|_version = 0|]; }
                public int Count => [|_items.Count|];
            }
            """);

    [Fact]
    public async Task Partial_type_reports_each_race_once_in_the_file_that_holds_it()
    {
        // The type is analysed once for all its files and each file's model takes its own findings: the guard and the
        // counts come from every part, and no file reports another file's access or repeats one.
        var test = new CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using System.Collections.Generic;

                    public sealed partial class Cache
                    {
                        private readonly object _sync = new object();
                        private readonly Dictionary<string, int> _items = new();
                        private int _version;

                        public void Set(string key, int value) { lock (_sync) { _items[key] = value; _version++; } }
                    }
                    """,
                    """
                    public sealed partial class Cache
                    {
                        public int Get(string key) { lock (_sync) { return _items.TryGetValue(key, out var v) ? v + _version : 0; } }
                        public void Clear() { {|#0:_items.Clear()|}; }
                    }
                    """,
                    """
                    public sealed partial class Cache
                    {
                        public void Reset() { {|#1:_version = 0|}; }
                    }
                    """,
                },
                ExpectedDiagnostics =
                {
                    CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 29).WithArguments(
                        "_items", "modified", "_sync", "in 'Set' (2 of 3 accesses)",
                        "'Clear' may run on several threads at once: 'Cache' synchronizes its own state ('Set' locks '_sync')"),
                    CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(1).WithLocation("/0/Test0.cs", 3, 29).WithArguments(
                        "_version", "written", "_sync", "in 'Set' (2 of 3 accesses)",
                        "'Reset' may run on several threads at once: 'Cache' synchronizes its own state ('Set' locks '_sync')"),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public Task Private_helper_always_called_under_the_lock_is_guarded_by_it()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Pool
            {
                private readonly object _sync = new object();
                private readonly List<int> _free = new();
                private int _rented;

                public int Rent() { lock (_sync) { return Take(); } }
                public void Return(int item) { lock (_sync) { Put(item); } }

                private int Take() { _rented++; var last = _free[_free.Count - 1]; _free.RemoveAt(_free.Count - 1); return last; }
                private void Put(int item) { _rented--; _free.Add(item); }
            }
            """);

    [Fact]
    public Task Constructor_state_is_owned_until_published()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _sync = new object();
                private readonly List<string> _names = new();
                private int _count;

                public Registry(IEnumerable<string> names) { foreach (var n in names) { _names.Add(n); _count++; } }

                public void Add(string name) { lock (_sync) { _names.Add(name); _count++; } }
            }
            """);

    [Theory]
    [InlineData("", "Interlocked.Increment")]
    [InlineData("", "System.Threading.Interlocked.Increment")]
    [InlineData("", "global::System.Threading.Interlocked.Increment")]
    [InlineData("using Atomic = System.Threading.Interlocked;", "Atomic.Increment")]
    [InlineData("using static System.Threading.Interlocked;", "Increment")]
    [InlineData("global using Atomic = System.Threading.Interlocked;", "Atomic.Increment")]
    public async Task Interlocked_named_through_an_alias_or_using_static_still_synchronizes(string usingLine, string increment)
    {
        // Interlocked's members are told from common names (list.Add, writer.Write) by their receiver, before any body
        // is bound: every way of naming the type must still count, including an alias declared in another file.
        var test = new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    $$"""
                    using System.Threading;

                    public sealed class {|#1:Stats|}
                    {
                        private int _requests;
                        private readonly System.Collections.Generic.List<int> _log = new();

                        public void Request() { _log.Add(1); {{increment}}(ref _requests); }
                        public void Cancel() => {|#0:_requests--|};
                    }
                    """,
                    usingLine,
                },
                ExpectedDiagnostics =
                {
                    CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                        "_requests", "Cancel", "'Cancel' may run on several threads at once: 'Stats' synchronizes its own state ('Request' uses Interlocked on '_requests')"),
                },
            },
        };
        if (usingLine.StartsWith("using", StringComparison.Ordinal))
        {
            // A file-level alias or using static belongs to the file that calls.
            test.TestState.Sources[0] = (test.TestState.Sources[0].filename, SourceText.From(usingLine + "\n" + test.TestState.Sources[0].content.ToString()));
            test.TestState.Sources[1] = (test.TestState.Sources[1].filename, SourceText.From(string.Empty));
        }

        await test.RunAsync();
    }

    [Fact]
    public Task Plain_update_of_a_field_updated_with_Interlocked_elsewhere()
        => VerifyMutationAsync(
            """
            using System.Threading;

            public sealed class {|#1:Stats|}
            {
                private int _requests;
                private int _errors;

                public void Request() => Interlocked.Increment(ref _requests);
                public void Cancel() => {|#0:_requests--|};
                public void Error() => _errors++;
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_requests", "Cancel", "'Cancel' may run on several threads at once: 'Stats' synchronizes its own state ('Request' uses Interlocked on '_requests')"));

    [Fact]
    public Task Dispose_and_state_built_before_publication_are_not_judged()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            public sealed class Message : IDisposable
            {
                private readonly object _sync = new object();
                private object _result;
                private int _flags;
                private Timer _timer;

                internal void SetAsking() => _flags |= 4;
                public void Complete(object result) { lock (_sync) { _result = result; } }
                public object Result { get { lock (_sync) { return _result; } } }
                public void Dispose() { _timer?.Dispose(); _timer = null; _result = null; }
            }
            """);

    [Fact]
    public Task ThreadSafe_attribute_from_any_namespace_makes_every_unsynchronized_write_a_finding()
        => VerifyMutationAsync("""
            namespace Acme.Annotations { [System.AttributeUsage(System.AttributeTargets.Class)] public sealed class ThreadSafeAttribute : System.Attribute { } }

            namespace App
            {
                [Acme.Annotations.ThreadSafe]
                public sealed class Connection
                {
                    private object _state;
                    private string _name;
                    public void Open() { [|_state = new object()|]; _name = "open"; }
                }
            }
            """);

    [Fact]
    public Task ThreadSafe_type_mutating_a_list_without_a_lock()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            sealed class ThreadSafeAttribute : System.Attribute { }

            [ThreadSafe]
            public sealed class Subscribers
            {
                private readonly List<string> _names = new();
                public void Add(string name) => [|_names.Add(name)|];
            }
            """);

    [Fact]
    public Task Type_without_synchronization_is_not_assumed_concurrent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Builder
            {
                private readonly List<string> _parts = new();
                private int _length;
                public void Append(string part) { _parts.Add(part); _length += part.Length; }
            }
            """);

    /// <summary>
    /// Blind set aq, C31: a ledger whose posters each try to become the one applier with a compare-and-swap in a
    /// <c>while</c> condition, reset in the body's <c>finally</c>; the working dictionary is only changed behind it.
    /// </summary>
    [Fact]
    public Task Compare_and_swap_gate_in_a_while_condition_lets_one_caller_at_a_time_through()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading;

            /// <summary>Movements are posted from every scanner's thread.</summary>
            public sealed class TrayLedger
            {
                private readonly ConcurrentQueue<(string Variety, int Trays)> _pending = new();
                private readonly Dictionary<string, int> _working = new();
                private int _applying;

                public void Post(string variety, int trays)
                {
                    _pending.Enqueue((variety, trays));
                    while (Interlocked.CompareExchange(ref _applying, 1, 0) == 0)
                    {
                        try
                        {
                            while (_pending.TryDequeue(out var movement))
                            {
                                _working[movement.Variety] = _working.GetValueOrDefault(movement.Variety) + movement.Trays;
                            }
                        }
                        finally
                        {
                            Interlocked.Exchange(ref _applying, 0);
                        }

                        if (_pending.IsEmpty)
                        {
                            return;
                        }
                    }
                }
            }
            """);

    [Fact]
    public Task Compare_and_swap_gate_lets_one_caller_at_a_time_through()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public sealed class Flusher
            {
                private int _busy;
                private int _flushed;
                private int _pending;

                public void Add() => Interlocked.Increment(ref _pending);

                public void Flush()
                {
                    if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
                    {
                        return;
                    }

                    try
                    {
                        _flushed++;
                    }
                    finally
                    {
                        Volatile.Write(ref _busy, 0);
                    }
                }

                public void FlushIfIdle()
                {
                    if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0)
                    {
                        try { _flushed += 2; } finally { _busy = 0; }
                    }
                }
            }
            """);

    [Fact]
    public Task Timer_callback_guarded_by_an_Interlocked_running_flag()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public sealed class Poller
            {
                private readonly Timer _timer;
                private int _running;
                private int _polls;

                public Poller() => _timer = new Timer(_ => Tick(), null, 0, 100);

                private void Tick()
                {
                    if (Interlocked.Exchange(ref _running, 1) == 1) return;
                    try { _polls++; }
                    finally { Interlocked.Exchange(ref _running, 0); }
                }
            }
            """);

    [Fact]
    public Task Idempotent_lazy_cache_of_an_immutable_string_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync("""
            public sealed class Info
            {
                private readonly object _sync = new object();
                private string _version;
                private int _hits;

                public string Version => _version ??= Compute();
                public void Hit() { lock (_sync) { _hits++; } }
                private static string Compute() => "1.0";
            }
            """);

    [Fact]
    public Task Lock_held_by_callers_in_another_type_is_not_the_guard()
        => SharedStateSilence.VerifyNoRaceAsync("""
            public sealed class Account
            {
                private int _balance;
                public void Deposit(int amount) => _balance = amount;
            }

            public sealed class Bank
            {
                private readonly object _sync = new object();
                private readonly Account _account = new Account();
                public void Transfer(int amount) { lock (_sync) { _account.Deposit(amount); } }
            }
            """);

    [Fact]
    public Task Lambda_run_inside_the_lock_holds_it_and_a_callback_does_not()
        => VerifyInconsistentAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Index
            {
                private readonly object _sync = new object();
                private readonly List<int> _ids = new();
                private readonly HashSet<int> _removed = new();

                public void Add(int id) { lock (_sync) { _ids.Add(id); _removed.Remove(id); } }
                public void Remove(int id) { lock (_sync) { _removed.Add(id); } }
                public int[] Live() { lock (_sync) { return _ids.Where(i => !_removed.Contains(i)).ToArray(); } }
                public void Compact() { lock (_sync) { _ids.RemoveAll(i => _removed.Contains(i)); } }
                public Task CompactLaterAsync() { lock (_sync) { return Task.Run(() => [|_ids.Clear()|]); } }
            }
            """);

    [Fact]
    public Task Set_up_before_the_method_starts_its_own_threads_is_not_a_race_with_callers()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public static class Account
            {
                private static readonly object BalanceLock = new();
                private static long balance;

                public static long Run(int iterations)
                {
                    balance = 0;
                    var first = new Thread(() => Change(5));
                    var second = new Thread(() => Change(8));
                    first.Start(); second.Start(); first.Join(); second.Join();
                    return balance;
                }

                private static void Change(int amount)
                {
                    lock (BalanceLock) { balance = balance + amount; balance = balance - amount; }
                }
            }
            """);

    [Fact]
    public Task Unlocked_copy_of_a_struct_whose_fields_are_updated_under_the_lock_is_torn()
        => VerifyInconsistentAsync("""
            public struct Summary { public long Count; public double Sum; }

            public sealed class Histogram
            {
                private readonly object _gate = new object();
                private Summary _summary;

                public void Record(double value)
                {
                    lock (_gate)
                    {
                        _summary.Count++;
                        _summary.Sum += value;
                    }
                }

                public Summary Snapshot() => [|_summary|];
            }
            """);

    [Fact]
    public Task Unlocked_read_of_a_one_word_value_guarded_elsewhere_is_not_torn()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;

            public sealed class Clock
            {
                private readonly object _gate = new object();
                private DateTime _last;
                private long _ticks;

                public void Tick() { lock (_gate) { _last = DateTime.UtcNow; _ticks++; } }
                public DateTime Last => _last;
                public long Ticks => _ticks;
            }
            """);

    [Fact]
    public Task Pooled_item_taken_with_a_plain_store_beside_a_compare_and_swap_of_the_same_slots()
        => VerifyMutationAsync("""
            using System.Text;
            using System.Threading;

            public sealed class BuilderPool
            {
                private readonly StringBuilder[] _items = new StringBuilder[8];

                public StringBuilder Rent()
                {
                    var items = _items;
                    for (var i = 0; i < items.Length; i++)
                    {
                        var item = items[i];
                        if (item != null)
                        {
                            [|items[i] = null|];
                            return item;
                        }
                    }

                    return new StringBuilder();
                }

                public void Return(StringBuilder builder)
                {
                    for (var i = 0; i < _items.Length; i++)
                    {
                        if (Interlocked.CompareExchange(ref _items[i], builder, null) == null) return;
                    }
                }
            }
            """);

    [Fact]
    public Task Count_taken_with_a_plain_reset_beside_interlocked_increments()
        => VerifyMutationAsync("""
            using System.Threading;

            public sealed class BeltCounter
            {
                private long _itemsThisInterval;

                public void OnItem() => Interlocked.Increment(ref _itemsThisInterval);

                public long TakeInterval()
                {
                    var count = _itemsThisInterval;
                    [|_itemsThisInterval = 0|];
                    return count;
                }
            }
            """);

    /// <summary>Set z R15: the count copied with <c>Interlocked.Read</c> before the plain reset is taken all the same.</summary>
    [Fact]
    public Task Count_read_atomically_then_reset_with_a_plain_store_beside_interlocked_increments()
        => VerifyMutationAsync("""
            using System.Threading;

            public sealed class RepairMetrics
            {
                private long _completed;
                private long _returned;

                public void RecordCompleted() => Interlocked.Increment(ref _completed);

                public void RecordReturned() => Interlocked.Increment(ref _returned);

                public (long Completed, long Returned) Collect()
                {
                    long completed = Interlocked.Read(ref _completed);
                    [|_completed = 0|];
                    long returned = Interlocked.Exchange(ref _returned, 0);
                    return (completed, returned);
                }
            }
            """);

    [Fact]
    public Task Reset_that_reads_nothing_first_beside_interlocked_increments()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public sealed class BeltCounter
            {
                private long _itemsThisInterval;

                public void OnItem() => Interlocked.Increment(ref _itemsThisInterval);

                public long Peek() => Interlocked.Read(ref _itemsThisInterval);

                public void Reset() => _itemsThisInterval = 0;
            }
            """);

    /// <summary>
    /// Set q R11: the paddle stored after the compare-and-swap of the leading bid succeeded. A later bidder can swap
    /// before the earlier one's store lands, so the paddle shown can belong to the lower bid.
    /// </summary>
    [Fact]
    public Task Second_field_stored_after_a_swap_of_the_first_against_a_value_read_before()
        => VerifyMutationAsync("""
            using System.Threading;

            public sealed class LotBook
            {
                private long _leadingMax;
                private string? _leadingPaddle;

                public bool TryPlace(string paddle, long max)
                {
                    while (true)
                    {
                        var current = Interlocked.Read(ref _leadingMax);
                        if (max <= current) return false;
                        if (Interlocked.CompareExchange(ref _leadingMax, max, current) == current)
                        {
                            [|_leadingPaddle = paddle|];
                            return true;
                        }
                    }
                }

                public (string? Paddle, long Max) Leading() => (Volatile.Read(ref _leadingPaddle), Interlocked.Read(ref _leadingMax));
            }
            """);

    [Fact]
    public Task Second_field_stored_behind_a_gate_or_a_one_time_swap_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            public sealed class Runner
            {
                private int _busy;
                private object? _instance;
                private string? _lastRunBy;
                private DateTime _createdAt;

                public bool TryRun(string who)
                {
                    if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
                    try
                    {
                        _lastRunBy = who;
                        return true;
                    }
                    finally
                    {
                        Volatile.Write(ref _busy, 0);
                    }
                }

                public object Instance()
                {
                    var created = new object();
                    if (Interlocked.CompareExchange(ref _instance, created, null) == null)
                    {
                        _createdAt = DateTime.UtcNow;
                    }

                    return Volatile.Read(ref _instance)!;
                }

                public string? LastRunBy => Volatile.Read(ref _lastRunBy);
            }
            """);

    /// <summary>
    /// Set t R16: a total read with <c>Volatile.Read</c> and written back with <c>Volatile.Write</c>: each step is atomic,
    /// the update is not. A compare-and-swap loop over the same read is one update and stays silent.
    /// </summary>
    [Fact]
    public Task Total_read_and_written_back_in_two_volatile_steps()
        => VerifyMutationAsync("""
            using System.Threading;

            public sealed class Revenue
            {
                private long _total;
                private long _max;

                public long Total => Volatile.Read(ref _total);

                public void Add(long cents)
                {
                    var current = Volatile.Read(ref _total);
                    [|Volatile.Write(ref _total, current + cents)|];
                }

                public void Record(long cents)
                {
                    long seen;
                    do
                    {
                        seen = Volatile.Read(ref _max);
                        if (cents <= seen) return;
                    }
                    while (Interlocked.CompareExchange(ref _max, cents, seen) != seen);
                }
            }
            """);

    /// <summary>
    /// Set t R09: an internal member that the library's own kitchen worker calls decrements a count that the public
    /// ordering member increments with <c>Interlocked</c>. Internal members are not entries, but a plain update beside an
    /// atomic one loses it whoever calls it.
    /// </summary>
    [Fact]
    public Task Internal_member_updating_plainly_a_count_changed_with_Interlocked()
        => VerifyMutationAsync("""
            using System.Threading;

            public sealed class OrderQueue
            {
                private int _pending;

                public int Pending => Volatile.Read(ref _pending);

                public void Place() => Interlocked.Increment(ref _pending);

                internal void MarkServed()
                {
                    [|_pending--|];
                }
            }
            """);

    [Fact]
    public Task Internal_single_writer_beside_atomic_reads_only_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public sealed class Pump
            {
                private long _served;
                private int _ticks;

                public long Served => Interlocked.Read(ref _served);

                public int Ticks => Volatile.Read(ref _ticks);

                internal void OnServed()
                {
                    _served++;
                    _ticks += 2;
                }
            }
            """);

    /// <summary>
    /// Minimized from NLog's <c>NullTarget</c> (a false report of the first version of the rule above, out-s34d): the
    /// base type calls the protected <c>Write</c> under its lock, and only in the mode where the thread-safe override does
    /// not count with <c>Interlocked</c>. A protected override is the base type's to call.
    /// </summary>
    [Fact]
    public Task Protected_override_updating_plainly_a_count_another_override_changes_with_Interlocked_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public abstract class Target
            {
                protected object SyncRoot { get; } = new();

                protected virtual void WriteThreadSafe(string message)
                {
                    lock (SyncRoot) { Write(message); }
                }

                protected abstract void Write(string message);
            }

            public sealed class NullTarget : Target
            {
                private int _count;

                public bool Format { get; set; }

                public int Count => _count;

                protected override void WriteThreadSafe(string message)
                {
                    if (Format) base.WriteThreadSafe(message);
                    else Interlocked.Increment(ref _count);
                }

                protected override void Write(string message)
                {
                    _count++;
                }
            }
            """);

    [Fact]
    public Task Pooled_item_put_back_into_the_slot_its_holder_took_it_from()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Text;
            using System.Threading;

            public sealed class BuilderPool
            {
                private readonly StringBuilder[] _slots = new StringBuilder[8];

                public (StringBuilder Item, int Slot) Acquire()
                {
                    for (var i = 0; i < _slots.Length; i++)
                    {
                        var item = _slots[i];
                        if (item != null && item == Interlocked.CompareExchange(ref _slots[i], null, item)) return (item, i);
                    }

                    return (new StringBuilder(), -1);
                }

                public void Release(StringBuilder item, int slot)
                {
                    item.Clear();
                    if (slot >= 0) _slots[slot] = item;
                }
            }
            """);

    [Fact]
    public Task Counter_read_under_the_lock_and_incremented_outside_it()
        => VerifyInconsistentAsync("""
            using System.Threading.Tasks;

            public sealed class ConnectionPool
            {
                private readonly object _sync = new object();
                private int _created;

                public int TotalCreated { get { lock (_sync) return _created; } }

                public async Task<object> OpenAsync()
                {
                    await Task.Yield();
                    [|_created++|];
                    return new object();
                }
            }
            """);

    [Fact]
    public Task Field_read_under_the_lock_and_set_plainly_outside_it_is_not_a_lost_update()
        => SharedStateSilence.VerifyNoRaceAsync("""
            public sealed class Status
            {
                private readonly object _sync = new object();
                private int _state;

                public int State { get { lock (_sync) return _state; } }
                public void Open() => _state = 1;
            }
            """);

    [Fact]
    public Task Clearing_a_lazily_created_field_takes_nothing()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Properties
            {
                private Dictionary<string, object> _values;

                public Dictionary<string, object> Values
                {
                    get
                    {
                        if (_values is null)
                        {
                            Interlocked.CompareExchange(ref _values, new Dictionary<string, object>(), null);
                        }

                        return _values;
                    }
                }

                public void Clear()
                {
                    if (_values != null)
                        _values = null;
                }
            }
            """);
    [Fact]
    public Task Timer_callback_reaching_the_object_through_its_state_argument_writes_without_the_lock()
        => VerifyInconsistentAsync("""
            using System;
            using System.Threading;

            public sealed class TokenBucket
            {
                private readonly object _lock = new object();
                private readonly Timer _timer;
                private double _tokens;

                public TokenBucket(TimeSpan interval)
                {
                    _timer = new Timer(static state => ((TokenBucket)state!).Refill(), this, interval, interval);
                }

                public double Available { get { lock (_lock) return _tokens; } }

                public bool TryTake()
                {
                    lock (_lock)
                    {
                        if (_tokens < 1) return false;
                        _tokens -= 1;
                        return true;
                    }
                }

                private void Refill() => [|_tokens = Math.Min(10, _tokens + 1)|];
            }
            """);

    [Fact]
    public Task Timer_callback_through_its_state_argument_that_takes_the_lock_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            public sealed class TokenBucket
            {
                private readonly object _lock = new object();
                private readonly Timer _timer;
                private double _tokens;

                public TokenBucket(TimeSpan interval)
                {
                    _timer = new Timer(static state => ((TokenBucket)state!).Refill(), this, interval, interval);
                }

                public double Available { get { lock (_lock) return _tokens; } }

                private void Refill() { lock (_lock) _tokens = Math.Min(10, _tokens + 1); }
            }
            """);

    [Fact]
    public Task Maximum_kept_by_compare_then_store_beside_atomic_counters()
        => VerifyMutationAsync("""
            using System.Threading;

            public sealed class Latencies
            {
                private long _count;
                private double _max;

                public void Record(double ms)
                {
                    Interlocked.Increment(ref _count);
                    if (ms > _max) [|_max = ms|];
                }

                public double Max => Volatile.Read(ref _max);
            }
            """);

    [Fact]
    public Task Maximum_kept_under_the_lock_or_a_null_checked_store_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public sealed class Latencies
            {
                private readonly object _gate = new object();
                private long _count;
                private double _max;
                private string _name;

                public void Record(double ms)
                {
                    Interlocked.Increment(ref _count);
                    lock (_gate)
                    {
                        if (ms > _max) _max = ms;
                    }

                    if (_name == null) _name = "latency";
                }

                public double Max { get { lock (_gate) return _max; } }
            }
            """);

    /// <summary>
    /// Set z R01: request threads append to the pending buffer under the lock, and the library's checkpoint loop calls
    /// the internal 'Checkpoint', which reads the sequence number under the same lock and then copies and truncates the
    /// buffer without it. PENDING is the buffer's type, APPEND(x) and TRUNCATE its calls.
    /// </summary>
    private const string Journal = """
        using System;
        using System.IO;
        using System.Threading;

        public sealed class Journal
        {
            private readonly object _appendLock = new object();
            private readonly PENDING _pending = new PENDING();
            private readonly Stream _target;
            private long _next = 1;

            public Journal(Stream target) { _target = target; }

            public long Append(byte[] payload)
            {
                lock (_appendLock)
                {
                    long lsn = _next++;
                    APPEND(BitConverter.GetBytes(lsn));
                    APPEND(BitConverter.GetBytes(payload.Length));
                    APPEND(payload);
                    return lsn;
                }
            }

            internal long Checkpoint()
            {
                long upTo;
                lock (_appendLock) { upTo = _next - 1; }

                byte[] bytes = [|_pending.ToArray()|];
                [|TRUNCATE|];
                _target.Write(bytes, 0, bytes.Length);
                return upTo;
            }
        }

        public sealed class Checkpointer
        {
            private readonly Journal _journal;

            public Checkpointer(Journal journal) => _journal = journal;

            public long Run() => _journal.Checkpoint();
        }
        """;

    [Fact]
    public Task Internal_method_that_takes_the_lock_runs_beside_the_public_members()
        => VerifyInconsistentAsync(Journal.Replace("PENDING", "System.Collections.Generic.List<byte>").Replace("APPEND(", "_pending.AddRange(").Replace("TRUNCATE", "_pending.Clear()"));

    [Fact]
    public Task Internal_method_that_takes_no_lock_is_left_to_its_callers()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Journal
            {
                private readonly object _appendLock = new object();
                private readonly List<byte> _pending = new List<byte>();

                public void Append(byte[] payload)
                {
                    lock (_appendLock) { _pending.AddRange(payload); _pending.Add(0); }
                }

                public byte[] Drain()
                {
                    lock (_appendLock) { return TakeAll(); }
                }

                internal byte[] TakeAll()
                {
                    var bytes = _pending.ToArray();
                    _pending.Clear();
                    return bytes;
                }
            }
            """);

    [Fact]
    public Task Memory_stream_written_under_the_lock_is_copied_and_truncated_without_it()
        => VerifyInconsistentAsync(Journal.Replace("PENDING", "MemoryStream").Replace("APPEND(", "_pending.Write(").Replace("TRUNCATE", "_pending.SetLength(0)"));

    [Fact]
    public Task Memory_stream_used_only_under_its_lock_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.IO;
            using System.Threading;

            public sealed class Journal
            {
                private readonly object _appendLock = new object();
                private readonly MemoryStream _pending = new MemoryStream();
                private readonly Stream _target;

                public Journal(Stream target) { _target = target; }

                public void Append(byte[] payload)
                {
                    lock (_appendLock) { _pending.Write(payload, 0, payload.Length); }
                }

                internal void Checkpoint()
                {
                    byte[] bytes;
                    lock (_appendLock)
                    {
                        bytes = _pending.ToArray();
                        _pending.SetLength(0);
                    }

                    _target.Write(bytes, 0, bytes.Length);
                }
            }
            """);

    [Fact]
    public Task Struct_copied_under_the_read_lock_is_not_reported_beside_one_copied_without_it()
        => VerifyInconsistentAsync("""
            using System.Threading;

            internal readonly struct Labels
            {
                public readonly string[] Names;
                public readonly string[] Values;
                public Labels(string[] names, string[] values) { Names = names; Values = values; }
                public int Length => Names?.Length ?? 0;
            }

            public sealed class Registry
            {
                private readonly object _firstCollectLock = new object();
                private readonly ReaderWriterLockSlim _labelsLock = new ReaderWriterLockSlim();
                private Labels _labels;
                private bool _collected;

                public int LabelCount => [|_labels|].Length;

                public void SetLabels(string[] names, string[] values)
                {
                    _labelsLock.EnterWriteLock();
                    try
                    {
                        if (_labels.Length != 0) throw new System.InvalidOperationException();
                        lock (_firstCollectLock)
                        {
                            if (_collected) throw new System.InvalidOperationException();
                            _labels = new Labels(names, values);
                        }
                    }
                    finally
                    {
                        _labelsLock.ExitWriteLock();
                    }
                }

                internal Labels GetLabels()
                {
                    _labelsLock.EnterReadLock();
                    try
                    {
                        return _labels;
                    }
                    finally
                    {
                        _labelsLock.ExitReadLock();
                    }
                }

                public void Collect() { lock (_firstCollectLock) { _collected = true; } }
            }
            """);

    [Fact]
    public Task Internal_setup_that_locks_only_to_start_a_timer_shares_nothing_with_the_members()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;

            public sealed class Connector
            {
                private readonly object _sync = new object();
                private readonly Timer _keepAlive;
                private byte[] _buffer = new byte[16];
                private int _pending;

                public Connector() { _keepAlive = new Timer(_ => KeepAlive(), null, Timeout.Infinite, Timeout.Infinite); }

                internal void Open(int period)
                {
                    _buffer = new byte[period];
                    lock (_sync) { _keepAlive.Change(period, period); }
                }

                public void Send() { lock (_sync) { _pending++; _buffer[0] = 1; } }

                private void KeepAlive()
                {
                    if (!Monitor.TryEnter(_sync)) return;
                    try { _pending = 0; } finally { Monitor.Exit(_sync); }
                }
            }
            """);

    private const string LocalFunctionUpdate = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Recorder
        {
            private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
            private readonly Dictionary<string, string> _consumers = new Dictionary<string, string>();

            public async Task RecordAsync(string tag, string queue)
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try { _consumers.Remove(tag + "-old"); _consumers[tag] = queue; _consumers.TrimExcess(); _consumers.EnsureCapacity(8); }
                finally { _gate.Release(); }
            }

            public async Task RecoverAsync()
            {
                await _gate.WaitAsync().ConfigureAwait(false);
                try { Rename("old", "new"); }
                finally { _gate.Release(); }
            }

            private void Rename(string oldName, string newName)
            {
                CALL;

                void Update(string from, string to)
                {
                    foreach (var tag in _consumers.Keys.ToArray())
                    {
                        if (_consumers[tag] == from) { MARKED; }
                    }
                }
            }
        }
        """;

    [Fact]
    public Task Local_function_called_in_place_holds_the_lock_its_caller_took()
        => SharedStateSilence.VerifyNoRaceAsync(LocalFunctionUpdate.Replace("CALL", "Update(oldName, newName)").Replace("MARKED", "_consumers[tag] = to"));

    private static string Formatter(string format) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;

        /// <summary>Formats batting lines for the live scorecard feed. Used directly from the feed's request handlers.</summary>
        public static class ScorecardFormatter
        {
            private static readonly StringBuilder Scratch = new StringBuilder(256);

            public static string FormatLine(int runs)
            {
                {|#0:Scratch.Clear()|};
                Scratch.Append(runs);
                return Scratch.ToString();
            }

            public static string FormatInnings(IEnumerable<int> lines) => string.Join("\n", {{format}});
        }
        """;

    [Theory]
    [InlineData("lines.Select(FormatLine)")]
    [InlineData("lines.Select(line => FormatLine(line))")]
    public Task Method_group_given_to_LINQ_runs_in_the_call_as_a_lambda_does(string format)
        // Set bl R10: 'lines.Select(FormatLine)' runs 'FormatLine' right there, on the caller's thread; it is not started
        // work, so 'FormatLine' stays one of the members callers call at once.
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Formatter(format).Replace("Scratch.Append(runs)", "{|#1:Scratch.Append(runs)|}"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithSpan(6, 21, 6, 39).WithArguments(
                "Scratch", "StringBuilder", "FormatLine", "'FormatLine' may run on several threads at once: 'ScorecardFormatter' is documented as shared (\"request handlers\")"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithSpan(6, 21, 6, 39).WithArguments(
                "Scratch", "StringBuilder", "FormatLine", "'FormatLine' may run on several threads at once: 'ScorecardFormatter' is documented as shared (\"request handlers\")"));
}
