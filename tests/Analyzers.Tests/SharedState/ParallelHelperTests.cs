using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A method of the compilation that runs a delegate parameter on several threads at once (its body hands the parameter
/// to <c>Parallel.ForEach</c>, or calls it from a parallel loop) makes the lambda passed to it a concurrent entry at
/// the call (#9: "delegates from parameters"). Races among the lambda's runs are reported where the lambda is written,
/// naming the helper; a helper that runs its delegate one item at a time, or a lambda that synchronizes, stays silent.
/// </summary>
public class ParallelHelperTests
{
    private const string Helpers = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Work
        {
            public static void ForEachParallel<T>(this IEnumerable<T> items, Action<T> action) => Parallel.ForEach(items, action);

            public static void Each<T>(IReadOnlyList<T> items, Action<T> action)
            {
                Parallel.For(0, items.Count, i => action(items[i]));
            }

            public static void Sequential<T>(IEnumerable<T> items, Action<T> action)
            {
                foreach (var item in items)
                {
                    action(item);
                }
            }

            public static void Guarded<T>(IEnumerable<T> items, Action<T> action)
            {
                var gate = new object();
                action = item => { lock (gate) { } };
                Parallel.ForEach(items, action);
            }
        }
        """;

    [Fact]
    public async Task Lambda_given_to_a_helper_that_runs_it_in_a_parallel_loop_races_on_a_field()
    {
        var test = new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Totals.cs", """
                        using System.Collections.Generic;

                        public class Totals
                        {
                            private long _sum;

                            public long Sum(List<int> values)
                            {
                                {|#1:values.ForEachParallel(v => {|#0:_sum += v|})|};
                                return _sum;
                            }
                        }
                        """),
                    ("Work.cs", Helpers),
                },
                ExpectedDiagnostics =
                {
                    CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                        .WithArguments("_sum", "Sum", "'Sum' runs on several threads (started by 'ForEachParallel' at line 9)"),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public Task Captured_local_written_by_the_runs_of_a_helper_called_from_its_parallel_loop()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Helpers + """

            public class Counter
            {
                public int Count(IReadOnlyList<string> lines)
                {
                    var blank = 0;
                    Work.Each(lines, line => { if (line.Length == 0) [|blank++|]; });
                    return blank;
                }
            }
            """);

    [Fact]
    public Task Helper_that_starts_a_task_per_item_in_a_loop_runs_the_lambdas_at_once()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class Fan
            {
                public static void Out<T>(IEnumerable<T> items, Action<T> work)
                {
                    var tasks = new List<Task>();
                    foreach (var item in items)
                    {
                        tasks.Add(Task.Run(() => work(item)));
                    }

                    Task.WaitAll(tasks.ToArray());
                }
            }

            class Crawler
            {
                private int _pages;

                public int Crawl(IEnumerable<Uri> sites)
                {
                    Fan.Out(sites, site => [|_pages++|]);
                    return _pages;
                }
            }
            """);

    [Fact]
    public Task Helper_whose_parameter_has_a_delegate_type_of_the_compilation()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            public delegate void LineHandler(string line);

            static class Pump
            {
                public static void Each(string[] lines, LineHandler handler) => Parallel.ForEach(lines, line => handler(line));

                public static void EachInOrder(string[] lines, LineHandler handler)
                {
                    foreach (var line in lines) handler(line);
                }
            }

            class Stats
            {
                private int _lines;
                private int _ordered;

                public void Read(string[] lines)
                {
                    Pump.Each(lines, line => [|_lines++|]);
                    Pump.EachInOrder(lines, line => _ordered++);
                }
            }
            """);

    /// <summary>
    /// The delegate type is declared in a file of its own, which starts no work: the per-file scan still reads that
    /// file's declarations (it skips only files that neither declare a delegate nor hold a start word).
    /// </summary>
    [Fact]
    public async Task Helper_whose_parameter_has_a_delegate_type_declared_in_a_file_that_starts_nothing()
    {
        var test = new CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Test
        {
            TestState =
            {
                Sources =
                {
                    ("LineHandler.cs", """
                        namespace Pumps;

                        public delegate void LineHandler(string line);
                        """),
                    ("Pump.cs", """
                        using System.Threading.Tasks;

                        namespace Pumps;

                        static class Pump
                        {
                            public static void Each(string[] lines, LineHandler handler) => Parallel.ForEach(lines, line => handler(line));
                        }

                        class Stats
                        {
                            private int _lines;

                            public void Read(string[] lines) => Pump.Each(lines, line => [|_lines++|]);
                        }
                        """),
                },
            },
        };
        await test.RunAsync();
    }

    [Fact]
    public Task Collection_filled_by_the_runs_of_a_helper()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Helpers + """

            public class Index
            {
                private readonly List<string> _names = new();

                public void Load(IEnumerable<string> names) => names.ForEachParallel(n => [|_names.Add(n)|]);
            }
            """);

    [Fact]
    public Task Helper_that_runs_its_delegate_one_item_at_a_time_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Helpers + """

            public class Counter
            {
                private int _count;

                public int Count(IEnumerable<string> lines)
                {
                    var blank = 0;
                    Work.Sequential(lines, line => { blank++; _count++; });
                    return blank;
                }
            }
            """);

    [Fact]
    public Task Lambda_that_locks_or_updates_atomically_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Helpers + """

            public class Counter
            {
                private readonly object _gate = new();
                private long _sum;
                private int _count;

                public void Add(IReadOnlyList<int> values)
                {
                    Work.Each(values, v => { lock (_gate) { _sum += v; } });
                    values.ForEachParallel(v => System.Threading.Interlocked.Increment(ref _count));
                }

                public long Total(IReadOnlyList<int> values)
                {
                    var gate = new object();
                    long total = 0;
                    Work.Each(values, v => { lock (gate) { total += v; } });

                    // The helper returns when its loop is done: this runs after every lambda.
                    total *= 2;
                    return total;
                }
            }
            """);

    [Fact]
    public Task Helper_that_replaces_its_parameter_before_running_it_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Helpers + """

            public class Counter
            {
                private int _count;

                public void Add(IEnumerable<int> values) => Work.Guarded(values, v => _count++);
            }
            """);

    private const string Background = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public static class Background
        {
            public static void Fire(Action work) => ThreadPool.QueueUserWorkItem(_ => work());

            public static Task RunAsync(Action work) => Task.Run(work);

            public static async Task RunAndWaitAsync(Action work) => await Task.Run(work);
        }
        """;

    [Fact]
    public Task Lambda_a_helper_leaves_running_races_with_the_callers_code_after_the_call()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Background + """

            public class Hits
            {
                private int _hits;

                public void Touch()
                {
                    Background.Fire(() => [|_hits++|]);
                    [|_hits++|];
                }
            }
            """);

    [Fact]
    public Task Helper_called_in_a_loop_without_waiting_runs_its_lambdas_at_once()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Background + """

            public class Cache
            {
                private readonly Dictionary<string, string> _map = new();

                public void Warm(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        Background.Fire(() => [|_map[key] = key|]);
                    }
                }
            }
            """);

    [Fact]
    public Task Task_of_a_helper_races_with_the_caller_until_it_is_awaited()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(Background + """

            public class Hits
            {
                private int _hits;

                public async Task CountAsync()
                {
                    var task = Background.RunAsync(() => [|_hits++|]);
                    [|_hits++|];
                    await task;
                    _hits++;
                }
            }
            """);

    [Fact]
    public Task Helper_awaited_at_once_or_awaiting_its_own_work_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Background + """

            public class Hits
            {
                private int _hits;
                private readonly Dictionary<string, string> _map = new();

                public async Task CountAsync()
                {
                    await Background.RunAsync(() => _hits++);
                    _hits++;
                }

                public async Task WarmAsync(IEnumerable<string> keys)
                {
                    foreach (var key in keys)
                    {
                        await Background.RunAndWaitAsync(() => _map[key] = key);
                        _hits++;
                    }
                }
            }
            """);
}
