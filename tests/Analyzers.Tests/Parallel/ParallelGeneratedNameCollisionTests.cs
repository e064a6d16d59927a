using Verify = Forklift.Analyzers.Tests.ParallelUsage.ParallelAnalyzerVerifier<Forklift.Analyzers.ParallelUsage.ParallelGeneratedNameCollisionAnalyzer>;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class ParallelGeneratedNameCollisionTests
{
    [Fact]
    public Task ExistingMembersAreReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Forklift;

        public static partial class Primes
        {
            public static Task<int> CountAsync(int to) => Task.FromResult(to);

            public static int CountMapAsync;

            [Parallel]
            public static int {|#0:Count|}(int to) => to;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Primes", "CountAsync", "[Parallel]", "Count"),
        Verify.Diagnostic().WithLocation(0).WithArguments("Primes", "CountMapAsync", "[Parallel]", "Count"));

    [Fact]
    public Task NestedTypeNameIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Work
        {
            public static class ForkliftParallel { }

            [WorkerInitializer]
            public static void {|#0:Start|}() { }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Work", "ForkliftParallel", "[WorkerInitializer]", "Start"));

    [Fact]
    public Task DistinctNamesAreFine() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Primes
        {
            public static int CountSync(int to) => to;

            [Parallel]
            public static int Count(int to) => to;
        }
        """);
}
