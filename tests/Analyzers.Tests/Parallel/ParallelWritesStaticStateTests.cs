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
            public static int {|#1:Add|}(int value)
            {
                {|#0:s_total += value|};
                return value;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Add", "field", "Counter.s_total", "Add"));

    [Fact]
    public Task WriteThroughCallsIsReportedWithThePath() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static class Cache
        {
            public static string? Last { get; set; }

            public static void Remember(string value) => Store(value);

            private static void Store(string value) => {|#0:Last = value|};
        }

        public static partial class Work
        {
            [Parallel]
            public static int {|#1:Run|}(string input)
            {
                Cache.Remember(input);
                return input.Length;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Store", "property", "Cache.Last", "Run"));

    [Fact]
    public Task InterlockedOnStaticFieldIsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Forklift;

        public static partial class Work
        {
            private static long s_calls;

            [Parallel]
            public static void {|#1:Touch|}(int x) => {|#0:Interlocked.Increment(ref s_calls)|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Touch", "field", "Work.s_calls", "Touch"));

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
            public static void {|#1:Compute|}(int x) => {|#0:s_results.Add(x * x)|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Compute", "collection", "Squares.s_results", "Compute"));

    [Theory]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary<string, int>", "s_state.TryAdd(key, 1);")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "s_state[key] = 1;")]
    [InlineData("System.Collections.Generic.Dictionary<string, int>", "s_state[key]++;")]
    [InlineData("System.Collections.Generic.HashSet<string>", "s_state.UnionWith(new[] { key });")]
    [InlineData("System.Collections.Generic.Queue<string>", "s_state.Enqueue(key);")]
    [InlineData("System.Collections.Generic.Queue<string>", "s_state.Dequeue();")]
    [InlineData("System.Collections.Concurrent.ConcurrentDictionary<string, int>", "s_state.TryRemove(key, out _);")]
    [InlineData("System.Collections.Concurrent.ConcurrentBag<string>", "s_state.Add(key);")]
    [InlineData("System.Collections.Generic.List<string>", "((System.Collections.Generic.ICollection<string>)s_state).Clear();")]
    public Task ChangingAStaticCollectionIsReported(string type, string change) => Verify.VerifyAnalyzerAsync($$"""
        using Forklift;

        public static partial class Work
        {
            private static readonly {{type}} s_state = new();

            [Parallel]
            public static void {|#1:Run|}(string key)
            {
                {|#0:{{change.TrimEnd(';')}}|};
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Run", "collection", "Work.s_state", "Run"));

    [Fact]
    public Task ChangesThroughAStaticPropertyAndAHelperAreReported() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Forklift;

        public static class Log
        {
            public static List<string> Lines { get; } = new();

            public static void Write(string line) => {|#0:Lines.Add(line)|};
        }

        public static partial class Work
        {
            [Parallel]
            public static int {|#1:Run|}(string input)
            {
                Log.Write(input);
                return input.Length;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Write", "collection", "Log.Lines", "Run"));

    [Fact]
    public Task WritingAStaticArrayElementIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Histogram
        {
            private static readonly int[] s_buckets = new int[10];

            [Parallel]
            public static void {|#1:Count|}(int value) => {|#0:s_buckets[value % 10]++|};
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Count", "array", "Histogram.s_buckets", "Count"));

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

    [Fact]
    public Task EveryWriteIsReportedAtTheWriteWithEachParallelMethodThatReachesIt() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Forklift;

        public static class Stats
        {
            public static int Calls;
            public static readonly List<string> Seen = new();

            public static void Note(string s)
            {
                {|#0:Calls++|};
                {|#1:Seen.Add(s)|};
            }
        }

        public static partial class Work
        {
            private static string? s_last;

            [Parallel]
            public static int {|#2:A|}(string s)
            {
                Stats.Note(s);
                {|#3:s_last = s|};
                return 1;
            }

            [Parallel]
            public static int {|#4:B|}(string s)
            {
                Stats.Note(s);
                return 2;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(2).WithLocation(4).WithArguments("Note", "field", "Stats.Calls", "A"),
        Verify.Diagnostic().WithLocation(1).WithLocation(2).WithLocation(4).WithArguments("Note", "collection", "Stats.Seen", "A"),
        Verify.Diagnostic().WithLocation(3).WithLocation(2).WithArguments("A", "field", "Work.s_last", "A"));

    [Fact]
    public Task APragmaAtTheWriteSuppressesIt() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Forklift;

        public static partial class Work
        {
            private static readonly Dictionary<int, int> s_cache = new();
            private static int s_total;

            [Parallel]
            public static int {|#1:Run|}(int x)
            {
                {|#0:s_total += x|};
        #pragma warning disable FL3005 // a per-worker cache: each worker may rebuild it
                s_cache[x] = x * x;
                return s_cache[x];
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Run", "field", "Work.s_total", "Run"));

    [Fact]
    public Task DeconstructionAndOutArgumentsAreWrites() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Work
        {
            private static int s_low;
            private static int s_high;
            private static int s_parsed;

            [Parallel]
            public static int {|#2:Run|}(string text)
            {
                {|#0:(s_low, s_high) = (1, 2)|};
                {|#1:int.TryParse(text, out s_parsed)|};
                return s_low;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithLocation(2).WithArguments("Run", "field", "Work.s_low", "Run"),
        Verify.Diagnostic().WithLocation(0).WithLocation(2).WithArguments("Run", "field", "Work.s_high", "Run"),
        Verify.Diagnostic().WithLocation(1).WithLocation(2).WithArguments("Run", "field", "Work.s_parsed", "Run"));
}
