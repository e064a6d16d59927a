using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// "Live in the IDE, per keystroke": after a one-character edit of one document, the IDE makes a new
/// <see cref="Compilation"/> (the old one with that tree replaced) and asks each analyzer for that document's semantic
/// diagnostics through a fresh <see cref="CompilationWithAnalyzers"/>. This measures that request for Forklift's
/// analyzers against the compiler's own semantic diagnostics of the same document on its own new compilation, and
/// against the build's other analyzers (the SDK's and the project's) where the input is a real project.
/// </summary>
internal static class KeystrokeBenchmark
{
    public static async Task<int> RunAsync(ProjectInput input, IReadOnlyList<(string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)> sets, IReadOnlyList<string> documents, int iterations,
        bool perAnalyzer = false)
    {
        var generated = input.RunGenerators();
        var baseCompilation = input.NewCompilation(generated);

        // The IDE's state before the edit: the old compilation, declared and with its compiler diagnostics known, so
        // that what is measured is the cost of one edit, not of a cold start.
        var compileErrors = baseCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Console.WriteLine($"Project: {input.Name}: {input.Sources.Count} files, {input.Lines:N0} lines, {generated.Count} generated files, {compileErrors.Count} compile errors{(compileErrors.Count > 0 ? $" (first: {compileErrors[0]})" : "")}");
        Console.WriteLine($"Other analyzers (SDK and project): {input.OtherAnalyzers.Length}");

        var allSets = sets.ToList();
        if (!input.OtherAnalyzers.IsEmpty)
        {
            allSets.Add(("build's other analyzers (SDK + project)", input.OtherAnalyzers));
        }

        var targets = documents.Count > 0
            ? documents.Select(d => baseCompilation.SyntaxTrees.FirstOrDefault(t => t.FilePath.Replace('\\', '/').EndsWith(d, StringComparison.Ordinal))
                ?? throw new ArgumentException($"No document ends with '{d}'")).ToList()
            : DefaultDocuments(baseCompilation);

        var anyCrash = false;
        foreach (var tree in targets)
        {
            var text = await tree.GetTextAsync();
            Console.WriteLine();
            Console.WriteLine($"Document {tree.FilePath} ({text.Lines.Count} lines)");
            var compilerMs = new List<double>();
            var setMs = allSets.Select(_ => new List<double>()).ToList();
            var counts = allSets.Select(_ => 0).ToList();
            // With --per-analyzer: each side's analyzers' times per edit, by analyzer type name.
            var analyzerMs = allSets.Select(_ => new Dictionary<string, List<double>>()).ToList();
            for (var i = 0; i <= iterations; i++)
            {
                // A one-token edit in the middle of the document: a comment before a token, so it stays valid code.
                var position = (await tree.GetRootAsync()).FindToken(text.Length / 2).FullSpan.Start;
                var editedText = text.WithChanges(new TextChange(new TextSpan(position, 0), $"/*{i}*/"));
                var edited = tree.WithChangedText(editedText);

                // Each side gets its own new compilation, as Roslyn hands each request a fresh one; the order rotates.
                for (var step = 0; step <= allSets.Count; step++)
                {
                    var side = (step + i) % (allSets.Count + 1);
                    var compilation = baseCompilation.ReplaceSyntaxTree(tree, edited);
                    var watch = Stopwatch.StartNew();
                    if (side == allSets.Count)
                    {
                        _ = compilation.GetSemanticModel(edited).GetDiagnostics();
                        if (i > 0)
                        {
                            compilerMs.Add(watch.Elapsed.TotalMilliseconds);
                        }

                        continue;
                    }

                    var exceptions = new List<Exception>();
                    var withAnalyzers = compilation.WithAnalyzers(allSets[side].Analyzers, new CompilationWithAnalyzersOptions(
                        input.AnalyzerOptions, onAnalyzerException: (e, _, _) => exceptions.Add(e), concurrentAnalysis: true, logAnalyzerExecutionTime: perAnalyzer, reportSuppressedDiagnostics: false));
                    var diagnostics = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(edited), filterSpan: null, CancellationToken.None);
                    var elapsed = watch.Elapsed.TotalMilliseconds;
                    if (perAnalyzer && i > 0)
                    {
                        foreach (var analyzer in allSets[side].Analyzers)
                        {
                            var name = analyzer.GetType().Name;
                            if (!analyzerMs[side].TryGetValue(name, out var times))
                            {
                                analyzerMs[side][name] = times = new List<double>();
                            }

                            times.Add((await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds);
                        }
                    }
                    if (exceptions.Count > 0 || diagnostics.Any(d => d.Id == "AD0001"))
                    {
                        anyCrash = true;
                        Console.Error.WriteLine($"  {allSets[side].Label}: analyzer exception: {exceptions.FirstOrDefault()?.Message ?? diagnostics.First(d => d.Id == "AD0001").GetMessage()}");
                    }

                    if (i > 0)
                    {
                        setMs[side].Add(elapsed);
                    }
                    else
                    {
                        counts[side] = diagnostics.Length;
                    }
                }
            }

            var compilerMedian = Stats.Median(compilerMs);
            Console.WriteLine($"  compiler semantic diagnostics (model.GetDiagnostics): median {compilerMedian:F1} ms (range {compilerMs.Min():F1}-{compilerMs.Max():F1})");
            for (var side = 0; side < allSets.Count; side++)
            {
                var median = Stats.Median(setMs[side]);
                Console.WriteLine($"  {allSets[side].Label}: GetAnalyzerSemanticDiagnosticsAsync median {median:F1} ms (range {setMs[side].Min():F1}-{setMs[side].Max():F1}), " +
                    $"{median / compilerMedian:F2}x the compiler; {counts[side]} diagnostics in the document");
                if (perAnalyzer)
                {
                    var slowest = analyzerMs[side].Select(pair => (Name: pair.Key, Median: Stats.Median(pair.Value))).Where(pair => pair.Median >= 0.5).OrderByDescending(pair => pair.Median);
                    Console.WriteLine($"    per analyzer (median ms per edit, 0.5 ms or more): {string.Join(", ", slowest.Select(pair => $"{pair.Name} {pair.Median:F1}"))}");
                }
            }
        }

        return anyCrash ? 1 : 0;
    }

    /// <summary>Without a choice: the median-sized document, and for the generated set also one with threading code.</summary>
    private static List<SyntaxTree> DefaultDocuments(Compilation compilation)
    {
        var bySize = compilation.SyntaxTrees.OrderBy(t => t.Length).ToList();
        var result = new List<SyntaxTree> { bySize[bySize.Count / 2] };
        if (compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == "File0000.cs") is { } threading && !result.Contains(threading))
        {
            result.Add(threading);
        }

        if (compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == "File0001.cs") is { } plain)
        {
            result[0] = plain;
        }

        return result;
    }
}
