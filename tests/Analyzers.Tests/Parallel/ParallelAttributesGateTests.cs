using Forklift.Analyzers.ParallelUsage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace Forklift.Analyzers.Tests.ParallelUsage;

/// <summary>
/// The gate of every FL3xxx analyzer: a compilation that neither declares the attributes nor references Forklift.dll
/// registers no [Parallel] actions, and one that does finds the attribute types.
/// </summary>
public sealed class ParallelAttributesGateTests
{
    private static readonly MetadataReference CoreLibrary = MetadataReference.CreateFromFile(typeof(object).Assembly.Location);

    [Fact]
    public void A_compilation_without_Forklift_finds_nothing()
    {
        var compilation = Compile("Library", "namespace Other { public sealed class ParallelOptions { } }");

        Assert.Null(ParallelAttributes.Find(compilation));
    }

    [Fact]
    public void Attributes_declared_in_source_are_found()
    {
        var compilation = Compile("App", ParallelAnalyzerVerifier<ParallelByRefParameterAnalyzer>.AttributesSource);

        var attributes = ParallelAttributes.Find(compilation);

        Assert.NotNull(attributes?.Parallel);
        Assert.NotNull(attributes?.WorkerInitializer);
    }

    [Fact]
    public void Attributes_of_a_referenced_Forklift_dll_are_found()
    {
        var runtime = Compile("Forklift", ParallelAnalyzerVerifier<ParallelByRefParameterAnalyzer>.AttributesSource);
        using var image = new MemoryStream();
        Assert.True(runtime.Emit(image).Success);
        var reference = MetadataReference.CreateFromImage(image.ToArray(), filePath: Path.Combine("lib", "Forklift.dll"));

        var compilation = Compile("App", "class C { }", reference);

        Assert.NotNull(ParallelAttributes.Find(compilation)?.Parallel);
    }

    [Fact]
    public void Unicode_escapes_in_strings_do_not_open_the_gate_but_an_escaped_type_name_does()
    {
        var strings = Compile("Library", "class C { string S = \"\\u0041\\U00000041\"; }");
        var escaped = Compile("App", ParallelAnalyzerVerifier<ParallelByRefParameterAnalyzer>.AttributesSource.Replace("class ParallelAttribute", "class \\u0050arallelAttribute"));

        Assert.False(ParallelAttributes.MayUseForklift(strings, "ParallelAttribute", "WorkerInitializerAttribute"));
        Assert.NotNull(ParallelAttributes.Find(escaped)?.Parallel);
    }

    [Fact]
    public void A_reference_to_Forklift_dll_opens_the_gate_by_its_path()
    {
        // The gate reads the path the reference was given, not the assembly's contents (this one declares no WorkerHost).
        var runtime = Compile("Forklift", "namespace Forklift { public sealed class Other { } }");
        using var image = new MemoryStream();
        Assert.True(runtime.Emit(image).Success);
        var compilation = Compile("App", "class C { }", MetadataReference.CreateFromImage(image.ToArray(), filePath: Path.Combine("lib", "Forklift.dll")));

        Assert.True(ParallelAttributes.MayUseForklift(compilation, "WorkerHost"));
        Assert.False(ParallelAttributes.MayUseForklift(Compile("App", "class C { }"), "WorkerHost"));
    }

