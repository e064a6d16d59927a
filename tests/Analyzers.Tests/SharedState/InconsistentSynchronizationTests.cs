using Microsoft.CodeAnalysis.Testing;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class InconsistentSynchronizationTests
{
    [Fact]
    public Task Write_without_the_lock_that_guards_other_writes()
        => Verify.VerifyAnalyzerAsync(
            """
            using System.Threading;

            class Counter
            {
                private readonly object gate = new object();
                private int count;
                public void Increment() { lock (gate) { count++; } }
                public void Reset() { {|#0:count = 0|}; }

                public static void Main()
                {
                    var counter = new Counter();
                    var a = {|#1:new Thread(() => { counter.Increment(); counter.Reset(); })|};
                    var b = new Thread(() => counter.Increment());
                    a.Start(); b.Start(); a.Join(); b.Join();
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("count", "updated", "gate", "in 'Increment' (1 of 2 accesses)", "'Reset' runs on several threads (started at line 13)"));

    /// <summary>
    /// Set am R06: a lock taken to read one field and nothing else ('lock (_gate) { token = _recall.Token; }') guards that
    /// field, however few of its accesses hold it: the swap of the field in another member without the lock is reported.
    /// A lock whose body also reads other fields says less, and stays below the majority rule.
    /// </summary>
    [Fact]
    public async Task Field_read_under_a_lock_taken_for_it_alone_and_swapped_without_it()
    {
        const string Source = """
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Coordinator
            {
                private readonly object _gate = new();
                private CancellationTokenSource _recall = new();
                private int _aloft;

                public int Aloft => Volatile.Read(ref _aloft);

                public async Task FlyAsync(int ms)
                {
                    CancellationToken token;
                    lock (_gate)
                    {
                        token = _recall.Token;
                    }

                    Interlocked.Increment(ref _aloft);
                    try { await Task.Delay(ms, token); }
                    finally { Interlocked.Decrement(ref _aloft); }
                }

                public void RecallAll()
                {
                    var previous = _recall;
                    WRITE;
                    previous.Cancel();
                    previous.Dispose();
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(Source.Replace("WRITE", "{|#0:_recall = new CancellationTokenSource()|}").Replace("class Coordinator", "class {|#1:Coordinator|}"),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_recall", "written", "_gate", "in 'FlyAsync', which takes it for this field alone (1 of 3 accesses)",
                "'RecallAll' may run on several threads at once: 'Coordinator' synchronizes its own state ('Aloft' uses Volatile on '_aloft')"));

        await Verify.VerifyAnalyzerAsync(Source.Replace("WRITE", "_recall = new CancellationTokenSource()").Replace("token = _recall.Token;", "token = _recall.Token; _aloft += 0;"));
    }

    /// <summary>
    /// NLog's InternalLogger: 'lock (LockObject) { _logWriter?.WriteLine(line); }' serializes the writes to the writer
    /// the field holds, not the field, which configuration sets without the lock. A lock around work done with the
    /// field's object is not one taken for the field alone.
    /// </summary>
    [Fact]
    public Task Lock_around_work_done_with_a_fields_object_does_not_guard_the_field()
        => Verify.VerifyAnalyzerAsync("""
            using System.IO;
            using System.Threading;

            public static class Diagnostics
            {
                private static readonly object LockObject = new object();
                private static TextWriter? _logWriter;
                private static string? _logFile;
                private static int _written;

                public static int Written => Volatile.Read(ref _written);

                public static TextWriter? LogWriter
                {
                    get => _logWriter;
                    set => _logWriter = value;
                }

                public static string? LogFile
                {
                    get => _logFile;
                    set { if (_logFile != value) _logFile = value; }
                }

                public static void Write(string line)
                {
                    Interlocked.Increment(ref _written);
                    lock (LockObject)
                    {
                        _logWriter?.WriteLine(line);
                    }

                    lock (LockObject)
                    {
                        using (var file = File.AppendText(_logFile!))
                        {
                            file.WriteLine(line);
                        }
                    }
                }
            }
            """);

    /// <summary>
    /// OpenTelemetry's AggregatorStore fills 'metricPoints[0]' under one lock and 'metricPoints[1]' under another: two
    /// elements at two constant indices are two places, each guarded by its own lock. The same element under two locks
    /// is still reported.
    /// </summary>
    [Fact]
    public async Task Elements_at_two_constant_indices_under_two_locks_are_two_places()
    {
        const string Source = """
            using System.Threading;

            public sealed class Store
            {
                private readonly object _zeroLock = new();
                private readonly object _overflowLock = new();
                private readonly long[] _points = new long[16];
                private bool _zeroReady;
                private bool _overflowReady;

                public void Update(bool overflow)
                {
                    if (overflow) InitOverflow(); else InitZero();
                }

                private void InitZero()
                {
                    lock (_zeroLock)
                    {
                        if (!_zeroReady) { _points[0] = 1; _zeroReady = true; }
                    }
                }

                private void InitOverflow()
                {
                    lock (_overflowLock)
                    {
                        if (!_overflowReady) { _points[INDEX] = 2; _overflowReady = true; }
                    }
                }

                public long Total() { lock (_zeroLock) { return Interlocked.Read(ref _points[2]); } }
            }
            """;
        await Verify.VerifyAnalyzerAsync(Source.Replace("INDEX", "1"));
        await Verify.VerifyAnalyzerAsync(Source.Replace("INDEX", "0").Replace("_points[0] = 1", "{|#0:_points[0] = 1|}").Replace("class Store", "class {|#1:Store|}"),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_points", "written", "_overflowLock", "in 'InitOverflow' (1 of 2 accesses)",
                "'InitZero' may run on several threads at once: 'Store' synchronizes its own state ('InitZero' locks '_zeroLock')"));
    }

    /// <summary>
    /// DynamicData's expiring operators subscribe their handlers behind Rx's 'Synchronize(gate)', which takes the gate
    /// around every notification: the handler's changes hold the lock the timer's management takes. The same handler
    /// subscribed without the operator is still reported.
    /// </summary>
    [Fact]
    public async Task Observer_behind_Rx_Synchronize_holds_its_gate()
    {
        const string Source = """
            using System;
            using System.Collections.Generic;
            using System.Reactive.Linq;
            using System.Threading;

            namespace System.Reactive.Linq
            {
                public static class Observable
                {
                    public static IObservable<T> Synchronize<T>(this IObservable<T> source, object gate) => source;
                }
            }

            public static class Subscriptions
            {
                public static IDisposable SubscribeSafe<T>(this IObservable<T> source, Action<T> onNext) => throw null!;
            }

            public sealed class Expirer
            {
                private readonly List<int> _queue = new();
                private readonly Dictionary<int, long> _dueTimes = new();
                private readonly IDisposable _subscription;
                private readonly Timer _timer;

                private object Gate => _dueTimes;

                public Expirer(IObservable<int> source)
                {
                    _subscription = source.Synchronize(Gate).SubscribeSafe(onNext: OnNext);
                    _timer = new Timer(_ => Manage(), null, 1000, 1000);
                }

                private void OnNext(int key)
                {
                    _dueTimes[key] = key;
                    ADD;
                }

                private void Manage()
                {
                    lock (Gate)
                    {
                        _queue.RemoveAll(k => !_dueTimes.ContainsKey(k));
                    }
                }
            }
            """;
        await Verify.VerifyAnalyzerAsync(Source.Replace("ADD", "_queue.Add(key)"));
        await Verify.VerifyAnalyzerAsync(Source.Replace("ADD", "{|#0:_queue.Add(key)|}").Replace("source.Synchronize(Gate)", "source").Replace("onNext: OnNext", "onNext: {|#1:OnNext|}"),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_queue", "modified", "Gate", "in 'Manage' (1 of 2 accesses)",
                "'OnNext' runs as the callback handed out at line 30, concurrently with the members of 'Expirer', and 'Expirer' synchronizes its own state ('Manage' locks 'Gate')"));
    }

    [Fact]
    public Task Writes_under_different_locks_are_both_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class C
            {
                private static readonly object a = new object();
                private static readonly object b = new object();
                private static int total;
                static void Run() => Parallel.For(0, 10, i =>
                {
                    lock (a) { [|total += i|]; }
                    lock (b) { [|total -= 1|]; }
                });
            }
            """);

    [Fact]
    public Task Enumerating_a_list_that_others_change_under_a_lock()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Log
            {
                private readonly object gate = new object();
                private readonly List<string> lines = new();
                public void Run() => Parallel.For(0, 10, i =>
                {
                    lock (gate) { lines.Add(i.ToString()); }
                    [|lines.Count|].ToString();
                });
            }
            """);

    [Fact]
    public Task Consistent_locking_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Log
            {
                private readonly object gate = new object();
                private readonly List<string> lines = new();
                private int count;
                public void Run() => Parallel.For(0, 10, i =>
                {
                    lock (gate) { lines.Add(i.ToString()); count++; }
                    lock (gate) { _ = lines.Count; count = 0; }
                });
            }
            """);

    [Fact]
    public Task Starter_access_before_WaitAll_of_selected_tasks_is_flagged_and_after_it_is_not()
        => Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;

            class Report
            {
                public string Build(string[] hosts)
                {
                    var sb = new StringBuilder();
                    var tasks = hosts.Select(h => Task.Run(() => { lock (sb) sb.AppendLine(h); })).ToArray();
                    [|sb.AppendLine("probing")|];
                    Task.WaitAll(tasks);
                    sb.AppendLine("end");
                    return sb.ToString();
                }

                public async Task<string> BuildListAsync(string[] hosts)
                {
                    var sb = new StringBuilder();
                    var tasks = new List<Task>();
                    foreach (var h in hosts) tasks.Add(Task.Run(() => { lock (sb) sb.AppendLine(h); }));
                    [|sb.AppendLine("probing")|];
                    await Task.WhenAll(tasks);
                    sb.AppendLine("end");
                    return sb.ToString();
                }
            }
            """);
    [Fact]
    public Task Set_taken_out_of_the_locked_dictionary_and_changed_after_the_lock_is_released()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, HashSet<string>> _byUser = new Dictionary<string, HashSet<string>>();

                public void Add(string user, string connection)
                {
                    lock (_sync)
                    {
                        if (!_byUser.TryGetValue(user, out var connections))
                        {
                            connections = new HashSet<string>();
                            _byUser[user] = connections;
                        }

                        connections.Add(connection);
                    }
                }

                public void Remove(string user, string connection)
                {
                    HashSet<string>? connections;
                    lock (_sync)
                    {
                        _byUser.TryGetValue(user, out connections);
                    }

                    connections?{|#0:.Remove(connection)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 21).WithArguments("_byUser[…]", "modified", "_sync", "in 'Add' (1 of 2 accesses)",
                "'Remove' may run on several threads at once: 'Registry' synchronizes its own state ('Add' locks '_sync')"));

    /// <summary>
    /// Blind set ab, R08: a hub's list of handlers looked up under the lock and enumerated after it is released, while
    /// <c>Subscribe</c> adds to the same list under the lock. A list changing under its enumeration is reported as a
    /// read; a stale field of an object value read after the lock is not.
    /// </summary>
    [Fact]
    public Task Value_list_enumerated_after_the_lock_that_its_changes_hold()
        => Verify.VerifyAnalyzerAsync(
            Hub("""
                List<Delegate>? list;
                lock (_gate)
                {
                    _handlers.TryGetValue(typeof(T), out list);
                }

                if (list is null)
                {
                    return;
                }

                foreach (var handler in {|#0:list|})
                {
                    ((Action<T>)handler)(message);
                }
                """),
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 5, 21).WithArguments("_handlers[…]", "read", "_gate", "in 'Subscribe' (1 of 2 accesses)",
                "'Publish' may run on several threads at once: 'Hub' is documented as shared (\"shared by\")"));

    /// <summary>The same hub, where the lookup copies the list under the lock: the copy is the caller's.</summary>
    [Fact]
    public Task Value_list_copied_under_the_lock_and_enumerated_after_it_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Hub("""
            Delegate[] snapshot;
            lock (_gate)
            {
                snapshot = _handlers.TryGetValue(typeof(T), out var list) ? list.ToArray() : Array.Empty<Delegate>();
            }

            foreach (var handler in snapshot)
            {
                ((Action<T>)handler)(message);
            }
            """));

    /// <summary>A hub shared by its publishers, whose <c>Subscribe</c> adds to a type's list under <c>_gate</c>, with <paramref name="publish"/> as the body of <c>Publish</c>.</summary>
    private static string Hub(string publish) => $$"""
        using System;
        using System.Collections.Generic;

        /// <summary>One instance is shared by every booking worker and the van tracker.</summary>
        public sealed class Hub
        {
            private readonly object _gate = new();
            private readonly Dictionary<Type, List<Delegate>> _handlers = new();

            public void Subscribe<T>(Action<T> handler)
            {
                lock (_gate)
                {
                    if (!_handlers.TryGetValue(typeof(T), out var list))
                    {
                        list = new List<Delegate>();
                        _handlers[typeof(T)] = list;
                    }

                    list.Add(handler);
                }
            }

            public void Publish<T>(T message)
            {
                {{publish.Replace("\n", "\n        ", StringComparison.Ordinal)}}
            }
        }
        """;

    /// <summary>
    /// Blind set k, R07: a posting list handed out under the lock and filled after it is released, while a query copies
    /// it under the lock. A read of the values' contents under the lock shows that the lock guards them.
    /// </summary>
    [Fact]
    public Task Values_read_under_the_lock_and_changed_after_it_is_released_are_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            public sealed class InvertedIndex
            {
                private readonly object _sync = new();
                private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);

                public void AddDocument(int documentId, IEnumerable<string> tokens)
                {
                    foreach (var term in tokens)
                    {
                        List<int>? postings;
                        lock (_sync)
                        {
                            if (!_postings.TryGetValue(term, out postings))
                            {
                                postings = new List<int>();
                                _postings.Add(term, postings);
                            }
                        }

                        {|#0:postings.Add(documentId)|};
                    }
                }

                public IReadOnlyList<int> Lookup(string term)
                {
                    lock (_sync)
                    {
                        return _postings.TryGetValue(term, out var postings) ? postings.ToArray() : Array.Empty<int>();
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 5, 21).WithArguments("_postings[…]", "modified", "_sync", "in 'Lookup' (1 of 2 accesses)",
                "'AddDocument' may run on several threads at once: 'InvertedIndex' synchronizes its own state ('AddDocument' locks '_sync')"));

    /// <summary>
    /// Blind set m, R16: the sections a registry holds are changed under its lock when a seat is held, and a timer's
    /// handler gives seats back after the lock is released. The objects a collection holds are guarded by the lock
    /// that guards their changes, as collections held in a collection are.
    /// </summary>
    [Fact]
    public Task Object_taken_out_of_the_locked_dictionary_and_changed_outside_the_lock_is_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public sealed class Section
            {
                public int SeatsAvailable { get; set; }
            }

            public sealed class SectionRegistry
            {
                private readonly object _sync = new();
                private readonly Dictionary<string, Section> _sections = new();
                private readonly List<string> _held = new();

                public bool TryHold(string id)
                {
                    lock (_sync)
                    {
                        if (!_sections.TryGetValue(id, out var section) || section.SeatsAvailable == 0)
                        {
                            return false;
                        }

                        section.SeatsAvailable--;
                        _held.Add(id);
                        return true;
                    }
                }

                public void Release()
                {
                    List<string> released;
                    lock (_sync)
                    {
                        released = new List<string>(_held);
                        _held.Clear();
                    }

                    foreach (var id in released)
                    {
                        {|#0:_sections[id].SeatsAvailable++|};
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 8, 21).WithArguments("_sections[…]", "modified", "_sync", "in 'TryHold' (2 of 3 accesses)",
                "'Release' may run on several threads at once: 'SectionRegistry' synchronizes its own state ('TryHold' locks '_sync')"));

    /// <summary>
    /// Blind set n, R11: a dispatcher picks an idle car out of its array under the lock and gives it a target after
    /// releasing it, so two calls can pick the same car. An element a query or an index takes out of an array field
    /// is one of the values the lock guards.
    /// </summary>
    [Fact]
    public Task Object_picked_out_of_the_locked_array_by_a_query_and_changed_outside_the_lock_is_flagged()
        => Verify.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Threading;

            public sealed class Car
            {
                public int Id { get; set; }
                public int? Target { get; set; }
            }

            public sealed class Dispatcher
            {
                private readonly object _gate = new();
                private readonly Car[] _cars = { new Car(), new Car() };

                public void OnButton(int floor) => ThreadPool.QueueUserWorkItem(_ => Dispatch(floor));

                private void Dispatch(int floor)
                {
                    Car? best;
                    lock (_gate)
                    {
                        best = _cars.Where(c => c.Target is null).FirstOrDefault();
                        if (best is null)
                        {
                            return;
                        }
                    }

                    {|#0:best.Target = floor|};
                }

                public void OnArrived(int id)
                {
                    lock (_gate)
                    {
                        var car = _cars.Single(c => c.Id == id);
                        car.Target = null;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 10, 21).WithArguments("_cars[…]", "modified", "_gate", "in 'OnArrived' (1 of 2 accesses)",
                "'Dispatch' may run on several threads at once: 'Dispatcher' synchronizes its own state ('Dispatch' locks '_gate')"));

    [Fact]
    public Task Objects_of_the_locked_dictionary_changed_only_under_the_lock_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public sealed class Section
            {
                public int SeatsAvailable { get; set; }
            }

            public sealed class SectionRegistry
            {
                private readonly object _sync = new();
                private readonly Dictionary<string, Section> _sections = new();

                public bool TryHold(string id)
                {
                    lock (_sync)
                    {
                        if (!_sections.TryGetValue(id, out var section) || section.SeatsAvailable == 0)
                        {
                            return false;
                        }

                        section.SeatsAvailable--;
                        return true;
                    }
                }

                public void Release(string id)
                {
                    lock (_sync)
                    {
                        _sections[id].SeatsAvailable++;
                    }
                }

                public int Left(string id)
                {
                    lock (_sync)
                    {
                        return _sections.TryGetValue(id, out var section) ? section.SeatsAvailable : 0;
                    }
                }
            }
            """);

    /// <summary>
    /// Blind sets n (R08) and o (R09): two fields a method changes together under the lock, read one after the other
    /// without it, can come from two different updates (one track's artist with the next track's title).
    /// </summary>
    [Fact]
    public Task Two_fields_changed_together_under_the_lock_and_read_together_without_it()
        => Verify.VerifyAnalyzerAsync("""
            public sealed class Plan
            {
                private readonly object _sync = new();
                private double _mass;
                private double _moment;

                public void Load(double mass, double arm)
                {
                    lock (_sync)
                    {
                        _mass += mass;
                        _moment += mass * arm;
                    }
                }

                public double CentreOfGravity()
                {
                    var moment = {|#0:_moment|};
                    var mass = _mass;
                    return mass <= 0 ? 0 : moment / mass;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 1, 21).WithArguments("_moment", "read", "_sync", "in 'Load' (1 of 2 accesses)",
                "'CentreOfGravity' may run on several threads at once: 'Plan' synchronizes its own state ('Load' locks '_sync'); 'CentreOfGravity' then reads '_mass' without it too, which 'Load' changes together with '_moment' under the lock, so the two can come from different updates"));

    /// <summary>
    /// Set be R03: a heartbeat checks leadership through a property that reads under the lock, then reads the term
    /// after releasing it, while the election changes the two together under the lock. A check and a read under one
    /// lock are silent.
    /// </summary>
    [Fact]
    public Task Field_read_after_a_locked_property_checked_its_partner()
        => Verify.VerifyAnalyzerAsync(Elector("""
            if (!IsLeader) return;
                    _send({|#0:_term|});
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 21).WithArguments("_term", "read", "_gate", "in 'Adopt' (2 of 3 accesses)",
                "'Heartbeat' may run on several threads at once: 'Elector' synchronizes its own state ('IsLeader' locks '_gate'); 'Heartbeat' reads '_isLeader' under the lock and this after releasing it, while 'Adopt' changes the two together under the lock, so the two can come from different updates"));

    [Fact]
    public Task Check_and_read_under_one_lock_are_silent()
        => Verify.VerifyAnalyzerAsync(Elector("""
            long term;
                    lock (_gate)
                    {
                        if (!_isLeader) return;
                        term = _term;
                    }

                    _send(term);
            """));

    /// <summary>
    /// NLog's <c>LogFactory.Configuration</c>: a flag read without the lock before the value it guards, then both under
    /// the lock. The value's unlocked read comes before the lock is taken, so it is never "a check under the lock, then a
    /// read after releasing it" (session 60 told it so on NLog for one build, and a minimized double-check is silent).
    /// </summary>
    [Fact]
    public Task Unlocked_fast_path_before_the_lock_is_not_a_check_under_it()
        => Verify.VerifyAnalyzerAsync("""
            public sealed class Factory
            {
                private readonly object _sync = new();
                private bool _loaded;
                private string? _config;

                public string? Configuration
                {
                    get
                    {
                        if (_loaded)
                            return _config;

                        lock (_sync)
                        {
                            if (_loaded) return _config;
                            _config = "loaded";
                            _loaded = true;
                            return _config;
                        }
                    }
                }
            }
            """);

    private static string Elector(string heartbeat) => $$"""
        using System;

        public sealed class Elector
        {
            private readonly object _gate = new();
            private readonly Action<long> _send;
            private long _term;
            private bool _isLeader;

            public Elector(Action<long> send) => _send = send;

            public bool IsLeader
            {
                get { lock (_gate) return _isLeader; }
            }

            public void Adopt(long term, bool leader)
            {
                lock (_gate)
                {
                    if (term <= _term) return;
                    _term = term;
                    _isLeader = leader;
                }
            }

            public void Heartbeat()
            {
                {{heartbeat}}
            }
        }
        """;

    /// <summary>
    /// Set az R05: a reloader overwrites the settings object the type keeps, member by member, under its lock; a reader
    /// that reads two of its members without the lock can mix an old one with a new one. Reads under the lock, and a
    /// member read alone, are silent.
    /// </summary>
    [Fact]
    public Task Members_of_a_held_object_changed_together_under_the_lock_and_read_together_without_it()
        => Verify.VerifyAnalyzerAsync("""
            public sealed class Options
            {
                public int Seconds { get; set; }
                public double Multiplier { get; set; }
                public int Interval { get; set; }
            }

            public sealed class OptionsProvider
            {
                private readonly object _reloadLock = new();
                private readonly Options _current = new();

                public void Reload(Options parsed)
                {
                    lock (_reloadLock)
                    {
                        _current.Seconds = parsed.Seconds;
                        _current.Multiplier = parsed.Multiplier;
                        _current.Interval = parsed.Interval;
                    }
                }

                public double Duration() => {|#0:_current.Seconds|} * _current.Multiplier;

                public double LockedDuration()
                {
                    lock (_reloadLock)
                    {
                        return _current.Seconds * _current.Multiplier;
                    }
                }

                public int Interval => _current.Interval;
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 8, 21).WithArguments("_current.Seconds", "read", "_reloadLock", "in 'Reload' (2 of 3 accesses)",
                "'Duration' may run on several threads at once: 'OptionsProvider' synchronizes its own state ('Reload' locks '_reloadLock'); 'Duration' then reads '_current.Multiplier' without it too, which 'Reload' changes together with '_current.Seconds' under the lock, so the two can come from different updates"));

    /// <summary>The same held object, each member of which is changed under the lock by a member of its own: a reader of two sees no torn update.</summary>
    [Fact]
    public Task Members_of_a_held_object_changed_apart_under_the_lock_and_read_without_it_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            public sealed class Counts
            {
                public long Hits;
                public long Misses;
            }

            public sealed class Stats
            {
                private readonly object _sync = new();
                private readonly Counts _counts = new();

                public void Hit() { lock (_sync) { _counts.Hits++; } }

                public void Miss() { lock (_sync) { _counts.Misses++; } }

                public string Describe() => $"{_counts.Hits} hits, {_counts.Misses} misses";
            }
            """);

    /// <summary>
    /// Set ba R12: a subject checks its stopped flag without the lock, then adds the observer under it; the completion
    /// sets the flag and takes the observers in one lock region, so an observer added in between is never completed.
    /// </summary>
    [Fact]
    public Task Flag_checked_without_the_lock_before_a_locked_update_of_what_its_writer_takes()
        => Verify.VerifyAnalyzerAsync(Subject("if ({|#0:_isStopped|}) { return false; }", "OnCompleted"),
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 4, 21).WithArguments("_isStopped", "checked", "_gate", "in 'OnCompleted' (2 of 3 accesses)",
                "'Subscribe' may run on several threads at once: 'Subject' synchronizes its own state ('Subscribe' locks '_gate'); the check decides the update of '_observers' at line 17, which takes '_gate' only after it, so 'OnCompleted' can change '_isStopped' and use '_observers' in between (check it again under the lock)"));

    /// <summary>A flag set by a disposal is the caller's to order: using an object while disposing it is their mistake.</summary>
    [Fact]
    public Task Flag_set_by_a_disposal_is_silent()
        => Verify.VerifyAnalyzerAsync(Subject("if (_isStopped) { return false; }", "Dispose"));

    /// <summary>A completion that only sets the flag takes nothing the check's update changes.</summary>
    [Fact]
    public Task Flag_whose_writer_uses_nothing_the_update_changes_is_silent()
        => Verify.VerifyAnalyzerAsync(Subject("if (_isStopped) { return false; }", "OnCompleted")
            .Replace("current = _observers;\n", "current = new List<string>();\n").Replace("_observers = new List<string>();", ""));

    /// <summary>The double-checked form looks at the flag again under the lock.</summary>
    [Fact]
    public Task Flag_checked_again_under_the_lock_is_silent()
        => Verify.VerifyAnalyzerAsync(Subject("if (_isStopped) { return false; }", "OnCompleted")
            .Replace("var next = new List<string>(_observers);", "if (_isStopped) { return false; }\n            var next = new List<string>(_observers);"));

    private static string Subject(string check, string completion) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Subject
        {
            private readonly object _gate = new();
            private List<string> _observers = new();
            private bool _isStopped;

            public bool Subscribe(string observer)
            {
                {{check}}
                lock (_gate)
                {
                    var next = new List<string>(_observers);
                    next.Add(observer);
                    Volatile.Write(ref _observers, next);
                }

                return true;
            }

            public void {{completion}}()
            {
                List<string> current;
                lock (_gate)
                {
                    if (_isStopped) { return; }
                    _isStopped = true;
                    current = _observers;
                    _observers = new List<string>();
                }

                current.Clear();
            }
        }
        """;

    /// <summary>
    /// Set ba R05: a mailbox's <c>Post</c> enqueues and sets its draining flag under the lock, then starts the drain,
    /// which clears the flag after the lock in which it found the queue empty: a post in between sees the flag still
    /// set and starts nothing. Every post that passes the check starts the drain again, so the region is the callers'.
    /// </summary>
    [Fact]
    public Task Flag_cleared_by_restarted_work_outside_the_lock_its_starters_hold()
        => Verify.VerifyAnalyzerAsync(Mailbox("""
                    }

                    {|#0:_draining = false|};
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 4, 21).WithArguments("_draining", "written", "_queue", "in 'Post' (2 of 3 accesses)",
                "'Drain' may run on several threads at once: 'Mailbox' synchronizes its own state ('Post' locks '_queue')"));

    /// <summary>The same mailbox clearing the flag in the lock region that finds the queue empty.</summary>
    [Fact]
    public Task Flag_cleared_in_the_lock_that_finds_the_queue_empty_is_silent()
        => Verify.VerifyAnalyzerAsync(Mailbox("""
                    }
            """).Replace("if (_queue.Count == 0) { break; }", "if (_queue.Count == 0) { _draining = false; return; }"));

    /// <summary>
    /// A refresh skipped while another is under way: the region hands the work nothing before its check, so a caller
    /// turned away loses nothing of its own, and what the region does before the start stays set-up.
    /// </summary>
    [Fact]
    public Task Flag_cleared_by_work_that_callers_hand_nothing_is_silent()
        => Verify.VerifyAnalyzerAsync(Mailbox("""
                    }

                    _draining = false;
            """).Replace("_queue.Enqueue(message);", "System.Console.WriteLine(message);"));

    /// <summary>
    /// A start refused once started, by a flag the started work never clears: what the lock region does before the
    /// start is set-up, which the work sees in order, not a race with it.
    /// </summary>
    [Fact]
    public Task Start_refused_by_a_flag_the_work_never_clears_is_set_up()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Sampler
            {
                private readonly object _gate = new();
                private bool _started;
                private List<int> _readings = new();

                public void Start()
                {
                    lock (_gate)
                    {
                        if (_started) { return; }
                        _started = true;
                        _readings = new List<int>();
                    }

                    new Thread(Run).Start();
                }

                private void Run()
                {
                    for (var i = 0; i < 10; i++) { _readings.Add(i); }
                }
            }
            """);

    private static string Mailbox(string end) => $$"""
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Mailbox
        {
            private readonly Queue<int> _queue = new();
            private bool _draining;

            public void Post(int message)
            {
                lock (_queue)
                {
                    _queue.Enqueue(message);
                    if (_draining) { return; }
                    _draining = true;
                }

                ThreadPool.QueueUserWorkItem(_ => Drain());
            }

            private void Drain()
            {
                while (true)
                {
                    int next;
                    lock (_queue)
                    {
                        if (_queue.Count == 0) { break; }
                        next = _queue.Dequeue();
                    }

                    System.Console.WriteLine(next);
        {{end}}
            }
        }
        """;

    [Fact]
    public Task Fields_changed_under_the_lock_in_different_places_and_read_without_it_are_silent()
        => Verify.VerifyAnalyzerAsync("""
            public sealed class Stats
            {
                private readonly object _sync = new();
                private long _hits;
                private long _misses;

                public void Hit() { lock (_sync) { _hits++; } }

                public void Miss() { lock (_sync) { _misses++; } }

                public string Describe() => $"{_hits} hits, {_misses} misses";

                public long Hits => _hits;
            }
            """);

    /// <summary>
    /// Blind set l, C11: each innings has its own scorer, which adds its totals to the tournament's static lists under
    /// a static lock. Reading an instance field under a lock taken for static state does not make that lock its guard.
    /// </summary>
    [Fact]
    public Task Instance_fields_only_read_under_a_static_lock_are_not_guarded_by_it()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public sealed class InningsScorer
            {
                private static readonly object s_lock = new();
                private static readonly List<int> s_totals = new();
                private int _total;
                private int _extras;

                public void Record(int runs) { _total += runs; {|#0:_extras += runs|}; }

                public void Close()
                {
                    lock (s_lock)
                    {
                        s_totals.Add(_total);
                        _extras = 0;
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 21).WithArguments("_extras", "written", "s_lock", "in 'Close' (1 of 2 accesses)",
                "'Record' may run on several threads at once: 'InningsScorer' synchronizes its own state ('Close' locks 's_lock')"));

    [Fact]
    public Task Values_taken_out_under_the_lock_and_only_read_or_changed_under_it_are_quiet()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            public sealed class Registry
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, List<string>> _byUser = new Dictionary<string, List<string>>();

                public void Add(string user, string connection)
                {
                    lock (_sync)
                    {
                        if (!_byUser.TryGetValue(user, out var connections))
                        {
                            _byUser[user] = connections = new List<string>();
                        }

                        connections.Add(connection);
                    }
                }

                public string[] Snapshot(string user)
                {
                    lock (_sync)
                    {
                        return _byUser.TryGetValue(user, out var connections) ? connections.ToArray() : new string[0];
                    }
                }

                public List<string> Copy(string user)
                {
                    List<string> copy;
                    lock (_sync)
                    {
                        copy = _byUser.TryGetValue(user, out var found) ? new List<string>(found) : new List<string>();
                    }

                    copy.Add("local");
                    return copy;
                }
            }
            """);

    /// <summary>
    /// A framework copy of a collection (<c>new List&lt;T&gt;(_names)</c>, <c>string.Join(", ", _names)</c>) enumerates it
    /// there and then: outside the lock its changes hold, it can run into an <c>Add</c> (set af R14's copy, in a type that locks).
    /// </summary>
    [Theory]
    [InlineData("new List<string>({|#0:_names|})")]
    [InlineData("new List<string>(string.Join(\", \", {|#0:_names|}).Split(','))")]
    public Task Collection_copied_by_the_framework_outside_the_lock_is_flagged(string copy)
        => Verify.VerifyAnalyzerAsync($$"""
            using System.Collections.Generic;

            public sealed class Roster
            {
                private readonly object _gate = new();
                private readonly List<string> _names = new();

                public void Add(string name) { lock (_gate) { _names.Add(name); } }

                public List<string> Snapshot() => {{copy}};
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 3, 21).WithArguments("_names", "read", "_gate", "in 'Add' (1 of 2 accesses)",
                "'Snapshot' may run on several threads at once: 'Roster' synchronizes its own state ('Add' locks '_gate')"));

    [Fact]
    public Task Collection_passed_to_a_method_of_the_compilation_is_not_a_read()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;

            public sealed class Roster
            {
                private readonly object _gate = new();
                private readonly List<string> _names = new();

                public void Add(string name) { lock (_gate) { _names.Add(name); } }

                public Holder Hold() => new Holder(_names);
            }

            public sealed class Holder
            {
                public Holder(IEnumerable<string> names) => Names = names;
                public IEnumerable<string> Names { get; }
            }
            """);

    private static string Sampler(string stop) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class WindingCheck
        {
            private readonly object _pauseLock = new();
            private readonly List<double> _readings = new();
            private Thread? _thread;
            private volatile bool _stopRequested;

            public void Start()
            {
                _thread = new Thread(() => Sample()) { IsBackground = true };
                _thread.Start();
            }

            public bool TryPause(Action adjust)
            {
                lock (_pauseLock) { adjust(); }
                return true;
            }

            private void Sample()
            {
                while (!_stopRequested)
                {
                    lock (_pauseLock) { _readings.Add(1.0); }
                    Thread.Sleep(10);
                }
            }

            public double[] Stop()
            {
                var thread = _thread ?? throw new InvalidOperationException();
                _stopRequested = true;
        {{stop}}
            }
        }
        """;

    /// <summary>
    /// Set ag C31 (a false report): the only writer is the sampler thread the type keeps in a field, and <c>Stop</c> joins
    /// that thread (through a local copy of the field) before it copies the readings without the lock.
    /// </summary>
    [Fact]
    public Task Collection_read_after_joining_the_thread_that_alone_changes_it_is_silent()
        => Verify.VerifyAnalyzerAsync(Sampler("""
                    thread.Join();
                    return _readings.ToArray();
            """));

    [Fact]
    public Task Collection_read_before_joining_the_thread_that_changes_it_is_flagged()
        => Verify.VerifyAnalyzerAsync(Sampler("""
                    var copy = {|#0:_readings.ToArray()|};
                    thread.Join();
                    return copy;
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 5, 21).WithArguments("_readings", "read", "_pauseLock", "in 'Sample' (1 of 2 accesses)",
                "'Stop' may run on several threads at once: 'WindingCheck' synchronizes its own state ('TryPause' locks '_pauseLock')"));

    [Theory]
    [InlineData(".")]
    [InlineData("?.")]
    public Task Collection_changed_through_a_conditional_access_without_the_lock_is_flagged(string access)
        // '_names?.Remove(name)' changes the list as '_names.Remove(name)' does: the null check reads the field once,
        // and the call on it is as unguarded.
        => Verify.VerifyAnalyzerAsync($$"""
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _gate = new();
                private List<string>? _names = new();

                public void Add(string name)
                {
                    lock (_gate)
                    {
                        _names{{access}}Add(name);
                    }
                }

                public void Remove(string name)
                {
                    {|#0:_names{{access}}Remove(name)|};
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("_names", "modified", "_gate", "in 'Add' (1 of 2 accesses)",
                "'Remove' may run on several threads at once: 'Registry' synchronizes its own state ('Add' locks '_gate')"));
}
