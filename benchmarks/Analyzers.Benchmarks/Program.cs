using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: dotnet run -c Release --project benchmarks/Analyzers.Benchmarks [-- --files 280 --iterations 5 --emit-project <dir>]
var files = IntOption("--files", 280);
var iterations = IntOption("--iterations", 5);
var emitProject = StringOption("--emit-project");

var sources = SourceSetGenerator.Generate(files);
var lines = sources.Sum(s => s.Text.Count(c => c == '\n'));
if (emitProject is not null)
{
    ProjectWriter.Write(emitProject, sources, typeof(SharedStateMutationAnalyzer).Assembly.Location);
    Console.WriteLine($"Wrote {sources.Count} files ({lines:N0} lines) and a project to {emitProject}");
    return 0;
}

var analyzers = typeof(SharedStateMutationAnalyzer).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
    .OrderBy(t => t.Name)
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToImmutableArray();

var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
    .Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
    .Select(p => MetadataReference.CreateFromFile(p))
    .ToArray();
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true);

Console.WriteLine($"Source set: {sources.Count} files, {lines:N0} lines; {analyzers.Length} analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

CSharpCompilation NewCompilation()
{
    // Fresh trees each time: nothing bound or cached is shared between measurements.
    var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Name));
    return CSharpCompilation.Create("Generated", trees, references, compilationOptions);
}

var baseline = new List<double>();
var withAnalyzers = new List<double>();
var diagnosticCounts = new SortedDictionary<string, int>();
var ratios = new List<double>();
for (var i = 0; i <= iterations; i++)
{
    // Each iteration measures both, back to back, in alternating order, so that a shared machine's changing load
    // hits both sides alike; the paired ratio is the robust figure.
    double plainMs = 0, analyzedMs = 0;
    ImmutableArray<Diagnostic> all = default;
    for (var side = 0; side < 2; side++)
    {
        if ((side + i) % 2 == 0)
        {
            var plain = NewCompilation();
            var stopwatch = Stopwatch.StartNew();
            var compilerDiagnostics = plain.GetDiagnostics();
            plainMs = stopwatch.Elapsed.TotalMilliseconds;
            var errors = compilerDiagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            if (errors > 0)
            {
                Console.Error.WriteLine($"The generated set has {errors} compile errors, e.g. {compilerDiagnostics.First(d => d.Severity == DiagnosticSeverity.Error)}");
                return 1;
            }
        }
        else
        {
            var analyzed = NewCompilation().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
            var stopwatch = Stopwatch.StartNew();
            all = await analyzed.GetAllDiagnosticsAsync();
            analyzedMs = stopwatch.Elapsed.TotalMilliseconds;
        }
    }

    if (i == 0)
    {
        foreach (var diagnostic in all.Where(d => d.Id.StartsWith("FL", StringComparison.Ordinal) || d.Id == "AD0001"))
        {
            diagnosticCounts[diagnostic.Id] = diagnosticCounts.GetValueOrDefault(diagnostic.Id) + 1;
        }

        continue; // warm-up: JIT and first-touch costs
    }

    baseline.Add(plainMs);
    withAnalyzers.Add(analyzedMs);
    ratios.Add(analyzedMs / plainMs);
    Console.WriteLine($"  iteration {i}: compile {plainMs:F0} ms, compile + analyzers {analyzedMs:F0} ms, ratio {analyzedMs / plainMs:F3}");
}

var baseMedian = Median(baseline);
var fullMedian = Median(withAnalyzers);
var overhead = fullMedian - baseMedian;
Console.WriteLine();
Console.WriteLine($"Median of {iterations}: compile (GetDiagnostics) {baseMedian:F0} ms; compile + all analyzers {fullMedian:F0} ms");
var medianRatio = Median(ratios);
Console.WriteLine($"Median paired ratio (compile + analyzers) / compile: {medianRatio:F3} (+{(medianRatio - 1) * 100:F1} %)");
Console.WriteLine($"Analyzer cost: {(medianRatio - 1) * baseMedian / lines * 10_000:F1} ms per 10,000 lines (median ratio x median compile); difference of medians {overhead:F0} ms");
Console.WriteLine("Diagnostics in the set: " + (diagnosticCounts.Count == 0 ? "none" : string.Join(", ", diagnosticCounts.Select(p => $"{p.Key} x{p.Value}"))));
return diagnosticCounts.ContainsKey("AD0001") ? 1 : 0;

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int IntOption(string name, int fallback) => StringOption(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? StringOption(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
