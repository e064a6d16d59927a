using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The shared-state rules decide from syntax which bodies can matter before binding any (ReportableState,
/// ConcurrentEntryFinder.MayStart, ConcurrentDictionaryCandidates). A gate that skips a body wrongly loses a report, so
/// these tests put the decisive piece where a syntax-only gate could miss it: in another partial part or file, behind
/// a helper, a qualified or aliased name, a constructor chain, a target-typed creation. The reported access stays in a
/// file that names a synchronization (the model's per-file text pre-check, older than these gates, needs that).
/// </summary>
public class BindingGateTests
{
    private static Task VerifyInconsistentAsync(params string[] sources)
        => VerifyAsync<InconsistentSynchronizationAnalyzer>(sources);

    private static Task VerifyMutationAsync(params string[] sources)
        => VerifyAsync<SharedStateMutationAnalyzer>(sources);

    private static Task VerifyAsync<TAnalyzer>(string[] sources)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        return test.RunAsync();
    }

    [Fact]
    public Task Guarded_field_written_by_a_public_member_in_another_part_through_two_helpers()
        => VerifyInconsistentAsync(
            """
            public sealed partial class Account
            {
                private readonly object _sync = new object();
                private int _balance;

                public void Deposit(int amount)
                {
                    lock (_sync)
                    {
                        _balance += amount;
                    }
                }

                public int Read()
                {
                    lock (_sync)
                    {
                        return _balance;
                    }
                }

                private void Clear() { {|FL1003:_balance = 0|}; }
            }
            """,
            """
            public sealed partial class Account
            {
                public void Reset() => Wipe();

                private void Wipe() => Clear();
            }
            """);

    [Fact]
    public Task Guarded_field_written_by_a_private_property_that_a_public_member_assigns()
        => VerifyInconsistentAsync(
            """
            public sealed class Account
            {
                private readonly object _sync = new object();
                private int _balance;

                public void Deposit(int amount)
                {
                    lock (_sync)
                    {
                        _balance += amount;
                    }
                }

                public int Read()
                {
                    lock (_sync)
                    {
                        return _balance;
                    }
                }

                private int Current { set { {|FL1003:_balance = value|}; } }

                public void Reset() => Current = 0;
            }
            """);

    [Fact]
    public Task Guarded_field_written_by_a_private_indexer_that_a_public_member_assigns()
        => VerifyInconsistentAsync(
            """
            public sealed class Slots
            {
                private readonly object _sync = new object();
                private readonly int[] _values = new int[4];
                private int _version;

                public void Set(int i, int v)
                {
                    lock (_sync)
                    {
                        _values[i] = v;
                        _version++;
                    }
                }

                public int Version()
                {
                    lock (_sync)
                    {
                        return _version;
                    }
                }

                private int this[int i] { set { {|FL1003:_values[i] = value|}; {|FL1003:_version = 0|}; } }

                public void Clear() { this[0] = 0; }
            }
            """);

    [Fact]
    public Task Field_guarded_only_through_a_helper_in_another_part_that_its_caller_locks_around()
        => VerifyInconsistentAsync(
            """
            using System.Collections.Generic;

            public sealed partial class Registry
            {
                private readonly object _sync = new object();
                private readonly List<string> _names = new List<string>();

                public void Add(string name)
                {
                    lock (_sync)
                    {
                        Store(name);
                    }
                }

                public void AddUnlocked(string name) => {|FL1003:_names.Add(name)|};
            }
            """,
            """
            public sealed partial class Registry
            {
                private void Store(string name) => _names.Add(name);
            }
            """);

    [Fact]
    public Task Compound_write_through_this_of_an_atomically_updated_field_reached_from_another_part()
        => VerifyMutationAsync(
            """
            using System.Threading;

            public sealed partial class Stats
            {
                private int _hits;

                public void Hit() => Interlocked.Increment(ref _hits);

                private void Add(int n) { {|FL1001:this._hits += n|}; }
            }
            """,
            """
            public sealed partial class Stats
            {
                public void Bump() => Add(2);
            }
            """);

    [Fact]
    public Task Compound_write_of_an_atomically_updated_static_field_through_the_type_name()
        => VerifyMutationAsync(
            """
            using System.Threading;

            public sealed class Totals
            {
                private static long s_total;

                public static void Add(long n) => Interlocked.Add(ref s_total, n);

                public static void Double() { {|FL1001:Totals.s_total *= 2|}; }
            }
            """);

    [Fact]
    public Task Deferred_write_in_a_constructor_reached_through_a_constructor_chain()
        => VerifyInconsistentAsync(
            """
            using System.Threading;

            public sealed class Poller
            {
                private readonly object _sync = new object();
                private readonly Timer _timer;
                private int _ticks;

                public Poller() : this(100) { }

                private Poller(int period)
                {
                    _timer = new Timer(_ => { {|FL1003:_ticks = _ticks + 1|}; }, null, 0, period);
                }

                public void Reset()
                {
                    lock (_sync)
                    {
                        _ticks = 0;
                    }
                }

                public int Ticks
                {
                    get { lock (_sync) { return _ticks; } }
                }
            }
            """);

    [Fact]
    public Task Own_static_method_handed_to_a_thread_through_a_derived_type_name()
        => VerifyInconsistentAsync(
            """
            using System.Threading;

            public class Worker
            {
                protected static readonly object Sync = new object();
                private static int s_done;

                public static void Start() => new Thread(Special.Work).Start();

                protected static void Work() { {|FL1003:s_done = s_done + 1|}; }

                public static void Reset()
                {
                    lock (Sync)
                    {
                        s_done = 0;
                    }
                }

                public static int Done()
                {
                    lock (Sync)
                    {
                        return s_done;
                    }
                }
            }

            public sealed class Special : Worker { }
            """);

    [Fact]
    public Task Parallel_named_through_a_qualified_name_and_an_alias_still_starts_work()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            """
            using P = System.Threading.Tasks.Parallel;

            class Sums
            {
                static int total, other;

                static void Qualified() => System.Threading.Tasks.Parallel.For(0, 10, i => { {|FL1001:total += i|}; });

                static void Aliased() => P.For(0, 10, i => { {|FL1001:other += i|}; });
            }
            """);

    [Fact]
    public Task Target_typed_thread_returned_from_a_method_still_starts_work()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            """
            using System.Threading;

            class Spawner
            {
                static int count;

                static Thread Make() => new(() => { for (int i = 0; i < 100; i++) { {|FL1001:count = count + 1|}; } });

                static void Main()
                {
                    Thread local = new(() => { {|FL1001:count = count + 2|}; });
                    local.Start();
                    Make().Start();
                    Make().Start();
                }
            }
            """);

    [Fact]
    public Task Dictionary_entry_updated_through_a_local_a_call_an_element_and_a_lambda_parameter()
        => CSharpAnalyzerVerifier<ConcurrentDictionaryCompoundOperationAnalyzer>.VerifyAnalyzerAsync(
            """
            using System.Collections.Concurrent;
            using System.Collections.Generic;

            class Counters
            {
                private readonly ConcurrentDictionary<string, int>[] _shards = { new(), new() };

                private ConcurrentDictionary<string, int> Shard(string key) => _shards[key.Length % 2];

                public void Hit(string key, List<ConcurrentDictionary<string, int>> all)
                {
                    var shard = Shard(key);
                    {|FL1005:shard[key]++|};
                    {|FL1005:Shard(key)[key] += 2|};
                    {|FL1005:_shards[0][key]--|};
                    all.ForEach(d => {|FL1005:d[key]++|});
                }
            }
            """);

    [Fact]
    public Task Dictionary_entry_read_anywhere_in_a_plain_assignment_is_reported_and_a_store_or_another_entry_is_not()
        => CSharpAnalyzerVerifier<ConcurrentDictionaryCompoundOperationAnalyzer>.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Concurrent;

            class Scores
            {
                private readonly ConcurrentDictionary<string, int> _best = new();
                private readonly int[] _buffer = new int[8];

                public void Record(string key, int score, Func<Func<int>, int> later)
                {
                    {|FL1005:_best[key] = Math.Max(_best[key], score)|};
                    {|FL1005:_best[key] = later(() => this._best[(key)] + 1)|};
                    {|FL1005:this._best![key] = (int)_best[(string)key] * 2|};
                    _best[key] = score;
                    _best[key] = _best[key + "!"] + 1;
                    _buffer[score % 8] = _buffer[0];
                }
            }
            """);
}
