using Forklift.Analyzers.ParallelUsage;
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
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(0).WithArguments("Primes", "CountAsync", "[Parallel]", "Count"),
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(0).WithArguments("Primes", "CountMapAsync", "[Parallel]", "Count"));

    [Fact]
    public Task TheSynchronousCallsNameIsReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Forklift;

        public static partial class Primes
        {
            public static int CountInWorker(int to) => to;

            public static string DownloadInWorker = "";

            [Parallel]
            public static int {|#0:Count|}(int to) => to;

            [Parallel]
            public static Task<int> {|#1:DownloadAsync|}(string url) => Task.FromResult(url.Length);
        }
        """,
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(0).WithArguments("Primes", "CountInWorker", "[Parallel]", "Count"),
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(1).WithArguments("Primes", "DownloadInWorker", "[Parallel]", "DownloadAsync"));

    [Fact]
    public Task AMethodNamedAsyncGetsInWorkerAsyncAndOneSuffix() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Forklift;

        public static partial class Downloads
        {
            public static Task<int> DownloadInWorkerAsync(string url) => Task.FromResult(0);

            public static int DownloadUnorderedAsync;

            // Not generated any more for DownloadAsync: no report.
            public static int DownloadAsyncMapAsync;

            [Parallel]
            public static Task<int> {|#0:DownloadAsync|}(string url) => Task.FromResult(url.Length);
        }
        """,
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(0).WithArguments("Downloads", "DownloadInWorkerAsync", "[Parallel]", "DownloadAsync"),
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(0).WithArguments("Downloads", "DownloadUnorderedAsync", "[Parallel]", "DownloadAsync"));

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
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.Rule).WithLocation(0).WithArguments("Work", "ForkliftParallel", "[WorkerInitializer]", "Start"));

    [Fact]
    public Task OverloadsDifferingOnlyInTheCancellationTokenAreReported() => Verify.VerifyAnalyzerAsync("""
        using System.Threading;
        using Forklift;

        public static partial class Primes
        {
            [Parallel]
            public static int {|#0:Count|}(int to) => to;

            [Parallel]
            public static int {|#1:Count|}(int to, CancellationToken cancellationToken) => to;
        }
        """,
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.OverloadRule).WithLocation(0).WithArguments("Primes.Count(int)", "Primes.Count(int, CancellationToken)", "CountAsync"),
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.OverloadRule).WithLocation(1).WithArguments("Primes.Count(int, CancellationToken)", "Primes.Count(int)", "CountAsync"));

    [Fact]
    public Task ATupleParameterAgainstTheSameValuesAsParametersClashesInTheMapForms() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Geometry
        {
            [Parallel]
            public static int {|#0:Area|}(int width, int height) => width * height;

            [Parallel]
            public static int {|#1:Area|}((int Width, int Height) size) => size.Width * size.Height;
        }
        """,
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.OverloadRule).WithLocation(0).WithArguments("Geometry.Area(int, int)", "Geometry.Area((int Width, int Height))", "AreaMapAsync"),
        Verify.Diagnostic(ParallelGeneratedNameCollisionAnalyzer.OverloadRule).WithLocation(1).WithArguments("Geometry.Area((int Width, int Height))", "Geometry.Area(int, int)", "AreaMapAsync"));

    [Fact]
    public Task OverloadsWithDifferentParameterTypesAreFine() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Forklift;

        public static partial class Primes
        {
            [Parallel]
            public static int Count(int to) => to;

            [Parallel]
            public static int Count(long to, CancellationToken cancellationToken) => (int)to;

            [Parallel]
            public static int Count(int to, IProgress<int> progress) => to;

            [Parallel]
            public static int Count(List<(int From, int To)> ranges) => ranges.Count;

            [Parallel]
            public static int Count(List<(long From, long To)> ranges) => ranges.Count;

            // Not [Parallel]: the generator adds nothing for it.
            public static int Count(int to, CancellationToken cancellationToken) => to;
        }
        """);

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
