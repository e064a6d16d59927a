using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// State that a concurrent type hands to its callers (blind set x): a nested scope object whose public members call
/// back into the type's private methods, and a collection returned itself from inside the lock that guards it.
/// </summary>
public class HandedOutStateTests
{
    /// <summary>
    /// Set x R09: 'Begin' hands out a scope whose 'Dispose' calls the private 'End', so 'End' runs on the callers'
    /// threads as a public member would; its '--' races with the 'Interlocked.Increment' in 'Begin'.
    /// </summary>
    [Fact]
    public Task Private_method_called_by_a_nested_scope_that_callers_hold_runs_concurrently()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Tracker("{|#0:_active--|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_active", "End",
                "'End' may run on several threads at once ('End' is called by 'Scope.Dispose', which 'PassTracker' hands to its callers): 'PassTracker' is documented as shared (\"from many threads\")"));

    /// <summary>
    /// Undocumented, the type still synchronizes (its atomic updates): the syntax check that skips types whose locks
    /// cannot be inconsistent must count the nested scope's call of 'End' as a caller's.
    /// </summary>
    [Fact]
    public Task Private_method_called_by_a_nested_scope_of_a_type_that_only_synchronizes()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Tracker("{|#0:_active--|};").Replace("/// <summary>Shared by all pass executors, so its members are called from many threads at once.</summary>", ""),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_active", "End",
                "'End' may run on several threads at once ('End' is called by 'Scope.Dispose', which 'PassTracker' hands to its callers): 'PassTracker' synchronizes its own state ('Active' uses Volatile on '_active')"));

    [Fact]
    public Task Private_method_called_by_a_nested_scope_that_updates_atomically_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Tracker("Interlocked.Decrement(ref _active);"));

    /// <summary>
    /// System.Reactive's CombineLatest sink: the nested observers it subscribes to its sources call its private
    /// 'OnNext', but they are the type's own, made and subscribed in 'Run' after its set-up; no caller holds them.
    /// </summary>
    [Fact]
    public Task Private_method_called_by_nested_observers_the_type_subscribes_itself_is_not_an_entry()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;

            public sealed class Merger
            {
                private readonly object _gate = new();
                private bool[] _seen = new bool[0];
                private int _count;

                public void Run(IObservable<int>[] sources)
                {
                    _seen = new bool[sources.Length];
                    for (var i = 0; i < sources.Length; i++)
                    {
                        var observer = new SourceObserver(this, i);
                        sources[i].Subscribe(observer);
                    }
                }

                private void OnNext(int index)
                {
                    lock (_gate)
                    {
                        _seen[index] = true;
                        _count++;
                    }
                }

                private sealed class SourceObserver : IObserver<int>
                {
                    private readonly Merger _parent;
                    private readonly int _index;

                    public SourceObserver(Merger parent, int index)
                    {
                        _parent = parent;
                        _index = index;
                    }

                    public void OnNext(int value) => _parent.OnNext(_index);

                    public void OnError(Exception error)
                    {
                    }

                    public void OnCompleted()
                    {
                    }
                }
            }
            """);

    /// <summary>Npgsql's connector: an internal method returns the scope to the library's own code, not to clients.</summary>
    [Fact]
    public Task Private_method_called_by_a_scope_only_the_library_gets_is_not_an_entry()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;

            public sealed class Connector
            {
                private readonly object _sync = new();
                private string? _current;

                public string? Current
                {
                    get
                    {
                        lock (_sync)
                        {
                            return _current;
                        }
                    }
                }

                public void Reset()
                {
                    lock (_sync)
                    {
                        _current = null;
                    }
                }

                internal UserAction Start(string command)
                {
                    lock (_sync)
                    {
                        _current = command;
                    }

                    return new UserAction(this);
                }

                private void End() => _current = null;

                internal readonly struct UserAction : IDisposable
                {
                    private readonly Connector _connector;

                    internal UserAction(Connector connector) => _connector = connector;

                    public void Dispose() => _connector.End();
                }
            }
            """);

    /// <summary>An enumerator is used by one caller at a time (its contract), so what it calls is not an entry.</summary>
    [Fact]
    public Task Private_method_called_only_by_a_nested_enumerator_is_not_an_entry()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Threading;

            /// <summary>Shared by every request handler: its members are called from many threads.</summary>
            public sealed class Ring
            {
                private int _next;
                private int _reads;

                public void Add() => Interlocked.Increment(ref _next);

                public IEnumerator<int> GetEnumerator() => new Walker(this);

                private int Read(int index)
                {
                    _reads++;
                    return Volatile.Read(ref _next) + index;
                }

                private sealed class Walker : IEnumerator<int>
                {
                    private readonly Ring _ring;
                    private int _index = -1;

                    public Walker(Ring ring) => _ring = ring;

                    public int Current => _ring.Read(_index);

                    object IEnumerator.Current => Current;

                    public bool MoveNext() => ++_index < 8;

                    public void Reset() => _index = -1;

                    public void Dispose()
                    {
                    }
                }
            }
            """);

    /// <summary>
    /// Set x R16: the getter takes the lock but returns the list itself, so callers enumerate it after the lock is
    /// released while 'Schedule' inserts into it under the lock.
    /// </summary>
    [Fact]
    public Task Collection_returned_itself_from_inside_the_lock_that_guards_it()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Schedule("return {|#0:_pending|};"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_pending", "handed out", "_gate", "in 'Schedule' (3 of 4 accesses)",
                "'Pending' may run on several threads at once: 'ResurfacingSchedule' synchronizes its own state ('Schedule' locks '_gate'); 'Pending' returns the collection itself, so its callers read it after the lock is released while 'Schedule' changes it (return a copy made under the lock)"));

    /// <summary>
    /// The member named as changing the collection changes it: the first locked access here is a read ('Contains', as in
    /// SmartThreadPool's synchronized dictionary), the change is 'Add'.
    /// </summary>
    [Fact]
    public Task Collection_handed_out_names_the_member_that_changes_it_under_the_lock()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;

            public sealed class Registry
            {
                private readonly object _lock = new();
                private readonly Dictionary<int, string> _names = new();

                public bool Contains(int id)
                {
                    lock (_lock)
                    {
                        return _names.ContainsKey(id);
                    }
                }

                public void Add(int id, string name)
                {
                    lock (_lock)
                    {
                        {|#1:_names[id] = name|};
                    }
                }

                public Dictionary<int, string>.ValueCollection Names
                {
                    get
                    {
                        lock (_lock)
                        {
                            return {|#0:_names|}.Values;
                        }
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(
                "_names", "handed out", "_lock", "in 'Contains' (2 of 3 accesses)",
                "'Names' may run on several threads at once: 'Registry' synchronizes its own state ('Contains' locks '_lock'); 'Names' returns the collection itself, so its callers read it after the lock is released while 'Add' changes it (return a copy made under the lock)"));

    /// <summary>
    /// Set av R06: a read-only view made over the list (<c>AsReadOnly()</c>, a <c>ReadOnlyCollection</c>) reads the list
    /// itself whenever its callers read it, after the lock is released.
    /// </summary>
    [Theory]
    [InlineData("return {|#0:_pending|}.AsReadOnly();")]
    [InlineData("return new System.Collections.ObjectModel.ReadOnlyCollection<Job>({|#0:_pending|});")]
    public Task Live_view_of_the_collection_returned_from_inside_the_lock_that_guards_it(string pending)
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Schedule(pending),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_pending", "handed out", "_gate", "in 'Schedule' (3 of 4 accesses)",
                "'Pending' may run on several threads at once: 'ResurfacingSchedule' synchronizes its own state ('Schedule' locks '_gate'); 'Pending' returns the collection itself, so its callers read it after the lock is released while 'Schedule' changes it (return a copy made under the lock)"));

    /// <summary>
    /// Set ba R03: a deferred query over the list (<c>Where</c>, <c>Select</c>, <c>OrderBy</c>…) returned from inside
    /// the lock reads the list only when its callers enumerate it, after the lock is released.
    /// </summary>
    [Theory]
    [InlineData("return {|#0:_pending|}.Where(j => j.Due > 0);")]
    [InlineData("return {|#0:_pending|}.Where(j => j.Due > 0).OrderBy(j => j.Due).Select(j => j);")]
    [InlineData("return System.Linq.Enumerable.Skip({|#0:_pending|}, 1);")]
    public Task Deferred_query_over_the_collection_returned_from_inside_the_lock_that_guards_it(string pending)
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Schedule(pending).Replace("public IReadOnlyList<Job> Pending", "public IEnumerable<Job> Pending"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_pending", "handed out", "_gate", "in 'Schedule' (3 of 4 accesses)",
                "'Pending' may run on several threads at once: 'ResurfacingSchedule' synchronizes its own state ('Schedule' locks '_gate'); 'Pending' returns a query over the collection, which reads it only when its callers enumerate it, after the lock is released, while 'Schedule' changes it (make a copy under the lock: ToList())"));

    /// <summary>A query made into a list or an array under the lock, or one that yields a value, has read the list before the lock is released.</summary>
    [Theory]
    [InlineData("return _pending.Where(j => j.Due > 0).ToList();")]
    [InlineData("return _pending.OrderBy(j => j.Due).Select(j => j).ToArray();")]
    [InlineData("return _pending.Any(j => j.Due > 0) ? new List<Job>() : _pending.ToList();")]
    public Task Query_materialized_inside_the_lock_is_not_reported(string pending)
        => SharedStateSilence.VerifyNoRaceAsync(Schedule(pending).Replace("public IReadOnlyList<Job> Pending", "public IEnumerable<Job> Pending"));

    /// <summary>Taking the lock again around the 'return' would change nothing: no fix is offered (the cure is a copy).</summary>
    [Fact]
    public Task Collection_handed_out_of_its_lock_is_offered_no_lock_fix()
    {
        var source = Schedule("return {|#0:_pending|};");
        return CSharpCodeFixVerifier<InconsistentSynchronizationAnalyzer, Forklift.CodeFixes.SharedState.InconsistentSynchronizationCodeFix>.VerifyCodeFixAsync(
            source,
            [CSharpCodeFixVerifier<InconsistentSynchronizationAnalyzer, Forklift.CodeFixes.SharedState.InconsistentSynchronizationCodeFix>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_pending", "handed out", "_gate", "in 'Schedule' (3 of 4 accesses)",
                    "'Pending' may run on several threads at once: 'ResurfacingSchedule' synchronizes its own state ('Schedule' locks '_gate'); 'Pending' returns the collection itself, so its callers read it after the lock is released while 'Schedule' changes it (return a copy made under the lock)")],
            source);
    }

    [Fact]
    public Task Copy_returned_from_inside_the_lock_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Schedule("return _pending.ToArray();"));

    /// <summary>
    /// Set d C33: a getter that returns the list without taking the lock, read by the game loop once the step that
    /// fills it is over. The lock is taken only by the step's own parallel work, and the step clears the list without
    /// it: only callers' changes made under the lock say the author meant callers to share the list.
    /// </summary>
    [Fact]
    public Task Collection_returned_where_no_lock_is_held_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Arena
            {
                private readonly object _contactsLock = new();
                private readonly List<int> _contacts = new();

                public IReadOnlyList<int> LastContacts => _contacts;

                public void Step(int[] bodies)
                {
                    _contacts.Clear();
                    Parallel.For(0, bodies.Length, () => new List<int>(), (i, _, local) => { local.Add(bodies[i]); return local; },
                        local => { lock (_contactsLock) _contacts.AddRange(local); });
                }
            }
            """);

    /// <summary>
    /// Set ar R06: every change callers make to the list is made under the lock, and a getter hands out the live list
    /// with none held: callers enumerate it while another caller adds.
    /// </summary>
    [Fact]
    public Task Collection_returned_where_no_lock_is_held_while_callers_change_it_under_the_lock_is_reported()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Schedule("return _pending.Count > 0 ? _pending.ToArray() : [];")
                .Replace("public IReadOnlyList<Job> Pending", "public IReadOnlyList<Job> Last => {|#0:_pending|};\n\n    public IReadOnlyList<Job> Pending"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_pending", "handed out", "_gate", "in 'Schedule' (5 of 6 accesses)",
                "'Last' may run on several threads at once: 'ResurfacingSchedule' synchronizes its own state ('Schedule' locks '_gate'); 'Last' returns the collection itself, so its callers read it after the lock is released while 'Schedule' changes it (return a copy made under the lock)"));

    /// <summary>
    /// NLog's <c>LoggingConfiguration.LoggingRules</c> and Rx's <c>ZipObserver.Values</c> (false reports of the first
    /// version): a collection handed out as a list or queue to change, not a view to read, is the caller's to use
    /// under whatever lock its design says (users build NLog's configuration through it; Rx's parent holds the
    /// observer's gate).
    /// </summary>
    [Fact]
    public Task Collection_handed_out_to_be_changed_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Rule { }

            public sealed class Configuration
            {
                private readonly List<Rule> _rules = new();

                public IList<Rule> Rules => _rules;

                internal Rule[] Snapshot() { lock (_rules) return _rules.ToArray(); }

                public void AddRule(Rule rule) { lock (_rules) _rules.Add(rule); }
            }

            public sealed class ZipObserver
            {
                private readonly object _gate;
                private readonly Queue<int> _values = new();

                public ZipObserver(object gate) => _gate = gate;

                public Queue<int> Values => _values;

                public void OnNext(int value) { lock (_gate) _values.Enqueue(value); }
            }
            """);

    /// <summary>
    /// Set aj R15: in a type documented as shared by threads, a getter that hands out the live list with no lock held
    /// is reported like one that returns it from inside the lock: its callers enumerate it while 'Schedule' changes it.
    /// </summary>
    [Fact]
    public Task Collection_returned_where_no_lock_is_held_by_a_type_documented_as_shared_is_reported()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Schedule("return _pending.Count > 0 ? _pending.ToArray() : [];")
                .Replace("public IReadOnlyList<Job> Pending", "public IReadOnlyList<Job> Last => {|#0:_pending|};\n\n    public IReadOnlyList<Job> Pending")
                .Replace("public sealed class {|#1:ResurfacingSchedule|}", "/// <summary>Called from many threads: the rink crews and the office.</summary>\npublic sealed class {|#1:ResurfacingSchedule|}"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_pending", "handed out", "_gate", "in 'Schedule' (5 of 6 accesses)",
                "'Last' may run on several threads at once: 'ResurfacingSchedule' is documented as shared (\"from many threads\"); 'Last' returns the collection itself, so its callers read it after the lock is released while 'Schedule' changes it (return a copy made under the lock)"));

    /// <summary>A private helper that returns the list to a caller holding the lock hands nothing out of it.</summary>
    [Fact]
    public Task Collection_returned_to_a_caller_that_holds_the_lock_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;

            public sealed class Roster
            {
                private readonly object _gate = new();
                private readonly List<string> _names = new();

                public void Add(string name)
                {
                    lock (_gate)
                    {
                        Names().Add(name);
                    }
                }

                public int Count
                {
                    get
                    {
                        lock (_gate)
                        {
                            return Names().Count;
                        }
                    }
                }

                private List<string> Names() => _names;
            }
            """);

    private static string Tracker(string end) => $$"""
        using System;
        using System.Threading;

        /// <summary>Shared by all pass executors, so its members are called from many threads at once.</summary>
        public sealed class {|#1:PassTracker|}
        {
            private int _active;

            public int Active => Volatile.Read(ref _active);

            public IDisposable Begin()
            {
                Interlocked.Increment(ref _active);
                return new Scope(this);
            }

            private void End()
            {
                {{end}}
            }

            private sealed class Scope : IDisposable
            {
                private readonly PassTracker _owner;
                private int _disposed;

                public Scope(PassTracker owner) => _owner = owner;

                public void Dispose()
                {
                    if (Interlocked.Exchange(ref _disposed, 1) == 0)
                    {
                        _owner.End();
                    }
                }
            }
        }
        """;

    private static string Schedule(string pending) => $$"""
        using System.Collections.Generic;
        using System.Linq;

        public sealed record Job(string Rink, int Due);

        public sealed class {|#1:ResurfacingSchedule|}
        {
            private readonly object _gate = new();
            private readonly List<Job> _pending = new();

            public void Schedule(Job job)
            {
                lock (_gate)
                {
                    var index = _pending.FindIndex(j => j.Due > job.Due);
                    if (index < 0)
                    {
                        _pending.Add(job);
                    }
                    else
                    {
                        _pending.Insert(index, job);
                    }
                }
            }

            public IReadOnlyList<Job> Pending
            {
                get
                {
                    lock (_gate)
                    {
                        {{pending}}
                    }
                }
            }
        }
        """;

    /// <summary>
    /// Set aa R06: 'Subscribe' stores the new subscription in a local, adds it under the lock and then returns it; its
    /// 'Dispose' removes it under the lock, so two of the list's four accesses hold '_gate' and 'Publish' reads the
    /// list without it while the uplinks' threads subscribe and unsubscribe.
    /// </summary>
    [Fact]
    public Task Subscription_returned_from_a_local_calls_back_into_its_owner()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;

            public sealed class Bus
            {
                private sealed class Subscription : IDisposable
                {
                    private readonly Bus _owner;
                    public Subscription(Bus owner, Action<string> handler) { _owner = owner; Handler = handler; }
                    public Action<string> Handler { get; }
                    public void Dispose() => _owner.Remove(this);
                }

                private readonly object _gate = new object();
                private readonly List<Subscription> _subscriptions = new List<Subscription>();

                public IDisposable Subscribe(Action<string> handler)
                {
                    var sub = new Subscription(this, handler);
                    lock (_gate) { _subscriptions.Add(sub); }
                    return sub;
                }

                private void Remove(Subscription sub)
                {
                    lock (_gate) { _subscriptions.Remove(sub); }
                }

                public int Publish(string message)
                {
                    var delivered = 0;
                    for (var i = 0; i < [|_subscriptions.Count|]; i++)
                    {
                        [|_subscriptions[i]|].Handler(message);
                        delivered++;
                    }

                    return delivered;
                }
            }
            """);

    private const string Registry = """
        using System;
        using System.Collections.Generic;

        /// <summary>One instance is shared by the camera ingestion threads and the reporting screens.</summary>
        public sealed class RollDefectRegistry
        {
            private readonly object _gate = new();
            private readonly Dictionary<string, List<string>> _byRoll = new();

            public void Record(string roll, string defect)
            {
                lock (_gate)
                {
                    if (!_byRoll.TryGetValue(roll, out var list))
                    {
                        list = new List<string>();
                        _byRoll[roll] = list;
                    }

                    list.Add(defect);
                }
            }

            public IReadOnlyList<string> DefectsFor(string roll)
            {
                lock (_gate)
                {
                    RETURN
                }
            }
        }
        """;

    /// <summary>
    /// Blind set aq, R06: a dictionary's value list returned from inside the lock under which <c>Record</c> adds to it;
    /// the report enumerates it after the lock is released.
    /// </summary>
    [Fact]
    public Task Value_collection_returned_from_inside_the_lock_is_reported()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Registry.Replace("RETURN", "return _byRoll.TryGetValue(roll, out var list) ? [|list|] : Array.Empty<string>();"));

    [Fact]
    public Task Copy_of_the_value_collection_made_under_the_lock_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(
            Registry.Replace("RETURN", "return _byRoll.TryGetValue(roll, out var list) ? list.ToArray() : Array.Empty<string>();"));
}
