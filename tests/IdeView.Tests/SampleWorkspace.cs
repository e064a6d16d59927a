using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace Forklift.IdeView.Tests;

/// <summary>Opens a sample project through MSBuild, as an IDE does. Call <see cref="MSBuildSetup.EnsureRegistered"/> first.</summary>
internal static class SampleWorkspace
{
    public static async Task<(MSBuildWorkspace Workspace, Project Project)> OpenAsync(string sample)
    {
        string projectPath = Path.Combine(RepoPaths.Root, "samples", sample, sample + ".csproj");
        var workspace = MSBuildWorkspace.Create(new Dictionary<string, string> { ["Configuration"] = RepoPaths.Configuration });
        var loadFailures = new List<string>();
        workspace.WorkspaceFailed += (_, e) =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (loadFailures)
                {
                    loadFailures.Add(e.Diagnostic.Message);
                }
            }
        };

        Project project = await workspace.OpenProjectAsync(projectPath);
        Assert.Empty(loadFailures);
        return (workspace, project);
    }

    /// <summary>The analyzers of the project's Forklift.Analyzers.dll reference, loaded as the IDE loads them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> ForkliftAnalyzers(Project project) =>
        project.AnalyzerReferences
            .Where(r => Path.GetFileName(r.FullPath) == "Forklift.Analyzers.dll")
            .SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp))
            .ToImmutableArray();
}
