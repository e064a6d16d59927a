using System.Collections.Immutable;
using System.Reflection;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.Tests;

/// <summary>
/// Every analyzer the Forklift.Analyzers assembly ships, found by reflection so that cross-cutting tests cover rules
/// added later without being edited.
/// </summary>
internal static class AnalyzerCatalog
{
    public static Assembly AnalyzerAssembly => typeof(LockReleaseNotInFinallyAnalyzer).Assembly;

    public static ImmutableArray<Type> AnalyzerTypes { get; } = AnalyzerAssembly.GetTypes()
        .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                       && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> CreateAll()
        => AnalyzerTypes.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!).ToImmutableArray();

    /// <summary>The repository root: the first directory above the test binaries that holds Analyzers.sln.</summary>
    public static DirectoryInfo RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No Analyzers.sln above {AppContext.BaseDirectory}.");
    }
}
