using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Benchmarks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: dotnet run -c Release --project benchmarks/Analyzers.Benchmarks [-- --files 280 --iterations 5 --emit-project <dir>]
//        [--analyzers <before.dll> --analyzers <after.dll> ...]: measure several builds of Forklift.Analyzers side by side.
//        [--area SharedState]: only the analyzers of one area (folder).
//        --mode refonly --without-refonly-property: the body rules' own binding cost, as a normal compile pays it.
//        --mode refonly: a reference-assembly-only compile (RefOnlyBenchmark).
//        --only <name part> (repeatable): load only the analyzers whose type name contains one of the parts (for
//        example --only Lock --only Reentr --only ReleaseWithout), to measure a group of rules paying for their own
//        binding, as they do in a library built with no other analyzers.
//        --mode keystroke [--document <path suffix> ...]: one document re-analysed after an edit, as the IDE does
//        (KeystrokeBenchmark).
//        --mode replay-check: not a timing; every document's diagnostics when the walk replays followed bodies from
//        digests (an IDE's later compilations) must equal those of freshly bound bodies (ReplayCheck). Exit code 1 if not.
//        Both modes use the generated set, or a real project with --csc-args <file> --project-dir <dir> (the csc
//        command line of its build, as benchmarks/RealCode/run.sh saves it); --other-analyzers <dll> (repeatable) adds
//        analyzers to compare with, e.g. the SDK's Microsoft.CodeAnalysis.(CSharp.)NetAnalyzers.dll.
var files = IntOption("--files", 280);
var iterations = IntOption("--iterations", 5);
var emitProject = StringOption("--emit-project");
var mode = StringOption("--mode") ?? "build";

var sources = SourceSetGenerator.Generate(files);
var lines = sources.Sum(s => s.Text.Count(c => c == '\n'));
if (emitProject is not null)
{
    ProjectWriter.Write(emitProject, sources, typeof(SharedStateMutationAnalyzer).Assembly.Location);
    Console.WriteLine($"Wrote {sources.Count} files ({lines:N0} lines) and a project to {emitProject}");
    return 0;
}

// Each build of the analyzers is loaded into its own load context, so that two builds of the same assembly (main's
// and a branch's) can be measured in one process, in the same run; Microsoft.CodeAnalysis comes from the default
// context, shared by all.
// --area SharedState|Locks|Parallel: only the analyzers of one folder, to see one area's cost without another's binding.
var areaFilter = StringOption("--area");
var analyzerPaths = StringOptions("--analyzers");
var only = StringOptions("--only");
var sets = analyzerPaths.Count == 0
    ? new List<(string Label, ImmutableArray<DiagnosticAnalyzer> Analyzers)> { ("referenced", LoadAnalyzers(typeof(SharedStateMutationAnalyzer).Assembly)) }
    : analyzerPaths.Select((path, n) => (Label: $"#{n + 1} {path}", Analyzers: LoadAnalyzers(new AssemblyLoadContext($"analyzers{n}").LoadFromAssemblyPath(Path.GetFullPath(path))))).ToList();

if (mode is "refonly" or "keystroke" or "replay-check")
{
    var input = StringOption("--csc-args") is { } cscArgs
        ? ProjectInput.FromCommandLine(cscArgs, StringOption("--project-dir") ?? throw new ArgumentException("--csc-args needs --project-dir"), StringOptions("--other-analyzers"))
        : ProjectInput.FromGeneratedSet(files);
    Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}");
    var code = mode switch
    {
        "refonly" => await RefOnlyBenchmark.RunAsync(input, sets, iterations, args.Contains("--without-refonly-property")),
        "replay-check" => await ReplayCheck.RunAsync(input, sets),
        _ => await KeystrokeBenchmark.RunAsync(input, sets, StringOptions("--document"), iterations),
    };
    Console.WriteLine($"Load average at the end: {LoadAverage()}");
    return code;
}

var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
    .Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
    .Select(p => MetadataReference.CreateFromFile(p))
    .ToArray();
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true);

Console.WriteLine($"Source set: {sources.Count} files, {lines:N0} lines");
foreach (var (label, analyzers) in sets)
{
    Console.WriteLine($"Analyzers {label}: {analyzers.Length}: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
}

Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

CSharpCompilation NewCompilation()
{
    // Fresh trees each time: nothing bound or cached is shared between measurements.
    var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, s.Name));
    return CSharpCompilation.Create("Generated", trees, references, compilationOptions);
}

