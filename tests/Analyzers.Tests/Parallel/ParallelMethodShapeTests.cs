using Verify = Forklift.Analyzers.Tests.ParallelUsage.ParallelAnalyzerVerifier<Forklift.Analyzers.ParallelUsage.ParallelMethodShapeAnalyzer>;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class ParallelMethodShapeTests
{
    [Theory]
    [InlineData("public int {|#0:M|}(int x) => x;", "static")]
    [InlineData("public static T {|#0:M|}<T>(T x) => x;", "non-generic")]
    [InlineData("public static async void {|#0:M|}(int x) { await System.Threading.Tasks.Task.Yield(); }", "not 'async void' (return Task instead)")]
    [InlineData("public static int {|#0:M|}(System.IProgress<int> a, System.IProgress<int> b) => 0;", "declared with at most one IProgress<T> parameter")]
    [InlineData("public static int {|#0:M|}(System.Threading.CancellationToken a, System.Threading.CancellationToken b) => 0;", "declared with at most one CancellationToken parameter")]
    public Task InvalidMethodsAreReported(string member, string problem) => Verify.VerifyAnalyzerAsync($$"""
        using Forklift;

        public partial class C
        {
            [Parallel]
            {{member}}
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("[Parallel]", "M", problem));

    [Fact]
    public Task GenericContainingTypeIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public partial class Box<T>
        {
            [Parallel]
            public static int {|#0:M|}(int x) => x;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("[Parallel]", "M", "declared in non-generic types"));

    [Fact]
    public Task PrivateContainingTypeIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public partial class Outer
        {
            private partial class Hidden
            {
                [Parallel]
                public static int {|#0:M|}(int x) => x;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("[Parallel]", "M", "declared in types that are internal or public"));

    [Fact]
    public Task LocalFunctionIsReported() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public partial class C
        {
            public static int Run()
            {
                return Local(1);

                [Parallel]
                static int {|#0:Local|}(int x) => x;
            }
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("[Parallel]", "Local", "an ordinary method (not a local function, lambda, operator or accessor)"));

    [Fact]
    public Task WorkerInitializerShapeIsChecked() => Verify.VerifyAnalyzerAsync("""
        using Forklift;

        public static partial class Init
        {
            [WorkerInitializer]
            public static int {|#0:Start|}() => 0;

            [WorkerInitializer]
            public static void {|#1:Configure|}(string name) { }

            [WorkerInitializer]
            public static System.Threading.Tasks.Task Fine(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("[WorkerInitializer]", "Start", "returning void, Task or ValueTask"),
        Verify.Diagnostic().WithLocation(1).WithArguments("[WorkerInitializer]", "Configure", "declared with no parameters or one CancellationToken parameter"));

    [Fact]
    public Task ValidShapesAreFine() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Forklift;

        public static partial class C
        {
            [Parallel] public static int A(int x) => x;
            [Parallel] internal static void B(string s) { }
            [Parallel] private static Task<int> D(int x, IProgress<int> progress, CancellationToken token) => Task.FromResult(x);
            [Parallel] public static async ValueTask E() => await Task.Yield();
        }
        """);
}