    /// <summary>
    /// Each file's answer is kept for its text, as the IDE's next compilation after an edit has the other files' texts
    /// unchanged: one question's answer does not answer another's names, and an edited file is read again.
    /// </summary>
    [Fact]
    public void Answers_are_kept_per_text_and_per_names_asked()
    {
        var compilation = Compile("App", "namespace App { public sealed class WorkerHost { } }");
        var tree = compilation.SyntaxTrees.Single();

        Assert.True(ParallelAttributes.MayUseForklift(compilation, "WorkerHost"));
        Assert.False(ParallelAttributes.MayUseForklift(compilation, "ParallelAttribute", "WorkerInitializerAttribute"));
        Assert.True(ParallelAttributes.MayUseForklift(compilation, "WorkerHost"));

        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(0, 0, "// [Parallel] uses ParallelAttribute\n")));
        Assert.True(ParallelAttributes.MayUseForklift(edited, "ParallelAttribute", "WorkerInitializerAttribute"));
        Assert.False(ParallelAttributes.MayUseForklift(compilation, "ParallelAttribute", "WorkerInitializerAttribute"));
    }

    /// <summary>
    /// A file of more than 40,000 characters is searched in pieces of 8,192 (not as one string on the large-object
    /// heap): a name that straddles two pieces is found, wherever it falls, and a large file without it is not.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public void Names_in_a_large_file_are_found_across_the_pieces(int charactersBeforeTheBoundary)
    {
        const string Name = "WorkerInitializerAttribute";
        var declaration = "namespace Forklift { public sealed class " + Name + " : System.Attribute { } }\n";
        var prefix = "// " + new string('x', 8_192 - charactersBeforeTheBoundary - declaration.IndexOf(Name, StringComparison.Ordinal) - 4) + "\n";
        var padding = "// " + new string('y', 40_000) + "\n";
        var source = prefix + declaration + padding;
        Assert.Equal(8_192 - charactersBeforeTheBoundary, source.IndexOf(Name, StringComparison.Ordinal));

        Assert.True(ParallelAttributes.MayUseForklift(Compile("App", source), "ParallelAttribute", Name));
        Assert.False(ParallelAttributes.MayUseForklift(Compile("App", prefix + "class C { }\n" + padding), "ParallelAttribute", Name));
    }

    public static TheoryData<string> ParallelAnalyzerNames()
        => new(AnalyzerCatalog.AnalyzerTypes.Where(type => type.Namespace == typeof(ParallelAttributes).Namespace).Select(type => type.Name));

    [Theory]
    [MemberData(nameof(ParallelAnalyzerNames))]
    public async Task Without_Forklift_an_FL3xxx_analyzer_registers_nothing(string analyzerName)
    {
        // The driver counts the actions each analyzer registered: without the attributes, only the compilation start
        // action that checks the gate. With them (declared in source), the same analyzer registers its actions.
        var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(AnalyzerCatalog.AnalyzerTypes.Single(type => type.Name == analyzerName))!;
        const string Program = "static class Program { static void Main() { } [System.Obsolete] static int Twice(int x) => x * 2; }";

        var without = await TelemetryAsync(analyzer, Compile("App", Program, OutputKind.ConsoleApplication));
        var with = await TelemetryAsync(analyzer, Compile("App", Program + ParallelAnalyzerVerifier<ParallelByRefParameterAnalyzer>.AttributesSource.Replace("namespace Forklift\n{", "namespace Forklift\n{ public static class WorkerHost { }"), OutputKind.ConsoleApplication), published: true);

        Assert.Equal(1, without.CompilationStartActionsCount);
        Assert.Equal(0, RegisteredActions(without));
        Assert.True(RegisteredActions(with) > 0, $"{analyzerName} registered nothing even with the attributes declared");
    }

    private static int RegisteredActions(AnalyzerTelemetryInfo telemetry)
        => telemetry.SymbolActionsCount + telemetry.SymbolStartActionsCount + telemetry.SyntaxNodeActionsCount + telemetry.SyntaxTreeActionsCount
           + telemetry.SemanticModelActionsCount + telemetry.OperationActionsCount + telemetry.OperationBlockActionsCount
           + telemetry.OperationBlockStartActionsCount + telemetry.CodeBlockActionsCount + telemetry.CodeBlockStartActionsCount
           + telemetry.CompilationActionsCount + telemetry.CompilationEndActionsCount;

    private static async Task<AnalyzerTelemetryInfo> TelemetryAsync(DiagnosticAnalyzer analyzer, Compilation compilation, bool published = false)
    {
        // FL3007 looks only at apps that publish as their own executable (PublishAot=true, among others).
        var options = new AnalyzerOptions([], new BuildProperties(published ? "true" : null));
        var withAnalyzers = compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
        Assert.DoesNotContain(result.GetAllDiagnostics(), d => d.Id == "AD0001");
        return result.AnalyzerTelemetryInfo[analyzer];
    }

    private static CSharpCompilation Compile(string name, string source, OutputKind kind)
        => CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], [CoreLibrary], new CSharpCompilationOptions(kind));

    private static CSharpCompilation Compile(string name, string source, params MetadataReference[] references)
        => CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            [CoreLibrary, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>Build properties as the SDK passes them to analyzers (only the ones FL3007 reads).</summary>
    private sealed class BuildProperties(string? published) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(published);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(null);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(null);

        private sealed class Options(string? published) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = published ?? string.Empty;
                return published is not null && key == "build_property.PublishAot";
            }
        }
    }
}
