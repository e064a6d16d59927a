using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Forklift.IdeView.Tests;

/// <summary>What an IDE does with a diagnostic: find the fixes for it, list them, and apply one.</summary>
internal static class LightBulb
{
    public static async Task<ImmutableArray<Diagnostic>> ForkliftDiagnosticsAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers)
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
    public static ImmutableArray<CodeFixProvider> LoadCodeFixProviders(string id)
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

    public static async Task<ImmutableArray<CodeAction>> OfferedFixesAsync(Document document, Diagnostic diagnostic, ImmutableArray<CodeFixProvider> fixers)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        foreach (CodeFixProvider fixer in fixers)
        {
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
            await fixer.RegisterCodeFixesAsync(context);
        }

        return actions.ToImmutable();
    }

    public static async Task<Solution> ApplyAsync(CodeAction fix)
    {
        ImmutableArray<CodeActionOperation> operations = await fix.GetOperationsAsync(CancellationToken.None);
        return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
    }

    public static string LineOf(SourceText text, Diagnostic diagnostic) =>
        text.Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString();
}
