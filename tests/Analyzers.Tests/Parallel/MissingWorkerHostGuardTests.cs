using Forklift.Analyzers.ParallelUsage;
using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class MissingWorkerHostGuardTests
{
    private const string WorkerHostSource = """
        namespace Forklift
        {
            public static class WorkerHost
            {
                public static bool TryRunAsWorker(string[] args) => false;
            }
        }
        """;

    [Theory]
    [InlineData("PublishSingleFile")]
    [InlineData("SelfContained")]
    [InlineData("PublishAot")]
    public Task A_Main_without_the_guard_is_reported_when_the_app_publishes_as_its_own_executable(string property) => VerifyAsync(
        """
        public static class Program
        {
            public static void {|#0:Main|}(string[] args)
            {
                System.Console.WriteLine("hello");
            }
        }
        """,
        $"{property} = true",
        new DiagnosticResult(MissingWorkerHostGuardAnalyzer.Rule).WithLocation(0).WithArguments("Program.Main", property + "=true"));

    [Fact]
    public Task Top_level_statements_without_the_guard_are_reported_on_the_first_statement() => VerifyAsync(
        """
        {|#0:System.Console.WriteLine("hello");|}
        System.Console.WriteLine("world");
        """,
        "PublishSingleFile = true",
        new DiagnosticResult(MissingWorkerHostGuardAnalyzer.Rule).WithLocation(0).WithArguments("Main", "PublishSingleFile=true"));

    [Fact]
    public Task Top_level_statements_with_the_guard_are_fine() => VerifyAsync(
        """
        using Forklift;

        if (WorkerHost.TryRunAsWorker(args))
        {
            return;
        }

        System.Console.WriteLine("hello");
        """,
        "PublishAot = true");

    [Fact]
    public Task A_Main_with_the_guard_is_fine() => VerifyAsync(
        """
        using Forklift;

        public static class Program
        {
            public static int Main(string[] args)
            {
                if (WorkerHost.TryRunAsWorker(args)) return 0;
                return 1;
            }
        }
        """,
        "SelfContained = true");

    [Fact]
    public Task A_framework_dependent_app_needs_no_guard() => VerifyAsync(
        """
        System.Console.WriteLine("hello");
        """,
        "PublishSingleFile = false\nSelfContained = false");

    [Fact]
    public Task An_app_that_does_not_reference_the_worker_pool_is_not_checked() => VerifyAsync(
        """
        System.Console.WriteLine("hello");
        """,
        "PublishSingleFile = true",
        expected: [],
        withWorkerHost: false);

    private static Task VerifyAsync(string source, string buildProperties, params DiagnosticResult[] expected)
        => VerifyAsync(source, buildProperties, expected, withWorkerHost: true);

    private static Task VerifyAsync(string source, string buildProperties, DiagnosticResult[] expected, bool withWorkerHost)
    {
        var test = new CSharpAnalyzerTest<MissingWorkerHostGuardAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Net80,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        if (withWorkerHost)
        {
            test.TestState.Sources.Add(("WorkerHost.cs", WorkerHostSource));
        }

        // What the CompilerVisibleProperty items of build/Forklift.props hand to analyzers.
        string properties = string.Join("\n", buildProperties.Split('\n').Select(line => "build_property." + line));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\n{properties}\n"));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
