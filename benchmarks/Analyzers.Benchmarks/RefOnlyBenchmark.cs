using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;

namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// A reference-assembly-only compile (<c>-p:ProduceOnlyReferenceAssembly=true</c>, <c>csc /refonly</c>): the compiler
/// emits metadata without binding method bodies, so an analyzer that binds bodies itself pays for all of that binding
/// alone and its share of the compile grows several-fold (one library: Forklift 1 s in the normal compile, 21–28 % of
/// Csc in the reference-only one). Measured as the driver-reported analyzer time against a metadata-only emit of a
/// fresh compilation of the same sources.
/// </summary>
internal static class RefOnlyBenchmark
{
    public static async Task<int> RunAsync(ProjectInput input, IReadOnlyList<(string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)> sets, int iterations)
    {
        var generated = input.RunGenerators();

        // What a build with the Forklift package gives the analyzers in this compile: its build/Forklift.props makes
        // ProduceOnlyReferenceAssembly compiler-visible (the body rules skip such a compile; see ReferenceOnlyCompile).
        var options = RefOnlyBuildOptions.For(input.AnalyzerOptions);
        Console.WriteLine($"Reference-assembly-only compile of {input.Name}: {input.Sources.Count} files, {input.Lines:N0} lines, {generated.Count} generated files");
        var emitMs = new List<double>();
        var analyzerMs = sets.Select(_ => new List<double>()).ToList();
        var perAnalyzer = sets.Select(_ => new Dictionary<string, List<double>>()).ToList();
        var anyCrash = false;
        for (var i = 0; i <= iterations; i++)
        {
            for (var step = 0; step <= sets.Count; step++)
            {
                var side = (step + i) % (sets.Count + 1);
                var compilation = input.NewCompilation(generated);
                if (side == sets.Count)
                {
                    var watch = Stopwatch.StartNew();
                    EmitMetadataOnly(compilation);
                    if (i > 0)
                    {
                        emitMs.Add(watch.Elapsed.TotalMilliseconds);
                    }

                    continue;
                }

                // As csc /refonly does: the analyzers run on a compilation whose method bodies nobody else binds.
                var analyzers = sets[side].Analyzers;
                var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                    options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
                var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
                EmitMetadataOnly(compilation);
                anyCrash |= result.GetAllDiagnostics().Any(d => d.Id == "AD0001");
                if (i == 0)
                {
                    continue;
                }

                double total = 0;
                foreach (var analyzer in analyzers)
                {
                    var ms = result.AnalyzerTelemetryInfo.TryGetValue(analyzer, out var telemetry) ? telemetry.ExecutionTime.TotalMilliseconds : 0;
                    total += ms;
                    var name = analyzer.GetType().Name;
                    if (!perAnalyzer[side].TryGetValue(name, out var values))
                    {
                        perAnalyzer[side][name] = values = new List<double>();
                    }

                    values.Add(ms);
                }

                analyzerMs[side].Add(total);
            }
        }

        var emitMedian = Stats.Median(emitMs);
        Console.WriteLine($"  metadata-only emit (the compiler's work): median {emitMedian:F0} ms (range {emitMs.Min():F0}-{emitMs.Max():F0})");
        for (var side = 0; side < sets.Count; side++)
        {
            var median = Stats.Median(analyzerMs[side]);
            Console.WriteLine($"  analyzers {sets[side].Label}: driver-reported {median:F0} ms, {100 * median / emitMedian:F1} % of the emit; heaviest: "
                + string.Join(", ", perAnalyzer[side].OrderByDescending(p => Stats.Median(p.Value)).Take(8).Select(p => $"{p.Key} {Stats.Median(p.Value):F0} ms")));
        }

        return anyCrash ? 1 : 0;
    }

    private static void EmitMetadataOnly(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, options: new EmitOptions(metadataOnly: true));
        if (!result.Success)
        {
            throw new InvalidOperationException($"The metadata-only emit failed: {result.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error)}");
        }
    }
}

/// <summary>The analyzer options of a reference-only build: the project's own, plus the build property that says so.</summary>
internal static class RefOnlyBuildOptions
{
    public static AnalyzerOptions For(AnalyzerOptions project) =>
        new(project.AdditionalFiles, new Provider(project.AnalyzerConfigOptionsProvider));

    private sealed class Provider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptionsProvider _project;

        public Provider(AnalyzerConfigOptionsProvider project)
        {
            _project = project;
            GlobalOptions = new WithProperty(project.GlobalOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _project.GetOptions(tree);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _project.GetOptions(textFile);
    }

    private sealed class WithProperty : AnalyzerConfigOptions
    {
        private const string Key = "build_property.ProduceOnlyReferenceAssembly";
        private readonly AnalyzerConfigOptions _project;

        public WithProperty(AnalyzerConfigOptions project) => _project = project;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            if (key == Key)
            {
                value = "true";
                return true;
            }

            return _project.TryGetValue(key, out value);
        }
    }
}
