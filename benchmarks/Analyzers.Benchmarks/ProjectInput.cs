using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// What one compile needs: the source texts, references, options and analyzer configuration, either of the generated
/// set or of a real project read from the compiler command line its build ran (see <see cref="FromCommandLine"/>).
/// </summary>
internal sealed class ProjectInput
{
    private ProjectInput(
        string name,
        IReadOnlyList<(string Path, SourceText Text)> sources,
        IReadOnlyList<MetadataReference> references,
        CSharpParseOptions parseOptions,
        CSharpCompilationOptions compilationOptions,
        AnalyzerOptions analyzerOptions,
        ImmutableArray<DiagnosticAnalyzer> otherAnalyzers,
        ImmutableArray<ISourceGenerator> generators)
    {
        Name = name;
        Sources = sources;
        References = references;
        ParseOptions = parseOptions;
        CompilationOptions = compilationOptions;
        AnalyzerOptions = analyzerOptions;
        OtherAnalyzers = otherAnalyzers;
        Generators = generators;
    }

    public string Name { get; }

    public IReadOnlyList<(string Path, SourceText Text)> Sources { get; }

    public IReadOnlyList<MetadataReference> References { get; }

    public CSharpParseOptions ParseOptions { get; }

    public CSharpCompilationOptions CompilationOptions { get; }

    /// <summary>The build's analyzer configuration (.editorconfig, .globalconfig), for analyzers that read options.</summary>
    public AnalyzerOptions AnalyzerOptions { get; }

    /// <summary>The build's own analyzers other than Forklift's: the SDK's and the project's (empty for the generated set).</summary>
    public ImmutableArray<DiagnosticAnalyzer> OtherAnalyzers { get; }

    /// <summary>The build's source generators (not Forklift's); run once when the first compilation is made.</summary>
    public ImmutableArray<ISourceGenerator> Generators { get; }

    public int Lines => Sources.Sum(s => s.Text.Lines.Count);

