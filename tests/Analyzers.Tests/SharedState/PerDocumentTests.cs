using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An IDE asks for one document's semantic diagnostics at a time, each on its own <see cref="CompilationWithAnalyzers"/>.
/// A type declared in several files is analysed from a symbol action; each document still gets exactly its own part
/// of the findings, and all documents together get what a build gets. (A thread start's walk that reaches a member
/// declared in another file reports there in a build but in neither document's request; the files here keep the
/// work and the members beside it together.)
/// </summary>
public class PerDocumentTests
{
    private static readonly (string Path, string Text)[] Files =
    [
        ("Cache.cs", """
            using System.Collections.Generic;
            using System.Threading;

            public sealed partial class Cache
            {
                private readonly object _sync = new object();
                private readonly Dictionary<string, int> _items = new();
                private int _version;
                private int _sweeps;

                public void Set(string key, int value) { lock (_sync) { _items[key] = value; _version++; } }

                public void StartSweeper() => new Thread(Sweep).Start();

                private void Sweep() { _sweeps = _sweeps + 1; }

                public void CountSweep() { _sweeps++; }
            }
            """),
        ("Cache.Read.cs", """
            public sealed partial class Cache
            {
                public int Get(string key) { lock (_sync) { return _items.TryGetValue(key, out var v) ? v + _version + _sweeps : 0; } }
                public void Clear() { _items.Clear(); }
            }
            """),
        ("Cache.Reset.cs", """
            public sealed partial class Cache
            {
                public void Reset() { _version = 0; }
            }
            """),
    ];

    [Fact]
    public async Task Each_document_gets_its_own_findings_and_together_what_a_build_gets()
    {
        var compilation = CSharpCompilation.Create(
            "PerDocument",
            Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, path: f.Path)),
            PlatformReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var build = Describe(await WithForklift(compilation).GetAnalyzerDiagnosticsAsync());
        Assert.Contains(build, d => d.StartsWith("FL1003 Cache.Read.cs", StringComparison.Ordinal));
        Assert.Contains(build, d => d.StartsWith("FL1003 Cache.Reset.cs", StringComparison.Ordinal));
        Assert.Contains(build, d => d.StartsWith("FL1001 Cache.cs", StringComparison.Ordinal) || d.StartsWith("FL1003 Cache.cs", StringComparison.Ordinal));

        var perDocument = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            // A new compilation per request, as the IDE hands each one.
            var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
            var model = fresh.GetSemanticModel(fresh.SyntaxTrees.Single(t => t.FilePath == tree.FilePath));
            var diagnostics = Describe(await WithForklift(fresh).GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, CancellationToken.None));
            Assert.All(diagnostics, d => Assert.StartsWith(d.Split(' ')[0] + " " + tree.FilePath + " ", d, StringComparison.Ordinal));
            perDocument.AddRange(diagnostics);
        }

        Assert.Equal(string.Join("\n", build), string.Join("\n", perDocument.Order(StringComparer.Ordinal)));
    }

    private static CompilationWithAnalyzers WithForklift(Compilation compilation)
        => compilation.WithAnalyzers(AnalyzerCatalog.CreateAll(), new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));

    private static ImmutableArray<string> Describe(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics
            .Where(d => d.Id.StartsWith("FL1", StringComparison.Ordinal))
            .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath} {d.Location.GetLineSpan().StartLinePosition} {d.GetMessage()}")
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
}
