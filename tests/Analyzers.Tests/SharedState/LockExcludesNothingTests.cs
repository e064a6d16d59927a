using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.LockExcludesNothingAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class LockExcludesNothingTests
{
    [Fact]
    public Task New_object_per_call()
        => Verify.VerifyAnalyzerAsync("""
            class C
            {
                int count;
                void M()
                {
                    lock ({|#0:new object()|}) { count++; }
                    var gate = new object();
                    lock ([|gate|]) { count++; }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (new object())", "the object is created for this call only"));

    [Fact]
    public Task Property_or_method_that_creates_what_it_returns()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            class Recorder
            {
                private readonly Dictionary<string, int> _counts = new();
                private readonly object _gate = new();
                private object SyncRoot => new object();
                private object Fresh { get { return new(); } }
                private object Shared => _gate;
                private object Cached => _lazy ??= new object();
                private object? _lazy;
                private static object NewGate() => new object();

                public void Record(string key)
                {
                    lock ({|#0:SyncRoot|}) { _counts[key] = 1; }
                    lock ([|Fresh|]) { _counts[key] = 2; }
                    lock ({|#1:NewGate()|}) { _counts[key] = 3; }
                    lock (Shared) { _counts[key] = 4; }
                    lock (Cached) { _counts[key] = 5; }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (SyncRoot)", "'SyncRoot' creates a new object each time it is read"),
            Verify.Diagnostic().WithLocation(1).WithArguments("lock (NewGate())", "'NewGate' creates a new object for each call"));

    [Fact]
    public Task Field_replaced_while_it_is_locked()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class BatchingTarget
            {
                private List<string> _pending = new();
                private object _gate = new();
                private object? _lazyGate;
                private object _sharedGate;
                private object _exchanged = new();

                public BatchingTarget() => _sharedGate = new object();

                public void Write(string line)
                {
                    lock ({|#0:_pending|}) { _pending.Add(line); }
                    lock (_gate) { _pending.Add(line); }
                    lock (_lazyGate ??= new object()) { _pending.Add(line); }
                    lock (_sharedGate) { _pending.Add(line); }
                    lock ([|_exchanged|]) { _pending.Add(line); }
                }

                public List<string> Flush()
                {
                    lock ([|_pending|])
                    {
                        var batch = _pending;
                        _pending = new List<string>();
                        return batch;
                    }
                }

                public object Gate => LazyInitializer.EnsureInitialized(ref _lazyGate!, () => new object());

                public void Swap() => Interlocked.Exchange(ref _exchanged, new object());

                public void Initialize() => _gate = new object();
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (_pending)", "'_pending' is set to another object in 'Flush' (line 28), so a thread that locked the old object and one that locks the new one run at the same time"));

    [Fact]
    public Task String_built_per_call_and_boxed_value()
        => Verify.VerifyAnalyzerAsync("""
            class C
            {
                int count;
                void M(string key, int id)
                {
                    lock ([|"user:" + key|]) { count++; }
                    lock ([|$"user:{key}"|]) { count++; }
                    lock ([|key.ToUpperInvariant()|]) { count++; }
                    lock ([|(object)id|]) { count++; }
                    lock (string.Intern("user:" + key)) { count++; }
                }
            }
            """);

    [Fact]
    public Task Local_set_once_to_a_string_built_per_call()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;

            class C
            {
                int count;
                readonly ConcurrentDictionary<string, string> _keys = new();
                void M(string tenant, string id)
                {
                    string key = $"{tenant}/{id}";
                    lock ({|#0:key|}) { count++; }
                    var shared = _keys.GetOrAdd(key, k => k);
                    lock (shared) { count++; }
                    var interned = string.Intern(key);
                    lock (interned) { count++; }
                    var reassigned = tenant + id;
                    reassigned = tenant;
                    lock (reassigned) { count++; }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (key)", "'key' is set once in this call, and the string is built anew for each call, so equal text is still a different object"));

    [Fact]
    public Task Readonly_or_copied_SpinLock()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading;

            class C
            {
                private readonly SpinLock _readonlySpin = new SpinLock(false);
                private SpinLock _spin = new SpinLock(false);
                private int _count;

                void M()
                {
                    bool taken = false;
                    try { [|_readonlySpin|].Enter(ref taken); _count++; } finally { if (taken) _readonlySpin.Exit(); }
                    taken = false;
                    var copy = _spin;
                    try { [|copy|].Enter(ref taken); _count++; } finally { if (taken) copy.Exit(); }
                    taken = false;
                    try { _spin.Enter(ref taken); _count++; } finally { if (taken) _spin.Exit(); }
                    ref var alias = ref _spin;
                    taken = false;
                    try { alias.Enter(ref taken); _count++; } finally { if (taken) alias.Exit(); }
                }
            }
            """);

    [Fact]
    public Task Instance_lock_guarding_a_static_total()
        => Verify.VerifyAnalyzerAsync("""
            class Meter
            {
                private static long s_total;
                private static readonly object s_gate = new object();
                private readonly object _gate = new object();
                private long _mine;

                public void Add(long n)
                {
                    lock (_gate)
                    {
                        _mine += n;
                        {|#0:s_total += n|};
                    }

                    lock (_gate)
                    {
                        lock (s_gate) { s_total += n; }
                    }

                    lock (s_gate) { s_total += n; }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (_gate)", "'s_total' is static, but each instance has its own lock, so two instances update it at once"));

    /// <summary>Blind set k, R14: a per-instance lock around a static dictionary that every instance fills.</summary>
    [Fact]
    public Task Instance_lock_guarding_a_static_collection()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            class Encoder<T>
            {
                private static readonly Dictionary<string, int> Vocabulary = new();
                private static readonly List<string> Order = new();
                private static readonly ConcurrentDictionary<string, int> Seen = new();
                private static readonly object s_gate = new object();
                private readonly object _gate = new object();
                private readonly List<string> _mine = new();

                public int Encode(string key)
                {
                    lock (_gate)
                    {
                        _mine.Add(key);
                        Seen.TryAdd(key, 0);
                        if (!Vocabulary.TryGetValue(key, out var id))
                        {
                            id = Vocabulary.Count;
                            {|#0:Vocabulary.Add(key, id)|};
                            {|#1:Vocabulary[key + "!"] = id|};
                            {|#2:Vocabulary[key]++|};
                        }

                        lock (s_gate) { Order.Add(key); }
                        return id;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (_gate)", "'Vocabulary' is static, but each instance has its own lock, so two instances update it at once"),
            Verify.Diagnostic().WithLocation(1).WithArguments("lock (_gate)", "'Vocabulary' is static, but each instance has its own lock, so two instances update it at once"),
            Verify.Diagnostic().WithLocation(2).WithArguments("lock (_gate)", "'Vocabulary' is static, but each instance has its own lock, so two instances update it at once"));

    [Fact]
    public Task Shared_locks_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private readonly object _gate = new object();
                private static readonly object s_gate = new object();
                private int _count;

                void M(int[] items)
                {
                    lock (_gate) { _count++; }
                    lock (s_gate) { _count++; }
                    lock (this) { _count++; }
                    var sync = new object();
                    var sum = 0;
                    Parallel.ForEach(items, i => { lock (sync) { sum += i; } });
                    lock ("constant") { _count++; }
                }
            }
            """);

    private const string Booking = """
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class BookingService
        {
            private readonly SemaphoreSlim _renderSlots;
            private readonly int _capacity;
            private int _seatsSold;

            public BookingService(int capacity, int maxConcurrentRenders = 4)
            {
                _capacity = capacity;
                _renderSlots = new SemaphoreSlim(CREATED);
            }

            public async Task<bool> BookAsync(int seats)
            {
                await _renderSlots.WaitAsync().ConfigureAwait(false);
                try
                {
                    var sold = _seatsSold;
                    if (sold + seats > _capacity) return false;
                    UPDATE;
                    await Task.Delay(1).ConfigureAwait(false);
                    return true;
                }
                finally
                {
                    _renderSlots.Release();
                }
            }
        }
        """;

    private const string ThrottleReason = "the semaphore lets several callers in at once, so two of them can read and write '_seatsSold' here together (a semaphore excludes only when it has one permit; take a lock around the update, or use Interlocked)";

    /// <summary>Set aa R12: a semaphore that throttles rendering to a few bookings at once, taken as if it excluded them.</summary>
    [Fact]
    public Task Throttling_semaphore_around_a_read_then_write_of_a_count()
        => Verify.VerifyAnalyzerAsync(Booking.Replace("CREATED", "maxConcurrentRenders, maxConcurrentRenders").Replace("UPDATE", "{|#0:_seatsSold = sold + seats|}"),
            Verify.Diagnostic().WithLocation(0).WithArguments("_renderSlots", ThrottleReason));

    [Fact]
    public Task Throttling_semaphore_with_a_literal_count_around_an_increment()
        => Verify.VerifyAnalyzerAsync(Booking.Replace("CREATED", "4, 4").Replace("UPDATE", "{|#0:_seatsSold += seats|}"),
            Verify.Diagnostic().WithLocation(0).WithArguments("_renderSlots", ThrottleReason));

    [Fact]
    public Task Single_permit_semaphore_excludes_the_update()
        => Verify.VerifyAnalyzerAsync(Booking.Replace("CREATED", "1, 1").Replace("UPDATE", "_seatsSold = sold + seats"));

    [Fact]
    public Task Throttling_semaphore_around_an_atomic_update_or_a_locked_one_is_not_reported()
        => Verify.VerifyAnalyzerAsync(Booking.Replace("CREATED", "maxConcurrentRenders").Replace("UPDATE", "Interlocked.Add(ref _seatsSold, seats); lock (this) { _seatsSold = _seatsSold + 0; }"));

    [Fact]
    public Task Throttling_semaphore_around_a_plain_store_of_a_new_value_is_not_reported()
        => Verify.VerifyAnalyzerAsync(Booking.Replace("CREATED", "maxConcurrentRenders").Replace("UPDATE", "_seatsSold = seats"));

    /// <summary>Set ax R04: a settings store locks its current settings and replaces them with <c>Volatile.Write</c> inside the lock.</summary>
    [Fact]
    public Task Lock_on_a_field_that_Volatile_Write_replaces_inside_the_lock()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            sealed class Settings { }

            sealed class SettingsStore
            {
                private Settings _current = new Settings();
                private readonly List<string> _log = new List<string>();

                public Settings Current => Volatile.Read(ref _current);

                public void Reload(Settings next)
                {
                    lock ({|#0:_current|})
                    {
                        Volatile.Write(ref _current, next);
                        _log.Add("reloaded");
                    }
                }

                public void Publish(Settings next) => Volatile.Write(ref _current, next);
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (_current)", "'_current' is set to another object in 'Reload' (line 17), so a thread that locked the old object and one that locks the new one run at the same time"));

    /// <summary>
    /// Set az R04: appenders lock the batch list itself, and a private helper every locked flush calls swaps it; the
    /// same helper called once without that lock, or handed out as a delegate, is not the swap's (it may be a reset).
    /// </summary>
    [Fact]
    public Task Lock_on_a_field_a_private_helper_replaces_when_called_inside_the_lock()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            sealed class BatchWriter
            {
                private List<int> _buffer = new List<int>();
                private List<int> _other = new List<int>();
                private List<int> _handed = new List<int>();
                private readonly object _sync = new object();

                public void Append(int reading)
                {
                    List<int>? full = null;
                    lock ({|#0:_buffer|})
                    {
                        _buffer.Add(reading);
                        if (_buffer.Count > 8) full = TakeBuffer();
                    }

                    lock (_other) { _other.Add(reading); }
                    lock (_handed) { _handed.Add(reading); }
                    lock (_sync) { ResetOther(); }
                }

                public void Flush()
                {
                    lock ([|_buffer|]) { Drain(); }
                    ResetOther();
                    Func<List<int>> later;
                    lock (_handed) { later = ReplaceHanded; }
                }

                private void Drain() => TakeBuffer();

                private List<int> TakeBuffer()
                {
                    var taken = _buffer;
                    _buffer = new List<int>();
                    return taken;
                }

                private void ResetOther() => _other = new List<int>();

                private List<int> ReplaceHanded()
                {
                    var taken = _handed;
                    _handed = new List<int>();
                    return taken;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("lock (_buffer)", "'_buffer' is set to another object in 'TakeBuffer' (line 38), so a thread that locked the old object and one that locks the new one run at the same time"));
}