    public static ProjectInput FromGeneratedSet(int files)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
        var sources = SourceSetGenerator.Generate(files).Select(s => (s.Name, SourceText.From(s.Text))).ToList();
        return new ProjectInput(
            $"generated set ({files} files)",
            sources,
            references,
            new CSharpParseOptions(LanguageVersion.Latest),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true),
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            ImmutableArray<DiagnosticAnalyzer>.Empty,
            ImmutableArray<ISourceGenerator>.Empty);
    }

    /// <summary>
    /// A real project as its build compiled it: <paramref name="commandLineFile"/> holds the <c>csc</c> arguments that
    /// a detailed build log (<c>-v:d</c>) prints for the Csc task (benchmarks/RealCode/run.sh saves them), and
    /// <paramref name="projectDirectory"/> is the directory its relative paths start from. Forklift's own analyzers
    /// and generator are left out of the analyzer list, so the caller can measure any build of them.
    /// <paramref name="extraAnalyzers"/> are added to the build's other analyzers (for example the SDK's CA analyzers,
    /// for a comparison on a project whose build does not run them, such as a netstandard2.0 one).
    /// </summary>
    public static ProjectInput FromCommandLine(string commandLineFile, string projectDirectory, IReadOnlyList<string> extraAnalyzers)
    {
        var commandLine = File.ReadAllText(commandLineFile).Trim();
        var args = CSharpCommandLineParser.SplitCommandLineIntoArguments(commandLine, removeHashComments: false)
            .Where(a => !a.EndsWith("/csc", StringComparison.Ordinal) && !a.EndsWith("csc.dll", StringComparison.Ordinal) && !a.EndsWith("/dotnet", StringComparison.Ordinal) && a != "exec")
            .ToArray();
        var sdkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var parsed = CSharpCommandLineParser.Default.Parse(args, projectDirectory, sdkDirectory);
        var errors = parsed.Errors.Where(e => e.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The command line in {commandLineFile} does not parse: {errors[0]}");
        }

        var sources = parsed.SourceFiles.Select(f => (f.Path, SourceText.From(File.OpenRead(f.Path), canBeEmbedded: true))).ToList();
        var references = parsed.MetadataReferences
            .Select(r => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, projectDirectory), r.Properties))
            .ToList();

        // Analyzer configuration: severities per tree (dotnet_diagnostic.X.severity, the SDK's AnalysisLevel
        // globalconfig) and options for analyzers that read them.
        var configs = parsed.AnalyzerConfigPaths
            .Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), p))
            .ToImmutableArray();
        var configSet = AnalyzerConfigSet.Create(configs);
        var treeOptions = new ConfigSyntaxTreeOptions(configSet);
        var compilationOptions = parsed.CompilationOptions
            .WithConcurrentBuild(true)
            .WithSyntaxTreeOptionsProvider(treeOptions)
            .WithCryptoKeyFile(null)
            .WithPublicSign(false)
            .WithDelaySign(null)
            .WithStrongNameProvider(null);

        var additionalFiles = parsed.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
        var analyzerOptions = new AnalyzerOptions(additionalFiles, new ConfigOptionsProvider(configSet));

        var loader = new AnalyzerLoader();
        var analyzerFiles = parsed.AnalyzerReferences
            .Select(a => Path.GetFullPath(a.FilePath, projectDirectory))
            .Where(p => !Path.GetFileName(p).StartsWith("Forklift.", StringComparison.Ordinal))
            .Concat(extraAnalyzers.Select(Path.GetFullPath))
            .Distinct()
            .ToList();
        foreach (var path in analyzerFiles)
        {
            loader.AddDependencyLocation(path);
        }

        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        var generators = ImmutableArray.CreateBuilder<ISourceGenerator>();
        foreach (var path in analyzerFiles)
        {
            var reference = new AnalyzerFileReference(path, loader);
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            generators.AddRange(reference.GetGenerators(LanguageNames.CSharp));
        }

        return new ProjectInput(
            Path.GetFileNameWithoutExtension(commandLineFile),
            sources,
            references,
            parsed.ParseOptions,
            compilationOptions,
            analyzerOptions,
            analyzers.ToImmutable(),
            generators.ToImmutable());
    }

    /// <summary>Parses every source afresh and adds the generated sources of <paramref name="generated"/>, if any.</summary>
    public CSharpCompilation NewCompilation(IReadOnlyList<SyntaxTree>? generated = null)
    {
        var trees = Sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, s.Path)).ToList();
        if (generated is not null)
        {
            trees.AddRange(generated.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath)));
        }

        return CSharpCompilation.Create(Name, trees, References, CompilationOptions);
    }

    /// <summary>Runs the build's source generators once and returns their output trees (none for the generated set).</summary>
    public IReadOnlyList<SyntaxTree> RunGenerators()
    {
        if (Generators.IsEmpty)
        {
            return Array.Empty<SyntaxTree>();
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(Generators, AnalyzerOptions.AdditionalFiles, ParseOptions, AnalyzerOptions.AnalyzerConfigOptionsProvider);
        driver = driver.RunGeneratorsAndUpdateCompilation(NewCompilation(), out var output, out _);
        return output.SyntaxTrees.Skip(Sources.Count).ToList();
    }

    /// <summary>An additional file read from disk.</summary>
    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }

    /// <summary>The severities that the build's .editorconfig and .globalconfig files give, per tree.</summary>
    private sealed class ConfigSyntaxTreeOptions : SyntaxTreeOptionsProvider
    {
        private readonly AnalyzerConfigSet _set;

        public ConfigSyntaxTreeOptions(AnalyzerConfigSet set) => _set = set;

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => _set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => _set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    /// <summary>The options that the build's .editorconfig and .globalconfig files give to analyzers.</summary>
    private sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigSet _set;

        public ConfigOptionsProvider(AnalyzerConfigSet set)
        {
            _set = set;
            GlobalOptions = new Options(set.GlobalConfigOptions.AnalyzerOptions);
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(_set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(_set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
        }
    }

    /// <summary>
    /// Loads the build's analyzer and generator assemblies into one load context of their own; the compiler's
    /// assemblies come from the default context (the benchmark's own Roslyn), as in the compiler.
    /// </summary>
    private sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
    {
        private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly Context _context;

        public AnalyzerLoader() => _context = new Context(this);

        public void AddDependencyLocation(string fullPath) => _byName.TryAdd(Path.GetFileNameWithoutExtension(fullPath), fullPath);

        public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

        private sealed class Context : AssemblyLoadContext
        {
            private readonly AnalyzerLoader _owner;

            public Context(AnalyzerLoader owner)
                : base("build analyzers") => _owner = owner;

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (assemblyName.Name is { } name && !name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && _owner._byName.TryGetValue(name, out var path))
                {
                    return LoadFromAssemblyPath(path);
                }

                return null; // the default context: the compiler, the BCL
            }
        }
    }
}
