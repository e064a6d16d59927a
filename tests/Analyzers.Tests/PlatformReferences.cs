using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Forklift.Analyzers.Tests;

/// <summary>The test host's own runtime assemblies as references, for tests that compile code without the testing SDK.</summary>
internal static class PlatformReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(() => ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
        .ToImmutableArray());

    /// <summary>Every assembly of the runtime the tests run on, read once per test run.</summary>
    public static ImmutableArray<MetadataReference> All => Lazy.Value;
}
