using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.Locks.LockReleaseNotInFinallyAnalyzer>;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// A compile that emits only a reference assembly (<c>build_property.ProduceOnlyReferenceAssembly = true</c>, which the
/// package's build/Forklift.props makes compiler-visible) runs no code, so the rules that read method bodies stay
/// quiet there and bind nothing; the declaration rules still run.
/// </summary>
public class ReferenceOnlyCompileTests
{
    /// <summary>The rules that look at declarations only, and still report in a reference-only compile.</summary>
    private static readonly ImmutableHashSet<string> DeclarationRules = ImmutableHashSet.Create(
        DiagnosticIds.ThreadStaticInitializer,
        DiagnosticIds.ParallelTypeNotPartial,
        DiagnosticIds.ParallelMethodShape,
        DiagnosticIds.ParallelTypeNotMarshallable,
        DiagnosticIds.ParallelByRefParameter,
        DiagnosticIds.ParallelGeneratedNameCollision,
        DiagnosticIds.MissingWorkerHostGuard);

    [Fact]
    public async Task The_corpus_keeps_only_declaration_rules_in_a_reference_only_compile()
    {
        var full = await IdsAsync(referenceOnly: false);
        var referenceOnly = await IdsAsync(referenceOnly: true);

        // Not vacuous: the body rules of every area report on the corpus in a normal compile.
        Assert.Contains(DiagnosticIds.LockReleaseNotInFinally, full);
        Assert.Contains(DiagnosticIds.ReleaseWithoutAcquire, full);
        Assert.Contains(full, id => id.StartsWith("FL1", StringComparison.Ordinal) && !DeclarationRules.Contains(id));
        Assert.Contains(DiagnosticIds.ParallelWritesStaticState, full);

        Assert.Empty(referenceOnly.Where(id => !DeclarationRules.Contains(id)));
        Assert.Equal(full.Where(DeclarationRules.Contains).OrderBy(id => id), referenceOnly.OrderBy(id => id));
    }

    [Fact]
    public async Task An_unreleased_lock_is_reported_in_the_full_compile_only()
    {
        const string source = """
            using System.Threading;

            class C
            {
                private readonly object _gate = new();

                void M()
                {
                    {|#0:Monitor.Enter(_gate)|};
                    Work();
                    Monitor.Exit(_gate);
                }

                void Work() { }
            }
            """;

        var full = new Verify.Test { TestCode = source };
        full.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("_gate", "no try/finally releases it, so an exception before the release leaves it held"));
        await full.RunAsync(CancellationToken.None);

        var referenceOnly = new Verify.Test { TestCode = source.Replace("{|#0:Monitor.Enter(_gate)|}", "Monitor.Enter(_gate)") };
        referenceOnly.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.ProduceOnlyReferenceAssembly = true\n"));
        await referenceOnly.RunAsync(CancellationToken.None);
    }

    private static async Task<ImmutableArray<string>> IdsAsync(bool referenceOnly)
    {
        var corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
        var trees = Directory.GetFiles(corpus, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), new CSharpParseOptions(LanguageVersion.Preview), file));
        var compilation = CSharpCompilation.Create(
            "Corpus",
            trees,
            PlatformReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var global = referenceOnly
            ? ImmutableDictionary<string, string>.Empty.Add("build_property.ProduceOnlyReferenceAssembly", "true")
            : ImmutableDictionary<string, string>.Empty;
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(global));
        var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.CreateAll(), options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Select(d => d.Id).Distinct().ToImmutableArray();
    }

    /// <summary>Build properties as the compiler hands them to analyzers, the same for every file.</summary>
    private sealed class GlobalOptionsProvider(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
