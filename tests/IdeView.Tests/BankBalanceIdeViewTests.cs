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
/// samples/BankBalance in an IDE: FL1001 on both racy assignments, found through the call from the thread bodies,
/// with the Interlocked and lock fixes in the light bulb, each producing code that compiles.
/// </summary>
public sealed class BankBalanceIdeViewTests(ITestOutputHelper output)
{
    private const string Id = "FL1001";

    [Fact]
    public async Task Opening_the_sample_shows_FL1001_on_the_racy_updates_and_its_fixes_compile()
    {
        MSBuildSetup.EnsureRegistered();
        await RunAsync();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task RunAsync()
    {
        (MSBuildWorkspace workspace, Project project) = await SampleWorkspace.OpenAsync("BankBalance");
        using MSBuildWorkspace _ = workspace;
        ImmutableArray<DiagnosticAnalyzer> analyzers = SampleWorkspace.ForkliftAnalyzers(project);
        ImmutableArray<Diagnostic> diagnostics = await LightBulb.ForkliftDiagnosticsAsync(project, analyzers);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            output.WriteLine($"{diagnostic.Severity} {diagnostic.Id} {diagnostic.Location.GetLineSpan()}: {diagnostic.GetMessage()}");
        }

        Document flagged = project.Documents.Single(d => d.FilePath!.EndsWith(Path.Combine("Flagged", "UnsynchronizedAccount.cs"), StringComparison.Ordinal));
        SourceText flaggedText = await flagged.GetTextAsync();
        int[] expectedLines = flaggedText.Lines.Where(l => l.ToString().Contains("// expect: " + Id, StringComparison.Ordinal)).Select(l => l.LineNumber).ToArray();
        Diagnostic[] races = diagnostics.Where(d => d.Id == Id).OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.Equal(expectedLines, races.Select(d => d.Location.GetLineSpan().StartLinePosition.Line));
        Assert.All(races, d => Assert.Equal(flagged.FilePath, d.Location.SourceTree!.FilePath));
        Assert.All(races, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.All(races, d => Assert.Contains("'balance'", d.GetMessage(), StringComparison.Ordinal));

        // The locked and Interlocked versions next to it get no squiggle.
        Assert.DoesNotContain(diagnostics, d => d.Location.SourceTree!.FilePath != flagged.FilePath);

        ImmutableArray<CodeFixProvider> fixers = LightBulb.LoadCodeFixProviders(Id);
        ImmutableArray<CodeAction> offered = await LightBulb.OfferedFixesAsync(flagged, races[0], fixers);
        output.WriteLine("fixes for the first update: " + string.Join(" | ", offered.Select(f => f.Title)));
        Assert.Contains(offered, f => f.Title.Contains("Interlocked", StringComparison.Ordinal));
        Assert.Contains(offered, f => f.Title.Contains("lock", StringComparison.OrdinalIgnoreCase));

        foreach (CodeAction fix in offered)
        {
            Project fixedProject = (await LightBulb.ApplyAsync(fix)).GetProject(project.Id)!;
            Document fixedDocument = fixedProject.GetDocument(flagged.Id)!;
            output.WriteLine($"--- after '{fix.Title}':");
            output.WriteLine((await fixedDocument.GetTextAsync()).ToString());

            Compilation fixedCompilation = (await fixedProject.GetCompilationAsync())!;
            Assert.Empty(fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            int remaining = (await LightBulb.ForkliftDiagnosticsAsync(fixedProject, analyzers)).Count(d => d.Id == Id);
            Assert.True(remaining < races.Length, $"'{fix.Title}' left {remaining} of {races.Length} FL1001 diagnostics");
        }
    }
}
