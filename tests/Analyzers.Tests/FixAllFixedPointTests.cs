using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// What <c>dotnet format analyzers</c> does, in process: for each fixable rule in turn, one Fix All over the whole
/// solution with the equivalence key of the first fix offered. One such pass over every rule must reach a fixed
/// point: a second pass finds nothing more to fix, and the fixed code still compiles.
/// </summary>
public class FixAllFixedPointTests
{
    private static readonly ImmutableArray<CodeFixProvider> Fixers = typeof(Forklift.CodeFixes.Locks.LockReleaseNotInFinallyCodeFix).Assembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(type) && type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .Select(type => (CodeFixProvider)Activator.CreateInstance(type)!)
        .ToImmutableArray();

    [Fact]
    public async Task One_pass_over_the_corpus_reaches_a_fixed_point()
    {
        var solution = CorpusSolution(out var projectId);
        var analyzers = AnalyzerCatalog.CreateAll();

        var (afterFirst, firstFixes) = await FixPassAsync(solution, projectId, analyzers);
        Assert.True(firstFixes >= 3, $"the first pass should fix diagnostics of several rules; it applied {firstFixes} Fix All operations");
        Assert.Empty(await CompileErrorsAsync(afterFirst, projectId));

        var (afterSecond, secondFixes) = await FixPassAsync(afterFirst, projectId, analyzers);
        var changed = await ChangedDocumentsAsync(afterFirst, afterSecond, projectId);
        Assert.True(secondFixes == 0 && changed.Count == 0, $"a second pass applied {secondFixes} Fix All operations and changed {string.Join(", ", changed)}");
    }

    /// <summary>One Fix All per fixable diagnostic ID, in ID order, as one run of dotnet format applies them.</summary>
    private static async Task<(Solution Solution, int Fixes)> FixPassAsync(Solution solution, ProjectId projectId, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var fixes = 0;
        var ids = Fixers.SelectMany(f => f.FixableDiagnosticIds).Where(id => id.StartsWith("FL", StringComparison.Ordinal)).Distinct().OrderBy(id => id, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var diagnostics = (await AnalyzeAsync(solution.GetProject(projectId)!, analyzers)).Where(d => d.Id == id).ToImmutableArray();
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(id)))
            {
                var first = await FirstActionAsync(solution, fixer, diagnostics);
                if (first is null || fixer.GetFixAllProvider() is not { } fixAll)
                {
                    continue;
                }

                var (document, action) = first.Value;
                var context = new FixAllContext(document, fixer, FixAllScope.Solution, action.EquivalenceKey, [id], new Provider(diagnostics, solution), CancellationToken.None);
                var fixAllAction = await fixAll.GetFixAsync(context);
                if (fixAllAction is null)
                {
                    continue;
                }

                foreach (var operation in await fixAllAction.GetOperationsAsync(CancellationToken.None))
                {
                    if (operation is ApplyChangesOperation apply)
                    {
                        solution = apply.ChangedSolution;
                        fixes++;
                    }
                }

                break;
            }
        }

        return (solution, fixes);
    }

    private static async Task<(Document Document, CodeAction Action)?> FirstActionAsync(Solution solution, CodeFixProvider fixer, ImmutableArray<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree)!;
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            if (actions.FirstOrDefault(a => a.EquivalenceKey is not null) is { } action)
            {
                return (document, action);
            }
        }

        return null;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var compilation = (await project.GetCompilationAsync())!;
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static async Task<List<string>> CompileErrorsAsync(Solution solution, ProjectId projectId)
    {
        var compilation = (await solution.GetProject(projectId)!.GetCompilationAsync())!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
    }

    private static async Task<List<string>> ChangedDocumentsAsync(Solution before, Solution after, ProjectId projectId)
    {
        var changed = new List<string>();
        foreach (var document in before.GetProject(projectId)!.Documents)
        {
            var old = (await document.GetTextAsync()).ToString();
            var now = (await after.GetDocument(document.Id)!.GetTextAsync()).ToString();
            if (old != now)
            {
                changed.Add(document.Name);
            }
        }

        return changed;
    }

    /// <summary>The shared-state and lock corpus files as one project, referencing the running framework.</summary>
    private static Solution CorpusSolution(out ProjectId projectId)
    {
        var workspace = new AdhocWorkspace();
        projectId = ProjectId.CreateNewId();
        var references = PlatformReferences.All;
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Corpus", "Corpus", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Preview),
                metadataReferences: references));
        foreach (var name in new[] { "SharedState.cs", "Locks.cs" })
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", name));
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), name, SourceText.From(text), filePath: "/" + name);
        }

        return solution;
    }

    /// <summary>Hands Fix All the diagnostics of one rule, recomputed for the solution it is given.</summary>
    private sealed class Provider(ImmutableArray<Diagnostic> diagnostics, Solution solution) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            => Task.FromResult(diagnostics.Where(d => solution.GetDocument(d.Location.SourceTree)?.Id == document.Id));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult<IEnumerable<Diagnostic>>(Array.Empty<Diagnostic>());
    }
}
