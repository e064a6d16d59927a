using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Thread bodies are followed into property accessors, indexers and constructors as into methods (#9): the code
/// runs on the thread that reads the property or creates the object.
/// </summary>
public class MemberBodyFollowingTests
{
    [Fact]
    public Task Getter_that_counts_read_by_a_parallel_loop()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Ids
            {
                private static int s_next;

                public static int Next { get { [|s_next++|]; return s_next; } }

                public static void Assign(int[] ids) => Parallel.For(0, ids.Length, i => ids[i] = Next);
            }
            """);

    [Fact]
    public Task Local_function_called_from_parallel_code_writes_its_callers_state()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class Probe
            {
                private int _probed;

                public TimeSpan Slowest(IReadOnlyList<Uri> endpoints)
                {
                    TimeSpan slowest = TimeSpan.Zero;

                    void Note(TimeSpan latency)
                    {
                        var own = latency;
                        own += latency;
                        if (own > slowest) [|slowest = own|];
                        [|_probed++|];
                    }

                    var all = endpoints.AsParallel().Select(e => { Note(TimeSpan.FromMilliseconds(e.Port)); return e; }).ToList();
                    return slowest;
                }
            }
            """);

    [Fact]
    public Task Local_function_whose_state_belongs_to_each_parallel_body_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Tasks;

            class Totals
            {
                public long[] Sum(int[][] rows)
                {
                    var sums = new long[rows.Length];
                    Parallel.For(0, rows.Length, i =>
                    {
                        long total = 0;
                        void Add(int v) { total += v; }
                        foreach (var v in rows[i]) Add(v);
                        sums[i] = total;
                    });
                    return sums;
                }

                static int Twice(int v)
                {
                    int Double(int x) { var y = x; y += x; return y; }
                    return Double(v);
                }

                public int[] All(int[] values)
                {
                    var result = new int[values.Length];
                    Parallel.For(0, values.Length, i => result[i] = Twice(values[i]));
                    return result;
                }
            }
            """);

    [Fact]
    public Task Getter_that_counts_with_Interlocked_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            static class Ids
            {
                private static int s_next;

                public static int Next => Interlocked.Increment(ref s_next);

                public static void Assign(int[] ids) => Parallel.For(0, ids.Length, i => ids[i] = Next);
            }
            """);

    [Fact]
    public Task Setter_and_indexer_that_write_shared_state()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class Gauge
            {
                private static int s_updates;
                private int _hits;
                private double _value;

                public double Value { get => _value; set { [|_value = value|]; [|s_updates++|]; } }

                public int this[int slot] { get => _hits; set => [|_hits += value|]; }

                public void Sample(double[] readings)
                    => Parallel.For(0, readings.Length, i => { Value = readings[i]; this[i] = 1; });
            }
            """);

    [Fact]
    public Task Constructor_that_counts_instances_in_a_static_field()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            sealed class Connection
            {
                private static int s_opened;
                private readonly int _id;

                public Connection(int id) : this() { _id = id; }

                private Connection() { Count(); }

                private static void Count() => [|s_opened++|];

                public static void OpenAll(int n) => Parallel.For(0, n, i => _ = new Connection(i));
            }
            """);

    [Fact]
    public Task Constructor_that_fills_its_own_instance_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            sealed class Batch
            {
                private readonly List<int> _items = new List<int>();
                private int _count;
                private int _total;

                public Batch(int size)
                {
                    for (var i = 0; i < size; i++) Add(i);
                    Total = _count;
                }

                public int Total { get => _total; private set => _total = value; }

                private void Add(int item) { _items.Add(item); _count++; }

                public static int[] BuildAll(int n)
                {
                    var totals = new int[n];
                    Parallel.For(0, n, i => totals[i] = new Batch(i).Total);
                    return totals;
                }
            }
            """);

    [Fact]
    public Task Handler_read_from_a_property_and_called_by_two_tasks_updates_its_object()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            public sealed class Tracker
            {
                private long _bytes;
                public Action<long> Handler => OnChunk;
                private void OnChunk(long n) => [|_bytes += n|];
            }

            public static class Program
            {
                public static Task RunAsync(Tracker t)
                {
                    Action<long> h = t.Handler;
                    return Task.WhenAll(Task.Run(() => h(10)), Task.Run(() => h?.Invoke(20)));
                }
            }
            """);

    [Fact]
    public Task Lambda_in_a_local_called_by_a_parallel_loop_updates_the_object()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Tally
            {
                private int _seen;

                public void Count(int[] items)
                {
                    Action note = () => [|_seen++|];
                    Parallel.For(0, items.Length, i => note());
                }
            }
            """);

    [Fact]
    public Task Lambda_in_a_local_called_under_the_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            class Tally
            {
                private readonly object _gate = new();
                private int _seen;

                public void Count(int[] items)
                {
                    Action note = () => _seen++;
                    Parallel.For(0, items.Length, i => { lock (_gate) note(); });
                }
            }
            """);

    [Fact]
    public Task Lambda_that_counts_a_local_of_each_call_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            static class Work
            {
                public static int Run(int n)
                {
                    int done = 0;
                    Action step = () => done++;
                    for (var i = 0; i < n; i++) step();
                    return done;
                }

                public static void All(int[] ns) => Parallel.For(0, ns.Length, i => ns[i] = Run(ns[i]));
            }
            """);

    [Fact]
    public Task Delegate_local_assigned_again_is_not_followed()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            class Tally
            {
                private int _seen;

                public void Count(int[] items, Action safe)
                {
                    Action note = () => _seen++;
                    note = safe;
                    Parallel.For(0, items.Length, i => note());
                }
            }
            """);

    [Fact]
    public Task Private_field_set_to_a_method_group_and_called_by_a_parallel_loop_runs_that_method()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Pipeline
            {
                private readonly Action<int> _onItem;
                private int _processed;

                public Pipeline() { _onItem = Handle; }

                private void Handle(int item) => [|_processed++|];

                public void Run(int[] items) => Parallel.ForEach(items, i => _onItem(i));
            }
            """);

    [Fact]
    public Task Private_field_that_may_hold_a_callers_delegate_is_not_followed()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            class Pipeline
            {
                private readonly Action<int> _onItem;
                private int _processed;

                public Pipeline() { _onItem = Handle; }

                public Pipeline(Action<int> onItem) { _onItem = onItem; }

                private void Handle(int item) => _processed++;

                public void Run(int[] items) => Parallel.ForEach(items, i => _onItem(i));
            }
            """);
}
