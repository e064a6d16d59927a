using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class CollectionMutatedConcurrentlyTests
{
    [Fact]
    public Task List_Add_in_Parallel_ForEach_with_message()
        => Verify.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                static List<int> Squares(int[] items)
                {
                    var results = new List<int>();
                    {|#1:Parallel.ForEach(items, i => {|#0:results.Add(i * i)|})|};
                    return results;
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("results", "List<int>", "Squares", "'Squares' runs on several threads (started at line 9)"));

    [Fact]
    public Task Dictionary_indexer_set_and_Remove_on_a_field()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class Registry
            {
                private readonly Dictionary<string, int> map = new();
                public void Start()
                {
                    new Thread(() => { [|map["a"] = 1|]; }).Start();
                    new Thread(() => { [|map.Remove("a")|]; }).Start();
                }
            }
            """);

    [Fact]
    public Task HashSet_Queue_Stack_from_timer_callbacks()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class Poller
            {
                static readonly HashSet<int> seen = new();
                static readonly Queue<int> queue = new();
                static readonly Stack<int> stack = new();
                static Timer timer = new Timer(_ => { [|seen.Add(1)|]; [|queue.Enqueue(1)|]; [|stack.Push(1)|]; }, null, 0, 100);
            }
            """);

    [Fact]
    public Task Interprocedural_add_through_a_helper()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;

            class Collector
            {
                private readonly List<string> names = new();
                private void Record(int i) => [|names.Add(i.ToString())|];
                public void Run() => Enumerable.Range(0, 10).AsParallel().ForAll(i => Record(i));
            }
            """);

    [Fact]
    public Task Shared_collection_passed_as_an_argument_to_concurrent_calls()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            static class Scanner
            {
                public static List<string> Scan(IEnumerable<string> files)
                {
                    var results = new List<string>();
                    {|#1:Parallel.ForEach(files, file => Process(file, results))|};
                    return results;
                }

                private static void Process(string file, List<string> found)
                {
                    if (file.EndsWith(".cs"))
                        {|#0:found.Add(file)|};
                }

                public static async Task<List<int>> PublishAll(IReadOnlyList<int> ids)
                {
                    var failed = new List<int>();
                    await Task.WhenAll(ids.Select(id => PublishOne(id, failed)));
                    return failed;
                }

                private static async Task PublishOne(int id, List<int> failed)
                {
                    try
                    {
                        await Task.Delay(id);
                    }
                    catch (Exception)
                    {
                        [|failed.Add(id)|];
                    }
                }
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("results", "List<string>", "Process", "'Process' runs on several threads (started at line 11)"));

    [Fact]
    public Task Collection_per_call_or_locked_by_the_callee_passed_as_an_argument_is_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            static class Scanner
            {
                public static void Scan(IEnumerable<string> files)
                {
                    var results = new List<string>();
                    Parallel.ForEach(files, file =>
                    {
                        var mine = new List<string>();
                        Process(file, mine);
                        ProcessLocked(file, results);
                        Count(file, results);
                    });
                }

                private static void Process(string file, List<string> found) => found.Add(file);

                private static void ProcessLocked(string file, List<string> found)
                {
                    lock (found)
                    {
                        found.Add(file);
                    }
                }

                private static int Count(string file, List<string> found) => found.Count + file.Length;
            }
            """);

    [Fact]
    public Task Mutation_while_the_starter_enumerates()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            class C
            {
                static void Main()
                {
                    var items = new List<int>();
                    var t = new Thread(() => { for (int i = 0; i < 100; i++) [|items.Add(i)|]; });
                    t.Start();
                    foreach (var item in items) { }
                    t.Join();
                }
            }
            """);

    [Fact]
    public Task Lock_and_concurrent_collection_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                static void Run(int[] items)
                {
                    var results = new List<int>();
                    var gate = new object();
                    var bag = new ConcurrentBag<int>();
                    Parallel.ForEach(items, i => { lock (gate) { results.Add(i); } bag.Add(i); });
                    results.Sort();
                }
            }
            """);

    /// <summary>
    /// Blind set o, R15: the writer hands its buffer to a task under another name (<c>var batch = _buffer;</c>) and
    /// clears it right after; the buffer is a <c>readonly</c> field, so the name and the field are one list.
    /// </summary>
    [Fact]
    public Task Readonly_buffer_handed_to_a_task_under_a_local_name_and_cleared_after()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class BatchWriter
            {
                private readonly List<int> _buffer = new();
                private readonly List<Task> _writes = new();

                public void Flush()
                {
                    var batch = _buffer;
                    _writes.Add(Task.Run(() => Save(batch.ToArray())));
                    [|_buffer.Clear()|];
                }

                private static void Save(int[] items) { }
            }
            """);

    [Fact]
    public Task Buffer_swapped_for_a_new_list_before_it_is_handed_off_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class BatchWriter
            {
                private List<int> _buffer = new();

                public Task Flush()
                {
                    var batch = _buffer;
                    _buffer = new List<int>();
                    var write = Task.Run(() => Save(batch.ToArray()));
                    _buffer.Add(0);
                    return write;
                }

                private static void Save(int[] items) { }
            }
            """);

    /// <summary>
    /// Set be R14: a lookup handed by name to <c>Select</c> inside a parallel loop runs on each loop thread, and fills a
    /// static cache of a generic type; a method group of a pure function is silent.
    /// </summary>
    [Fact]
    public Task Method_group_given_to_Select_in_a_parallel_loop_is_followed()
        => Verify.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            internal static class Columns<T>
            {
                private static readonly Dictionary<string, int> ByHeader = new();

                public static int Find(string header)
                {
                    if (ByHeader.TryGetValue(header, out var index)) return index;
                    index = header.Length;
                    {|#0:ByHeader[header] = index|};
                    return index;
                }
            }

            public static class Import
            {
                public static void Run(IEnumerable<string[]> files)
                    => Parallel.ForEach(files, headers => headers.Select(Columns<string>.Find).ToArray());
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 21, 12).WithArguments(
                "ByHeader", "Dictionary<string, int>", "Find", "'Find' runs on several threads (started at line 21)"));

    [Fact]
    public Task Method_group_of_a_pure_function_given_to_Select_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public static class Import
            {
                public static void Run(IEnumerable<string[]> files)
                    => Parallel.ForEach(files, headers => headers.Select(Normalise).ToArray());

                private static string Normalise(string header) => header.Trim().ToUpperInvariant();
            }
            """);
}
