using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace Forklift.IdeView.Tests;

/// <summary>The samples load in an IDE with Forklift wired in as a package consumer gets it.</summary>
public sealed class SampleLoadTests
{
    [Theory]
    [InlineData("LockDiscipline")]
    [InlineData("BankBalance")]
    public async Task Sample_opens_with_the_Forklift_analyzers_and_generator_and_compiles(string sample)
    {
        MSBuildSetup.EnsureRegistered();
        await OpenAndCompileAsync(sample);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task OpenAndCompileAsync(string sample)
    {
        (MSBuildWorkspace workspace, Project project) = await SampleWorkspace.OpenAsync(sample);
        using MSBuildWorkspace _ = workspace;

        // From samples/Directory.Build.props: ProjectReferences with OutputItemType="Analyzer", as a package's
        // analyzers/dotnet/cs folder would give them; the runtime is an ordinary reference.
        Assert.Contains(project.AnalyzerReferences, r => Path.GetFileName(r.FullPath) == "Forklift.Analyzers.dll");
        Assert.Contains(project.AnalyzerReferences, r => Path.GetFileName(r.FullPath) == "Forklift.Generators.dll");
        Assert.Contains(project.ProjectReferences, r => project.Solution.GetProject(r.ProjectId)!.AssemblyName == "Forklift");

        // The Flagged/ files are part of the project (they run), and .editorconfig configures them.
        Assert.Contains(project.Documents, d => d.Folders.Contains("Flagged"));
        Assert.Contains(project.AnalyzerConfigDocuments, d => d.FilePath == Path.Combine(RepoPaths.Root, "samples", sample, ".editorconfig"));

        Compilation compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
