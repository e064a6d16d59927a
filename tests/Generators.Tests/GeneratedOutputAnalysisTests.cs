using System.Collections.Immutable;
using Forklift.Analyzers.ParallelUsage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Generators.Tests;

/// <summary>The FL3xxx analyzers run on the generator's output in a real build; they must not flag what it added.</summary>
public sealed class GeneratedOutputAnalysisTests
{
    [Fact]
    public async Task AnalyzersAcceptTheGeneratedMembers()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("""
            using System;
            using System.Threading;
            using Forklift;

            namespace MyApp;

            public sealed record Range(int From, int To);

            public static partial class Primes
            {
                [Parallel]
                public static int Count(Range range, IProgress<int> progress, CancellationToken cancellationToken) => range.To - range.From;

                [WorkerInitializer]
                public static void WarmUp() { }
            }
            """);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        Assert.Contains(output.SyntaxTrees, t => t.FilePath.EndsWith("MyApp.Primes.Parallel.g.cs", StringComparison.Ordinal));

        ImmutableArray<DiagnosticAnalyzer> analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new ParallelTypeNotPartialAnalyzer(),
            new ParallelMethodShapeAnalyzer(),
            new ParallelTypeNotMarshallableAnalyzer(),
            new ParallelByRefParameterAnalyzer(),
            new ParallelWritesStaticStateAnalyzer(),
            new ParallelGeneratedNameCollisionAnalyzer());
        ImmutableArray<Diagnostic> diagnostics = await output.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task AHandWrittenAsyncMethodIsStillACollision()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("""
            using System.Threading.Tasks;
            using Forklift;

            public static partial class Primes
            {
                [Parallel]
                public static int Count(int to) => to;

                public static Task<int> CountAsync(int to) => Task.FromResult(to);
            }
            """);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ParallelGeneratedNameCollisionAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        Assert.Equal("FL3006", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task OverloadsThatWouldClashAreSkippedAndReported()
    {
        const string Source = """
            using System.Threading;
            using Forklift;

            public static partial class Primes
            {
                [Parallel]
                public static int Count(int to) => to;

                [Parallel]
                public static int Count(int to, CancellationToken cancellationToken) => to;

                [Parallel]
                public static int Sum(int to) => to;
            }
            """;

        // Run fails the test if the output does not compile: without the check it had CS0111 (CountAsync twice).
        GeneratorDriverRunResult result = GeneratorHarness.Run(Source);
        string generated = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("Primes.Parallel.g.cs", StringComparison.Ordinal)).ToString();
        Assert.Contains(" SumAsync(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(" CountAsync(", generated, StringComparison.Ordinal);

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(Source), out Compilation output, out _);
        ImmutableArray<Diagnostic> diagnostics = await output
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ParallelGeneratedNameCollisionAnalyzer()))
            .GetAnalyzerDiagnosticsAsync();

        Assert.Equal(["FL3006", "FL3006"], diagnostics.Select(d => d.Id));
    }
}
