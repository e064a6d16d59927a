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
}
