using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace Forklift.IdeView.Tests;

/// <summary>
/// What an IDE user sees in samples/LockDiscipline: the project opened through MSBuild (as Visual Studio, Rider and
/// C# Dev Kit do), the Forklift analyzers it references as a package consumer would, squiggles at the right lines
/// with the severity the sample's .editorconfig gives them, the light-bulb fixes by title, and a fix that compiles.
/// </summary>
public sealed class LockDisciplineIdeViewTests(ITestOutputHelper output)
{
    private const string Id = "FL2001";

    [Fact]
    public async Task Opening_the_sample_shows_FL2001_where_expected_and_its_fixes_compile()
    {
        MSBuildSetup.EnsureRegistered();
        await RunAsync();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task RunAsync()
    {
        (MSBuildWorkspace workspace, Project project) = await SampleWorkspace.OpenAsync("LockDiscipline");
        using MSBuildWorkspace _ = workspace;

        ImmutableArray<DiagnosticAnalyzer> analyzers = SampleWorkspace.ForkliftAnalyzers(project);
        Assert.NotEmpty(analyzers);

        Compilation compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        ImmutableArray<Diagnostic> diagnostics = await ForkliftDiagnosticsAsync(project, analyzers);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            output.WriteLine($"{diagnostic.Severity} {diagnostic.Id} {diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage()}");
        }

        // Squiggles at the marked lines, as suggestions: samples/LockDiscipline/.editorconfig lowers FL2001 for Flagged/.
        Document flagged = project.Documents.Single(d => d.FilePath!.EndsWith(Path.Combine("Flagged", "LeakyLedger.cs"), StringComparison.Ordinal));
        SourceText flaggedText = await flagged.GetTextAsync();
        int[] expectedLines = flaggedText.Lines.Where(l => l.ToString().Contains("// expect: " + Id, StringComparison.Ordinal)).Select(l => l.LineNumber).ToArray();
        Assert.Equal(2, expectedLines.Length);
        Diagnostic[] fl2001 = diagnostics.Where(d => d.Id == Id).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(expectedLines, fl2001.Select(d => d.Location.GetLineSpan().StartLinePosition.Line));
        Assert.All(fl2001, d => Assert.Equal(flagged.FilePath, d.Location.SourceTree!.FilePath));
        Assert.All(fl2001, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.All(fl2001, d => Assert.EndsWith("docs/rules/FL2001.md", d.Descriptor.HelpLinkUri, StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("FL", StringComparison.Ordinal) && d.Location.SourceTree!.FilePath != flagged.FilePath);

        // The light bulb: every fix offered for each squiggle, by title.
        ImmutableArray<CodeFixProvider> fixers = LoadCodeFixProviders(Id);
        Assert.NotEmpty(fixers);
        Diagnostic semaphore = fl2001.Single(d => LineOf(flaggedText, d).Contains("gate.Wait()", StringComparison.Ordinal));
        Diagnostic monitor = fl2001.Single(d => LineOf(flaggedText, d).Contains("Monitor.Enter", StringComparison.Ordinal));
        ImmutableArray<CodeAction> semaphoreFixes = await OfferedFixesAsync(flagged, semaphore, fixers);
        ImmutableArray<CodeAction> monitorFixes = await OfferedFixesAsync(flagged, monitor, fixers);
        output.WriteLine("fixes for SemaphoreSlim.Wait: " + string.Join(" | ", semaphoreFixes.Select(f => f.Title)));
        output.WriteLine("fixes for Monitor.Enter: " + string.Join(" | ", monitorFixes.Select(f => f.Title)));
        Assert.Contains(semaphoreFixes, f => f.Title.Contains("finally", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(monitorFixes, f => f.Title.Contains("finally", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(monitorFixes, f => f.Title.Contains("lock", StringComparison.OrdinalIgnoreCase) && !f.Title.Contains("finally", StringComparison.OrdinalIgnoreCase));

        // Apply each fix the way the light bulb does, and check the project still compiles and the squiggle is gone.
        foreach ((Diagnostic diagnostic, CodeAction fix) in new[]
        {
            (semaphore, semaphoreFixes.First(f => f.Title.Contains("finally", StringComparison.OrdinalIgnoreCase))),
            (monitor, monitorFixes.First(f => !f.Title.Contains("finally", StringComparison.OrdinalIgnoreCase))),
        })
        {
            Solution fixedSolution = await ApplyAsync(fix);
            Project fixedProject = fixedSolution.GetProject(project.Id)!;
            Document fixedDocument = fixedProject.GetDocument(flagged.Id)!;
            output.WriteLine($"--- after '{fix.Title}':");
            output.WriteLine((await fixedDocument.GetTextAsync()).ToString());

            Compilation fixedCompilation = (await fixedProject.GetCompilationAsync())!;
            Assert.Empty(fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            ImmutableArray<Diagnostic> remaining = (await ForkliftDiagnosticsAsync(fixedProject, analyzers)).Where(d => d.Id == Id).ToImmutableArray();
            Assert.Single(remaining);
            Assert.NotEqual(LineOf(flaggedText, diagnostic).Trim(), LineOf(await fixedDocument.GetTextAsync(), remaining[0]).Trim());
        }
    }

    private static async Task<ImmutableArray<Diagnostic>> ForkliftDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id.StartsWith("FL", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>
    /// The code fix providers an IDE would find in the package's analyzer folder: MEF-exported
    /// <see cref="CodeFixProvider"/>s for C# in Forklift.Analyzers.CodeFixes.dll that can fix <paramref name="id"/>.
    /// </summary>
    private static ImmutableArray<CodeFixProvider> LoadCodeFixProviders(string id)
    {
        Assert.True(File.Exists(RepoPaths.CodeFixesDll), $"{RepoPaths.CodeFixesDll} is missing: build the solution first.");
        Assembly assembly = Assembly.LoadFrom(RepoPaths.CodeFixesDll);
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract
                && typeof(CodeFixProvider).IsAssignableFrom(t)
                && t.GetCustomAttributes<ExportCodeFixProviderAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .Where(p => p.FixableDiagnosticIds.Contains(id))
            .ToImmutableArray();
    }

    private static async Task<ImmutableArray<CodeAction>> OfferedFixesAsync(Document document, Diagnostic diagnostic, ImmutableArray<CodeFixProvider> fixers)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        foreach (CodeFixProvider fixer in fixers)
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context);
        }

        return actions.ToImmutable();
    }

    private static async Task<Solution> ApplyAsync(CodeAction fix)
    {
        ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    private static string LineOf(SourceText text, Diagnostic diagnostic) =>
        text.Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString();
}
