using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace Forklift.IdeView.Tests;

/// <summary>
/// samples/BankBalance edited in an IDE: each edit gives a new compilation that shares the unchanged documents' trees
/// with the one before (the workspace makes it, as Visual Studio's does). From the second such compilation on, the
/// shared-state walk replays the bodies it follows in unchanged files from digests instead of binding them again,
/// and reports exactly what it reported before the edits.
/// </summary>
public sealed class DigestReplayIdeViewTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Edits_inside_a_body_replay_the_walk_and_change_no_diagnostic()
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
        string[] opened = Describe(await LightBulb.ForkliftDiagnosticsAsync(project, analyzers));
        Assert.NotEmpty(opened);

        // A comment typed after the last statement of Program.cs: no declaration changes.
        Document program = project.Documents.Single(d => Path.GetFileName(d.FilePath) == "Program.cs");
        SourceText text = await program.GetTextAsync();
        Project Edit(string comment) => program.WithText(text.WithChanges(new TextChange(new TextSpan(text.Length, 0), comment))).Project;

        Project recording = Edit("// edit 1");
        Assert.Equal(opened, Describe(await LightBulb.ForkliftDiagnosticsAsync(recording, analyzers)));
        Project replaying = Edit("// edit 2");
        Assert.Equal(opened, Describe(await LightBulb.ForkliftDiagnosticsAsync(replaying, analyzers)));

        int replays = Replays(analyzers, (await replaying.GetCompilationAsync())!);
        output.WriteLine($"{opened.Length} diagnostics; {replays} bodies replayed in the edits' world");
        Assert.True(replays > 0, "the last edit's analysis replayed no body");
    }

    private static string[] Describe(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} {d.GetMessage()}").Order(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The replays counted in the world of <paramref name="compilation"/>, which its analysis shares (read by
    /// reflection from the analyzer assembly the workspace loaded).
    /// </summary>
    private static int Replays(ImmutableArray<DiagnosticAnalyzer> analyzers, Compilation compilation)
    {
        Type world = analyzers[0].GetType().Assembly.GetType("Forklift.Analyzers.SharedState.DeclarationWorld", throwOnError: true)!;
        object? instance = world.GetMethod("Of")!.Invoke(null, [compilation]);
        return instance is null ? 0 : (int)world.GetProperty("Replays")!.GetValue(instance)!;
    }
}
