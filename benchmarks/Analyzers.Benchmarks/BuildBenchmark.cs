using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// What the analyzers add to a whole compile: each build of Forklift's analyzers runs over a new compilation of the
/// input (the generated set, or a real project's sources as its build compiled them), beside a plain compile of the
/// same sources, back to back in every iteration, in an order that rotates from one iteration to the next.
/// </summary>
/// <remarks>
/// On a shared machine single figures move by tens of percent from one second to the next, so the robust figures are
/// the ratios within an iteration: each side's wall time to the plain compile's, and each build's driver-reported
/// analyzer time and CPU time to the first build's. Every compilation parses its trees afresh, as a build does, so no
/// bound body or cached fact carries over from one measurement to the next. The input's source generators run once,
/// before measuring, and their output is part of every compilation; the build's other analyzers are not run.
/// </remarks>
internal static class BuildBenchmark
{
    /// <summary>Compiles <paramref name="input"/> <paramref name="iterations"/> times with each of <paramref name="sets"/>, after a warm-up.</summary>
    /// <param name="input">The project.</param>
    /// <param name="sets">The builds of the analyzers to compare.</param>
    /// <param name="iterations">How many measured iterations.</param>
    /// <param name="sequential">
    /// Analyse on one thread (<c>concurrentAnalysis: false</c>), and report the minimum over the iterations beside the
    /// median: a change of a few percent in what the analyzers compute, on a shared machine. With two threads, the
    /// driver's figure counts each callback's waits (for a core, for a partial type another callback computes), and
    /// on two cores shared with other work those move it by a third from one compile to the next; the least a side
    /// took is the figure least disturbed, and one thread leaves no wait between callbacks to count.
    /// </param>
    public static async Task<int> RunAsync(ProjectInput input, IReadOnlyList<(string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)> sets, int iterations, bool sequential = false)
    {
        var generated = input.RunGenerators();
        Console.WriteLine($"Project: {input.Name}: {input.Sources.Count} files, {input.Lines:N0} lines, {generated.Count} generated files");

        var baseline = new List<double>();
        var results = sets.Select(_ => new SetResult()).ToList();
        var diagnosticCounts = sets.Select(_ => new SortedDictionary<string, int>()).ToList();
        var sides = sets.Count + 1;
        for (var i = 0; i <= iterations; i++)
        {
            // Each iteration measures every side back to back, in an order that rotates from one iteration to the
            // next, so that a shared machine's changing load hits all sides alike; the paired ratios are the robust figures.
            double plainMs = 0;
            double plainMb = 0;
            var measured = new (double WallMs, double CpuMs, double AnalyzerMs, double AllocatedMb, int Collections)[sets.Count];
            for (var step = 0; step < sides; step++)
            {
                var side = (step + i) % sides;
                if (side == sides - 1)
                {
                    var plain = input.NewCompilation(generated);
                    var plainAllocated = GC.GetTotalAllocatedBytes(precise: true);
                    var stopwatch = Stopwatch.StartNew();
                    var compilerDiagnostics = plain.GetDiagnostics();
                    plainMs = stopwatch.Elapsed.TotalMilliseconds;
                    plainMb = (GC.GetTotalAllocatedBytes(precise: true) - plainAllocated) / 1e6;
                    if (i == 0)
                    {
                        var errors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                        Console.WriteLine($"Compile errors: {errors.Count}{(errors.Count > 0 ? $" (first: {errors[0]})" : "")}");
                    }

                    continue;
                }

                var analyzers = sets[side].Analyzers;
                var analyzed = input.NewCompilation(generated).WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                    input.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: !sequential, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var collections = GC.CollectionCount(0);
                var watch = Stopwatch.StartNew();
                var analysis = await analyzed.GetAnalysisResultAsync(CancellationToken.None);
                _ = analyzed.Compilation.GetDiagnostics(); // the rest of a build's work, as the plain side does
                var wallMs = watch.Elapsed.TotalMilliseconds;
                var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
                var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                collections = GC.CollectionCount(0) - collections;

                // The driver's own per-analyzer accounting, as `-p:ReportAnalyzer=true` reports it in a build.
                double analyzerMs = 0;
                foreach (var analyzer in analyzers)
                {
                    var ms = analysis.AnalyzerTelemetryInfo.TryGetValue(analyzer, out var telemetry) ? telemetry.ExecutionTime.TotalMilliseconds : 0;
                    analyzerMs += ms;
                    if (i > 0)
                    {
                        results[side].Add(analyzer.GetType().Name, ms);
                    }
                }

                measured[side] = (wallMs, cpuMs, analyzerMs, allocatedMb, collections);
                if (PhaseProbe(analyzers) is { } dump && dump() is string { Length: > 0 } phases)
                {
                    Console.WriteLine($"  phases of #{side + 1}, iteration {i}:{Environment.NewLine}{phases}");
                }

                if (i == 0)
                {
                    foreach (var diagnostic in analysis.GetAllDiagnostics().Where(d => d.Id.StartsWith("FL", StringComparison.Ordinal) || d.Id == "AD0001"))
                    {
                        diagnosticCounts[side][diagnostic.Id] = diagnosticCounts[side].GetValueOrDefault(diagnostic.Id) + 1;
                    }
                }
            }

            if (i == 0)
            {
                continue; // warm-up: JIT and first-touch costs
            }

            baseline.Add(plainMs);
            var line = $"  iteration {i}: compile {plainMs:F0} ms, {plainMb:F0} MB allocated";
            for (var side = 0; side < sets.Count; side++)
            {
                var (wallMs, cpuMs, analyzerMs, allocatedMb, collections) = measured[side];
                results[side].ExtraMb.Add(allocatedMb - plainMb);
                results[side].Wall.Add(wallMs);
                results[side].Cpu.Add(cpuMs);
                results[side].Analyzer.Add(analyzerMs);
                results[side].Ratios.Add(wallMs / plainMs);
                if (side > 0)
                {
                    results[side].AnalyzerRatiosToFirst.Add(analyzerMs / measured[0].AnalyzerMs);
                    results[side].CpuRatiosToFirst.Add(cpuMs / measured[0].CpuMs);
                }

                line += $"; #{side + 1}: {wallMs:F0} ms wall ({wallMs / plainMs:F3}), {cpuMs:F0} ms CPU, analyzers {analyzerMs:F0} ms, {allocatedMb:F0} MB allocated ({allocatedMb - plainMb:+0;-0} MB), {collections} gen0 collections";
            }

            Console.WriteLine(line);
        }

        if (baseline.Count == 0)
        {
            Console.WriteLine("No measured iteration (--iterations 0): only the warm-up ran.");
            return diagnosticCounts.Any(counts => counts.ContainsKey("AD0001")) ? 1 : 0;
        }

        var baseMedian = Stats.Median(baseline);
        Console.WriteLine();
        Console.WriteLine($"Median of {iterations}: compile (GetDiagnostics) {baseMedian:F0} ms");
        for (var side = 0; side < sets.Count; side++)
        {
            var result = results[side];
            var medianRatio = Stats.Median(result.Ratios);
            Console.WriteLine($"Analyzers {sets[side].Label}:");
            Console.WriteLine($"  compile + analyzers {Stats.Median(result.Wall):F0} ms wall, {Stats.Median(result.Cpu):F0} ms CPU; median paired ratio to compile {medianRatio:F3} (+{(medianRatio - 1) * 100:F1} %)");
            Console.WriteLine($"  allocated beyond the compile alone: median {Stats.Median(result.ExtraMb):F0} MB (the analyzers and the driver's work for them)");
            Console.WriteLine($"  analyzer cost: {(medianRatio - 1) * baseMedian / input.Lines * 10_000:F1} ms per 10,000 lines (median ratio x median compile)");
            Console.WriteLine($"  driver-reported analyzer time (sum over analyzers): median {Stats.Median(result.Analyzer):F0} ms, least {result.Analyzer.Min():F0} ms; per analyzer: "
                + string.Join(", ", result.PerAnalyzer.Where(p => Stats.Median(p.Value) >= 0.5).OrderByDescending(p => Stats.Median(p.Value)).Select(p => $"{p.Key} {Stats.Median(p.Value):F0} ms (least {p.Value.Min():F0})")));
            if (side > 0)
            {
                Console.WriteLine($"  paired ratio to #1: analyzer time {Stats.Median(result.AnalyzerRatiosToFirst):F3} (range {result.AnalyzerRatiosToFirst.Min():F3}-{result.AnalyzerRatiosToFirst.Max():F3}), CPU {Stats.Median(result.CpuRatiosToFirst):F3}");
            }

            Console.WriteLine("  diagnostics: " + (diagnosticCounts[side].Count == 0 ? "none" : string.Join(", ", diagnosticCounts[side].Select(p => $"{p.Key} x{p.Value}"))));
        }

        return diagnosticCounts.Any(counts => counts.ContainsKey("AD0001")) ? 1 : 0;
    }

