using System.Runtime.CompilerServices;
using Forklift.Analyzers.ParallelUsage;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.Tests.ParallelUsage;

/// <summary>Every FL3xxx descriptor links to its docs page, and the page exists.</summary>
public sealed class ParallelRuleDocsTests
{
    public static TheoryData<string> Ids => new() { "FL3001", "FL3002", "FL3003", "FL3004", "FL3005", "FL3006", "FL3007" };

    private static readonly DiagnosticDescriptor[] Descriptors =
    {
        ParallelTypeNotPartialAnalyzer.Rule,
        ParallelMethodShapeAnalyzer.Rule,
        ParallelTypeNotMarshallableAnalyzer.Rule,
        ParallelByRefParameterAnalyzer.Rule,
        ParallelWritesStaticStateAnalyzer.Rule,
        ParallelGeneratedNameCollisionAnalyzer.Rule,
        MissingWorkerHostGuardAnalyzer.Rule,
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void DescriptorLinksToAnExistingPage(string id)
    {
        DiagnosticDescriptor descriptor = Assert.Single(Descriptors, d => d.Id == id);
        Assert.Equal(HelpLinks.For(id), descriptor.HelpLinkUri);
        Assert.Equal(DiagnosticCategories.Parallel, descriptor.Category);
        Assert.Equal(id == "FL3005" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, descriptor.DefaultSeverity);

        string page = Path.Combine(RepoRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing.");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
    }

    private static string RepoRoot([CallerFilePath] string path = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
