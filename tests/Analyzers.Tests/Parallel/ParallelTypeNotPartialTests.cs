using Forklift.Analyzers.ParallelUsage;
using Verify = Forklift.Analyzers.Tests.ParallelUsage.ParallelAnalyzerVerifier<Forklift.Analyzers.ParallelUsage.ParallelTypeNotPartialAnalyzer>;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class ParallelTypeNotPartialTests
{
    [Fact]
    public Task NonPartialTypeIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static class Primes
        {
            [Parallel]
            public static int {|#0:Count|}(int to) => to;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Primes", "[Parallel]", "Count"));

    [Fact]
    public Task NonPartialEnclosingTypeIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public class Outer
        {
            public static partial class Inner
            {
                [WorkerInitializer]
                public static void {|#0:Start|}() { }
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("Outer", "[WorkerInitializer]", "Start"));

    [Fact]
    public Task PartialTypesAreFine() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public partial class Outer
        {
            public static partial class Inner
            {
                [Parallel]
                public static int Count(int to) => to;
            }
        }

        public class NoAttributes
        {
            public static int Count(int to) => to;
        }
        """);

    [Fact]
    public void DescriptorLinksToItsPage()
        => Assert.EndsWith("docs/rules/FL3001.md", ParallelTypeNotPartialAnalyzer.Rule.HelpLinkUri, StringComparison.Ordinal);
}
