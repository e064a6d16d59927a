using System.Collections.Immutable;
using Forklift.Analyzers.ParallelUsage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Tests.ParallelUsage;

/// <summary>Runs every FL3xxx analyzer over Corpus/Parallel.cs, whole and cut short, as a compiler host would.</summary>
public sealed class ParallelCorpusTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
        new ParallelTypeNotPartialAnalyzer(),
        new ParallelMethodShapeAnalyzer(),
        new ParallelTypeNotMarshallableAnalyzer(),
        new ParallelByRefParameterAnalyzer(),
        new ParallelWritesStaticStateAnalyzer(),
        new ParallelGeneratedNameCollisionAnalyzer());

    private static readonly string Corpus = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "Parallel.cs"));

    [Fact]
    public async Task EveryRuleFiresOnTheCorpus()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(Corpus);

        foreach (string id in new[] { "FL3001", "FL3002", "FL3003", "FL3004", "FL3005", "FL3006" })
        {
            Assert.Contains(diagnostics, d => d.Id == id);
        }

        // The valid methods (Count, TotalAsync, Squares) get nothing.
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("'Count'", StringComparison.Ordinal) && d.Id != "FL3001");
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("TotalAsync", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("Squares", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IncompleteCodeNeverThrows()
    {
        // Cut the file at many points: every prefix is broken code an IDE would analyze while the user types.
        for (int length = 0; length < Corpus.Length; length += 97)
        {
            await AnalyzeAsync(Corpus[..length]);
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Corpus",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => Assert.Fail($"{analyzer.GetType().Name} threw {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(Analyzers, options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();
}
