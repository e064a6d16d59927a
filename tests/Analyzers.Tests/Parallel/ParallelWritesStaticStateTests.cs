using Verify = Forklift.Analyzers.Tests.ParallelUsage.ParallelAnalyzerVerifier<Forklift.Analyzers.ParallelUsage.ParallelWritesStaticStateAnalyzer>;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class ParallelWritesStaticStateTests
{
    [Fact]
    public Task DirectWriteIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Counter
        {
            private static int s_total;

            [Parallel]
            public static int {|#0:Add|}(int value)
            {
                s_total += value;
                return value;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Add", "field", "Counter.s_total", string.Empty));

    [Fact]
    public Task WriteThroughCallsIsReportedWithThePath() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static class Cache
        {
            public static string? Last { get; set; }

            public static void Remember(string value) => Store(value);

            private static void Store(string value) => Last = value;
        }

        public static partial class Work
        {
            [Parallel]
            public static int {|#0:Run|}(string input)
            {
                Cache.Remember(input);
                return input.Length;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Run", "property", "Cache.Last", " (through 'Cache.Store')"));

    [Fact]
    public Task InterlockedOnStaticFieldIsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Forklift;

        public static partial class Work
        {
            private static long s_calls;

            [Parallel]
            public static void {|#0:Touch|}(int x) => Interlocked.Increment(ref s_calls);
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Touch", "field", "Work.s_calls", string.Empty));

    [Fact]
    public Task ReadsInitializersStaticConstructorsAndDeepCallsAreFine() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Work
        {
            private static readonly int[] s_table;
            private static int s_connection;
            private static int s_deep;

            static Work() => s_table = new[] { 1, 2 };

            [WorkerInitializer]
            public static void Connect() => s_connection = 1;

            [Parallel]
            public static int Lookup(int i) => s_table[i] + s_connection + L1(i);

            private static int L1(int i) => L2(i);
            private static int L2(int i) => L3(i);
            private static int L3(int i) => L4(i);
            private static int L4(int i) => L5(i);
            private static int L5(int i) => s_deep = i;
        }
        """);

    [Fact]
    public Task AddingToAStaticListIsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Forklift;

        public static partial class Squares
        {
            // The classic surprise: the parent's list stays empty, each worker fills its own copy.
            private static readonly List<int> s_results = new();

            [Parallel]
            public static void {|#0:Compute|}(int x) => s_results.Add(x * x);
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Compute", "collection", "Squares.s_results", string.Empty));

    [Theory]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary<string, int>", "s_state.TryAdd(key, 1);")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "s_state[key] = 1;")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "s_state[key]++;")]
    [InlineData("System.Collections.Generic.HashSet<string>", "s_state.UnionWith(new[] { key });")]
    [InlineData("System.Collections.Generic.Queue<string>", "s_state.Enqueue(key);")]
    [InlineData("System.Collections.Concurrent.ConcurrentBag<string>", "s_state.Add(key);")]
    [InlineData("System.Collections.Generic.List<string>", "((System.Collections.Generic.ICollection<string>)s_state).Clear();")]
    public Task ChangingAStaticCollectionIsReported(string type, string change) => Verify.VerifyAnalyzerAsync($$"""
        using Forklift;

        public static partial class Work
        {
            private static readonly {{type}} s_state = new();

            [Parallel]
            public static void {|#0:Run|}(string key)
            {
                {{change}}
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Run", "collection", "Work.s_state", string.Empty));

    [Fact]
    public Task ChangesThroughAStaticPropertyAndAHelperAreReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Forklift;

        public static class Log
        {
            public static List<string> Lines { get; } = new();

            public static void Write(string line) => Lines.Add(line);
        }

        public static partial class Work
        {
            [Parallel]
            public static int {|#0:Run|}(string input)
            {
                Log.Write(input);
                return input.Length;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Run", "collection", "Log.Lines", " (through 'Log.Write')"));

    [Fact]
    public Task WritingAStaticArrayElementIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Histogram
        {
            private static readonly int[] s_buckets = new int[10];

            [Parallel]
            public static void {|#0:Count|}(int value) => s_buckets[value % 10]++;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Count", "array", "Histogram.s_buckets", string.Empty));

    [Fact]
    public Task ReadingStaticCollectionsLocalCollectionsCachesAndImmutableCollectionsAreFine() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Diagnostics.Metrics;
        using Forklift;

        public static partial class Work
        {
            private static readonly Dictionary<string, int> s_table = new() { ["a"] = 1 };
            private static readonly ConcurrentDictionary<string, int> s_lengths = new();
            private static readonly ImmutableList<int> s_seed = ImmutableList.Create(1, 2);
            private static readonly Counter<int> s_calls = new Meter("Work").CreateCounter<int>("calls");
            private static readonly int[] s_weights = { 1, 2, 3 };

            [Parallel]
            public static int Run(string key)
            {
                var local = new List<int>(s_seed.Add(3));
                local.Add(s_table.TryGetValue(key, out int value) ? value : 0);
                local[0] = s_weights[key.Length % 3];
                s_calls.Add(1);
                return s_lengths.GetOrAdd(key, k => k.Length) + local.Count + s_table[key];
            }
        }
        """);
}
