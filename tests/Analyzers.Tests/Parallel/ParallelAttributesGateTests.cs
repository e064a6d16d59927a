using Forklift.Analyzers.ParallelUsage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

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

    private static CSharpCompilation Compile(string name, string source, params MetadataReference[] references)
        => CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source)],
            [CoreLibrary, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
