using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// A check, not a timing: on a real project, the diagnostics of every document when the shared-state walk replays the
/// bodies it follows from digests (as in an IDE after an edit) must equal those of a walk that binds every body anew.
/// The IDE's sequence is played on the whole project: a first compilation, a second after an edit that keeps every
/// declaration (it records the digests), a third after another such edit (it replays them). Each is analysed whole and
/// compared with a compilation of freshly parsed trees, which shares nothing and replays nothing.
/// </summary>
internal static class ReplayCheck
{
    public static async Task<int> RunAsync(ProjectInput input, IReadOnlyList<(string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)> sets)
    {
        var failed = false;
        foreach (var (label, analyzers) in sets)
        {
            var live = await ReportsAsync(input.NewCompilation(input.RunGenerators()), analyzers);

            var first = input.NewCompilation(input.RunGenerators());
            await ReportsAsync(first, analyzers);

            // The edit: a comment after the last token of the largest document, which moves no other position.
            var edited = first.SyntaxTrees.OrderByDescending(t => t.Length).First();
            var recorded = Edit(first, edited, "/* edit 1 */");
            var recordedReports = await ReportsAsync(recorded, analyzers);
            var replayed = Edit(first, edited, "/* edit 2 */");
            var before = Replays(analyzers);
            var replayedReports = await ReportsAsync(replayed, analyzers);
            var replays = Replays(analyzers) - before;
            Console.WriteLine($"{label}: {live.Length} diagnostics from fresh bodies; {replays} bodies replayed in the last compilation");
            foreach (var (name, reports) in new[] { ("recording", recordedReports), ("replaying", replayedReports) })
            {
                var missing = live.Except(reports).ToList();
                var extra = reports.Except(live).ToList();
                var same = live.SequenceEqual(reports);
                Console.WriteLine($"  {name} compilation: {reports.Length} diagnostics, {(same ? "the same" : $"DIFFERENT: {missing.Count} missing, {extra.Count} extra")}");
                foreach (var line in missing.Take(10))
                {
                    Console.WriteLine($"    missing: {line}");
                }

                foreach (var line in extra.Take(10))
                {
                    Console.WriteLine($"    extra: {line}");
                }

                failed |= !same;
            }
        }

        return failed ? 1 : 0;
    }

    private static Compilation Edit(Compilation compilation, SyntaxTree tree, string comment)
    {
        var text = tree.GetText();
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), comment))));
    }

    private static async Task<ImmutableArray<string>> ReportsAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()} [{string.Join("; ", d.AdditionalLocations.Select(l => l.GetLineSpan().ToString()))}]")
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    /// <summary>
    /// How many bodies the analyzers' walk has replayed in this process (read by reflection: each build of the
    /// analyzers is loaded on its own; 0 for a build without digests).
    /// </summary>
    private static int Replays(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => analyzers[0].GetType().Assembly.GetType("Forklift.Analyzers.SharedState.DeclarationWorld")?.GetProperty("AllReplays")?.GetValue(null) is int replays ? replays : 0;
}