    /// <summary>
    /// The <c>Dump</c> of a build made with benchmarks/RealCode/phase-probe.patch applied (the model's time by phase, in
    /// each thread's CPU time), or null for an ordinary build.
    /// </summary>
    private static Func<string>? PhaseProbe(ImmutableArray<DiagnosticAnalyzer> analyzers)
        => analyzers.IsEmpty || analyzers[0].GetType().Assembly.GetType("Forklift.Analyzers.Probe")?.GetMethod("Dump") is not { } dump
            ? null
            : () => (string)dump.Invoke(null, null)!;

    /// <summary>The measurements of one build of the analyzers over the measured iterations.</summary>
    private sealed class SetResult
    {
        public List<double> Wall { get; } = new();

        public List<double> Cpu { get; } = new();

        public List<double> Analyzer { get; } = new();

        public List<double> Ratios { get; } = new();

        public List<double> AnalyzerRatiosToFirst { get; } = new();

        public List<double> CpuRatiosToFirst { get; } = new();

        /// <summary>Bytes allocated in the compile with analyzers beyond the plain compile of the same iteration, in MB.</summary>
        public List<double> ExtraMb { get; } = new();

        public Dictionary<string, List<double>> PerAnalyzer { get; } = new();

        public void Add(string analyzer, double milliseconds)
        {
            if (!PerAnalyzer.TryGetValue(analyzer, out var values))
            {
                PerAnalyzer[analyzer] = values = new List<double>();
            }

            values.Add(milliseconds);
        }
    }
}
