using Forklift.Analyzers.SharedState;
using Forklift.CodeFixes.SharedState;
using Test = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer, Forklift.CodeFixes.SharedState.CollectionMutatedConcurrentlyCodeFix>.Test;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer, Forklift.CodeFixes.SharedState.CollectionMutatedConcurrentlyCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

public class CollectionMutatedConcurrentlyCodeFixTests
{
    [Fact]
    public Task List_in_parallel_body_becomes_ConcurrentBag()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                static int[] Squares(int[] items)
                {
                    var results = new List<int>();
                    Parallel.ForEach(items, i => [|results.Add(i * i)|]);
                    Parallel.ForEach(items, i => { [|results.Add(-i)|]; });
                    return results.OrderBy(x => x).ToArray();
                }
            }
            """,
            """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class C
            {
                static int[] Squares(int[] items)
                {
                    var results = new ConcurrentBag<int>();
                    Parallel.ForEach(items, i => results.Add(i * i));
                    Parallel.ForEach(items, i => { results.Add(-i); });
                    return results.OrderBy(x => x).ToArray();
                }
            }
            """);

    [Fact]
    public Task Dictionary_field_becomes_ConcurrentDictionary()
        => Verify.VerifyCodeFixAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly Dictionary<int, string> map = new Dictionary<int, string>();
                public void Fill() => Parallel.For(0, 10, i =>
                {
                    [|map[i] = i.ToString()|];
                    [|map.Add(i + 100, "x")|];
                    [|map.Remove(i - 1)|];
                });
                public bool Has(int i) => map.ContainsKey(i);
            }
            """,
            """
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Cache
            {
                private readonly ConcurrentDictionary<int, string> map = new ConcurrentDictionary<int, string>();
                public void Fill() => Parallel.For(0, 10, i =>
                {
                    map[i] = i.ToString();
                    map.TryAdd(i + 100, "x");
                    map.TryRemove(i - 1, out _);
                });
                public bool Has(int i) => map.ContainsKey(i);
            }
            """);

    // The formatter keeps a one-line lambda block on one line.
    [Fact]
    public Task List_used_by_index_gets_only_the_lock_fix()
        => new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    private readonly List<int> items = new();
                    void Run()
                    {
                        Parallel.For(0, 10, i => { [|items.Add(i)|]; });
                        items[0] = 1;
                    }
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Threading.Tasks;

                class C
                {
                    private readonly object _lock = new object();
                    private readonly List<int> items = new();
                    void Run()
                    {
                        Parallel.For(0, 10, i => { lock (_lock) { items.Add(i); } });
                        items[0] = 1;
                    }
                }
                """,
            CodeActionEquivalenceKey = CollectionMutatedConcurrentlyCodeFix.LockKey,
            CodeActionIndex = 0,
        }.RunAsync();

    [Fact]
    public Task Lock_fix_gives_an_expression_bodied_method_a_block()
        => new Test
        {
            TestCode = """
                using System.Collections.Generic;
                using System.Linq;

                class Collector
                {
                    private readonly object gate = new object();
                    private readonly List<string> names = new();
                    private void Record(int i) => [|names.Add(i.ToString())|];
                    public void Run() => Enumerable.Range(0, 10).AsParallel().ForAll(i => Record(i));
                    public string First() => names[0];
                }
                """,
            FixedCode = """
                using System.Collections.Generic;
                using System.Linq;

                class Collector
                {
                    private readonly object gate = new object();
                    private readonly List<string> names = new();
                    private void Record(int i)
                    {
                        lock (gate)
                        {
                            names.Add(i.ToString());
                        }
                    }

                    public void Run() => Enumerable.Range(0, 10).AsParallel().ForAll(i => Record(i));
                    public string First() => names[0];
                }
                """,
            CodeActionEquivalenceKey = CollectionMutatedConcurrentlyCodeFix.LockKey,
        }.RunAsync();
}
