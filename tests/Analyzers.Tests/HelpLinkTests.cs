using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.Tests;

/// <summary>Every descriptor of every analyzer links to its rule page, and the page exists.</summary>
public class HelpLinkTests
{
    public static TheoryData<string, string> Descriptors()
    {
        var data = new TheoryData<string, string>();
        foreach (var analyzer in AnalyzerCatalog.CreateAll())
        {
            // One row per rule: an analyzer may have several descriptors (messages) for one ID; the tests check them all.
            foreach (var id in analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct())
            {
                data.Add(analyzer.GetType().Name, id);
            }
        }

        return data;
    }

    [Fact]
    public void TheCatalogFindsTheAnalyzers()
    {
        Assert.Contains(AnalyzerCatalog.AnalyzerTypes, type => type.Name == "LockReleaseNotInFinallyAnalyzer");
        Assert.Contains(AnalyzerCatalog.AnalyzerTypes, type => type.Name == "ReleaseWithoutAcquireAnalyzer");
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void HelpLinkPointsToAnExistingRulePage(string analyzerName, string id)
    {
        foreach (var descriptor in Find(analyzerName, id))
        {
            Assert.Equal(HelpLinks.For(id), descriptor.HelpLinkUri);
            Assert.EndsWith($"docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        }

        var page = Path.Combine(AnalyzerCatalog.RepositoryRoot().FullName, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{analyzerName} reports {id}, but {page} does not exist.");
        Assert.StartsWith($"# {id}: ", File.ReadLines(page).First(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void IdIsAConstantInDiagnosticIds(string analyzerName, string id)
    {
        var ids = typeof(DiagnosticIds)
            .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string?)field.GetRawConstantValue());
        Assert.True(ids.Contains(id), $"{analyzerName} reports {id}, which is not a constant in DiagnosticIds.");
        Assert.Matches("^FL[1-3][0-9]{3}$", id);
    }

    private static IEnumerable<DiagnosticDescriptor> Find(string analyzerName, string id)
    {
        var analyzer = AnalyzerCatalog.CreateAll().Single(a => a.GetType().Name == analyzerName);
        var descriptors = analyzer.SupportedDiagnostics.Where(d => d.Id == id).ToList();
        Assert.NotEmpty(descriptors);
        return descriptors;
    }
}
