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
//        [--analyzers <before.dll> --analyzers <after.dll> ...]: measure several builds of Forklift.Analyzers side by side
//        (BuildBenchmark), on the generated set or on a real project with --csc-args <file> --project-dir <dir>.
//        [--area SharedState]: only the analyzers of one area (folder).
//        [--sequential]: analyse on one thread and report each side's least time too (BuildBenchmark.RunAsync): for
//        comparing two builds within a few percent on a shared machine.
//        --mode refonly --without-refonly-property: the body rules' own binding cost, as a normal compile pays it.
//        --mode refonly: a reference-assembly-only compile (RefOnlyBenchmark).
//        --only <name part> (repeatable): load only the analyzers whose type name contains one of the parts (for
//        example --only Lock --only Reentr --only ReleaseWithout), to measure a group of rules paying for their own
//        binding, as they do in a library built with no other analyzers.
//        --mode keystroke [--document <path suffix> ...] [--per-analyzer]: one document re-analysed after an edit, as
//        the IDE does (KeystrokeBenchmark); --per-analyzer also prints each analyzer's median time per edit (the
//        driver's timing, which itself costs a little, so the totals of such a run are not the plain figure).
//        --mode replay-check: not a timing; every document's diagnostics when the walk replays followed bodies from
//        digests (an IDE's later compilations) must equal those of freshly bound bodies (ReplayCheck). Exit code 1 if not.
//        These modes too use the generated set, or a real project with --csc-args <file> --project-dir <dir> (the csc
//        command line of its build, as benchmarks/RealCode/run.sh saves it); --other-analyzers <dll> (repeatable) adds
//        analyzers to compare with, e.g. the SDK's Microsoft.CodeAnalysis.(CSharp.)NetAnalyzers.dll.
var files = IntOption("--files", 280);
var iterations = IntOption("--iterations", 5);
var emitProject = StringOption("--emit-project");
var mode = StringOption("--mode") ?? "build";

if (emitProject is not null)
{
    var sources = SourceSetGenerator.Generate(files);
    var lines = sources.Sum(s => s.Text.Count(c => c == '\n'));
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
        _ => await KeystrokeBenchmark.RunAsync(input, sets, StringOptions("--document"), iterations, args.Contains("--per-analyzer")),
    };
    Console.WriteLine($"Load average at the end: {LoadAverage()}");
    return code;
}

{
    // The default mode: whole compiles with each build of the analyzers, paired with a plain compile (BuildBenchmark).
    var input = StringOption("--csc-args") is { } cscArgs
        ? ProjectInput.FromCommandLine(cscArgs, StringOption("--project-dir") ?? throw new ArgumentException("--csc-args needs --project-dir"), [])
        : ProjectInput.FromGeneratedSet(files);
    foreach (var (label, analyzers) in sets)
    {
        Console.WriteLine($"Analyzers {label}: {analyzers.Length}: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
    }

    Console.WriteLine($"Machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, load average {LoadAverage()}");
    var code = await BuildBenchmark.RunAsync(input, sets, iterations, args.Contains("--sequential"));
    Console.WriteLine($"Load average at the end: {LoadAverage()}");
    return code;
}

ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(Assembly assembly)
    => assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Where(t => areaFilter is null || t.Namespace?.EndsWith("." + areaFilter, StringComparison.Ordinal) == true)
        .Where(t => only.Count == 0 || only.Any(part => t.Name.Contains(part, StringComparison.Ordinal)))
        .OrderBy(t => t.Name)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

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
