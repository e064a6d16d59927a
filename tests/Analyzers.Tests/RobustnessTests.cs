using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// Every analyzer runs over broken versions of every corpus file (cut off at many points, with tokens and braces
/// deleted, as while a user types) and must never throw: no AD0001 and no exception reported to the driver.
/// </summary>
/// <remarks>
/// The corpus is every <c>.cs</c> file under <c>Corpus/</c> (copied to the output, not compiled). Each area adds its
/// representative inputs there; this test picks them up without being edited. Mutations use fixed seeds so a failure
/// names a variant that can be reproduced.
/// </remarks>
public class RobustnessTests
{
    /// <summary>
    /// Broken variants per corpus file when the corpus is small: 26 cut points (enough to land inside every kind of
    /// construct of a few-hundred-line file), 20 with one to three random tokens deleted, and 14 with one brace,
    /// parenthesis or semicolon deleted (the edits that unbalance the tree most).
    /// </summary>
    private const int VariantsPerFile = 60;

    /// <summary>
    /// Variants over the whole corpus. A variant costs tens of milliseconds on the 2-core CI machine, so as areas
    /// add corpus files each file gets fewer variants (never under <see cref="MinimumVariantsPerFile"/>) and the
    /// test stays well under a minute.
    /// </summary>
    private const int VariantBudget = 480;

    private const int MinimumVariantsPerFile = 24;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    // One compilation holding only the references: adding a tree to it reuses the bound reference assemblies,
    // which keeps each variant cheap.
    private static readonly Lazy<CSharpCompilation> BaseCompilation = new(() => CSharpCompilation.Create(
        "Corpus",
        references: PlatformReferences.All,
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)));

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusDirectory, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CorpusDirectory, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task AnalyzersNeverThrowOnBrokenInput(string file)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, file));
        var perFile = Math.Max(MinimumVariantsPerFile, Math.Min(VariantsPerFile, VariantBudget / CorpusFiles().Count));
        var variants = Variants(text, seed: StableHash(file), perFile).ToList();
        var analyzers = AnalyzerCatalog.CreateAll();
        var failures = new ConcurrentBag<string>();

        await System.Threading.Tasks.Parallel.ForEachAsync(variants, async (variant, cancellationToken) =>
        {
            foreach (var failure in await RunAsync(variant.Source, analyzers, cancellationToken))
            {
                failures.Add($"{file} [{variant.Name}]: {failure}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
    }

    [Fact]
    public async Task TheCorpusIsAnalyzed()
    {
        // Guards the harness: if the references or the analyzers failed to load, every variant would pass vacuously.
        var text = await File.ReadAllTextAsync(Path.Combine(CorpusDirectory, "Locks.cs"));
        var compilation = BaseCompilation.Value.AddSyntaxTrees(CSharpSyntaxTree.ParseText(text, ParseOptions));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation.WithAnalyzers(AnalyzerCatalog.CreateAll()).GetAnalyzerDiagnosticsAsync();
        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.LockReleaseNotInFinally);
        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.ReleaseWithoutAcquire);
    }

    [Fact]
    public void MutationsAreDeterministicAndBroken()
    {
        const string source = "class C { void M() { System.Threading.Monitor.Enter(this); Work(); System.Threading.Monitor.Exit(this); } void Work() { } }";
        var first = Variants(source, 7, VariantsPerFile).Select(v => v.Source).ToList();
        var second = Variants(source, 7, VariantsPerFile).Select(v => v.Source).ToList();
        Assert.Equal(first, second);
        Assert.Equal(1 + VariantsPerFile, first.Count);
        Assert.True(first.Skip(1).Count(v => CSharpSyntaxTree.ParseText(v).GetDiagnostics().Any()) > first.Count / 2);
    }

    private static async Task<List<string>> RunAsync(string source, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var compilation = BaseCompilation.Value.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, ParseOptions, cancellationToken: cancellationToken));
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (failures)
                {
                    failures.Add($"{analyzer.GetType().Name} threw {exception}");
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);

        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken);
        failures.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        return failures;
    }

    private static IEnumerable<(string Name, string Source)> Variants(string text, int seed, int count)
    {
        var truncations = count * 4 / 9;
        var tokenDeletions = count / 3;
        var punctuationDeletions = count - truncations - tokenDeletions;
        yield return ("original", text);

        for (var i = 1; i <= truncations; i++)
        {
            var length = (int)((long)text.Length * i / (truncations + 1));
            yield return ($"truncated at {length}", text.Substring(0, length));
        }

        var tokens = CSharpSyntaxTree.ParseText(text, ParseOptions).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        var random = new Random(seed);
        for (var i = 0; i < tokenDeletions; i++)
        {
            var doomed = Enumerable.Range(0, random.Next(1, 4)).Select(_ => tokens[random.Next(tokens.Count)].Span).Distinct().OrderByDescending(s => s.Start).ToList();
            yield return ($"deleted tokens at {string.Join(",", doomed.Select(s => s.Start))}", Delete(text, doomed));
        }

        var punctuation = tokens.Where(t => t.IsKind(SyntaxKind.OpenBraceToken) || t.IsKind(SyntaxKind.CloseBraceToken)
                                            || t.IsKind(SyntaxKind.OpenParenToken) || t.IsKind(SyntaxKind.CloseParenToken)
                                            || t.IsKind(SyntaxKind.SemicolonToken)).ToList();
        for (var i = 0; i < punctuationDeletions; i++)
        {
            var span = punctuation.Count > 0 ? punctuation[random.Next(punctuation.Count)].Span : tokens[random.Next(tokens.Count)].Span;
            yield return ($"deleted '{text.Substring(span.Start, span.Length)}' at {span.Start}", Delete(text, new[] { span }));
        }
    }

    private static string Delete(string text, IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> spansFromLast)
    {
        foreach (var span in spansFromLast)
        {
            text = text.Remove(span.Start, span.Length);
        }

        return text;
    }

    /// <summary>A seed that does not change between runs (string.GetHashCode does).</summary>
    private static int StableHash(string value)
    {
        var hash = 17;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
