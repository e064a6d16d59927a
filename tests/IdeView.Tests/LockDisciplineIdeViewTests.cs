using System.Collections.Immutable;
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
        ImmutableArray<Diagnostic> diagnostics = await LightBulb.ForkliftDiagnosticsAsync(project, analyzers);
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
        ImmutableArray<CodeFixProvider> fixers = LightBulb.LoadCodeFixProviders(Id);
        Assert.NotEmpty(fixers);
        Diagnostic semaphore = fl2001.Single(d => LightBulb.LineOf(flaggedText, d).Contains("gate.Wait()", StringComparison.Ordinal));
        Diagnostic monitor = fl2001.Single(d => LightBulb.LineOf(flaggedText, d).Contains("Monitor.Enter", StringComparison.Ordinal));
        ImmutableArray<CodeAction> semaphoreFixes = await LightBulb.OfferedFixesAsync(flagged, semaphore, fixers);
        ImmutableArray<CodeAction> monitorFixes = await LightBulb.OfferedFixesAsync(flagged, monitor, fixers);
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
            Solution fixedSolution = await LightBulb.ApplyAsync(fix);
            Project fixedProject = fixedSolution.GetProject(project.Id)!;
            Document fixedDocument = fixedProject.GetDocument(flagged.Id)!;
            output.WriteLine($"--- after '{fix.Title}':");
            output.WriteLine((await fixedDocument.GetTextAsync()).ToString());

            Compilation fixedCompilation = (await fixedProject.GetCompilationAsync())!;
            Assert.Empty(fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            ImmutableArray<Diagnostic> remaining = (await LightBulb.ForkliftDiagnosticsAsync(fixedProject, analyzers)).Where(d => d.Id == Id).ToImmutableArray();
            Assert.Single(remaining);
            Assert.NotEqual(LightBulb.LineOf(flaggedText, diagnostic).Trim(), LightBulb.LineOf(await fixedDocument.GetTextAsync(), remaining[0]).Trim());
        }
    }
}