var baseline = new List<double>();
var results = sets.Select(_ => new SetResult()).ToList();
var diagnosticCounts = sets.Select(_ => new SortedDictionary<string, int>()).ToList();
var sides = sets.Count + 1;
for (var i = 0; i <= iterations; i++)
{
    // Each iteration measures every side back to back, in an order that rotates from one iteration to the next, so
    // that a shared machine's changing load hits all sides alike; the paired ratios are the robust figures.
    double plainMs = 0;
    var measured = new (double WallMs, double CpuMs, double AnalyzerMs)[sets.Count];
    for (var step = 0; step < sides; step++)
    {
        var side = (step + i) % sides;
        if (side == sides - 1)
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

            continue;
        }

        var analyzers = sets[side].Analyzers;
        var analyzed = NewCompilation().WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var analysis = await analyzed.GetAnalysisResultAsync(CancellationToken.None);
        _ = analyzed.Compilation.GetDiagnostics(); // the rest of a build's work, as the plain side does
        var wallMs = watch.Elapsed.TotalMilliseconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;

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

        measured[side] = (wallMs, cpuMs, analyzerMs);
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
    var line = $"  iteration {i}: compile {plainMs:F0} ms";
    for (var side = 0; side < sets.Count; side++)
    {
        var (wallMs, cpuMs, analyzerMs) = measured[side];
        results[side].Wall.Add(wallMs);
        results[side].Cpu.Add(cpuMs);
        results[side].Analyzer.Add(analyzerMs);
        results[side].Ratios.Add(wallMs / plainMs);
        if (side > 0)
        {
            results[side].AnalyzerRatiosToFirst.Add(analyzerMs / measured[0].AnalyzerMs);
            results[side].CpuRatiosToFirst.Add(cpuMs / measured[0].CpuMs);
        }

        line += $"; #{side + 1}: {wallMs:F0} ms wall ({wallMs / plainMs:F3}), {cpuMs:F0} ms CPU, analyzers {analyzerMs:F0} ms";
    }

    Console.WriteLine(line);
}

var baseMedian = Median(baseline);
Console.WriteLine();
Console.WriteLine($"Median of {iterations}: compile (GetDiagnostics) {baseMedian:F0} ms");
for (var side = 0; side < sets.Count; side++)
{
    var result = results[side];
    var medianRatio = Median(result.Ratios);
    Console.WriteLine($"Analyzers {sets[side].Label}:");
    Console.WriteLine($"  compile + analyzers {Median(result.Wall):F0} ms wall, {Median(result.Cpu):F0} ms CPU; median paired ratio to compile {medianRatio:F3} (+{(medianRatio - 1) * 100:F1} %)");
    Console.WriteLine($"  analyzer cost: {(medianRatio - 1) * baseMedian / lines * 10_000:F1} ms per 10,000 lines (median ratio x median compile)");
    Console.WriteLine($"  driver-reported analyzer time (sum over analyzers): median {Median(result.Analyzer):F0} ms; per analyzer: "
        + string.Join(", ", result.PerAnalyzer.Where(p => Median(p.Value) >= 0.5).OrderByDescending(p => Median(p.Value)).Select(p => $"{p.Key} {Median(p.Value):F0} ms")));
    if (side > 0)
    {
        Console.WriteLine($"  paired ratio to #1: analyzer time {Median(result.AnalyzerRatiosToFirst):F3} (range {result.AnalyzerRatiosToFirst.Min():F3}-{result.AnalyzerRatiosToFirst.Max():F3}), CPU {Median(result.CpuRatiosToFirst):F3}");
    }

    Console.WriteLine("  diagnostics in the set: " + (diagnosticCounts[side].Count == 0 ? "none" : string.Join(", ", diagnosticCounts[side].Select(p => $"{p.Key} x{p.Value}"))));
}

return diagnosticCounts.Any(counts => counts.ContainsKey("AD0001")) ? 1 : 0;

ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(Assembly assembly)
    => assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Where(t => areaFilter is null || t.Namespace?.EndsWith("." + areaFilter, StringComparison.Ordinal) == true)
        .Where(t => only.Count == 0 || only.Any(part => t.Name.Contains(part, StringComparison.Ordinal)))
        .OrderBy(t => t.Name)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

static double Median(List<double> values) => Stats.Median(values);

// The 1-, 5- and 15-minute load averages where the OS reports them (Linux), for the record beside every figure.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

int IntOption(string name, int fallback) => StringOption(name) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

List<string> StringOptions(string name)
{
    var values = new List<string>();
    for (var index = Array.IndexOf(args, name); index >= 0 && index + 1 < args.Length; index = Array.IndexOf(args, name, index + 2))
    {
        values.Add(args[index + 1]);
    }

    return values;
}

string? StringOption(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

/// <summary>The measurements of one build of the analyzers over the measured iterations.</summary>
internal sealed class SetResult
{
    public List<double> Wall { get; } = new();

    public List<double> Cpu { get; } = new();

    public List<double> Analyzer { get; } = new();

    public List<double> Ratios { get; } = new();

    public List<double> AnalyzerRatiosToFirst { get; } = new();

    public List<double> CpuRatiosToFirst { get; } = new();

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
