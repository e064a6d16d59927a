using Microsoft.CodeAnalysis.Testing;

namespace Forklift.Analyzers.Tests.Verifiers;

/// <summary>Reference assemblies the tests compile against.</summary>
/// <remarks>
/// The testing library's built-in <c>ReferenceAssemblies.Net.Net80</c> asks for Microsoft.NETCore.App.Ref 8.0.0,
/// which our package mirror does not serve; these name served patch versions of the same reference packs.
/// </remarks>
internal static class TestReferences
{
    public static readonly ReferenceAssemblies Net80 = new(
        "net8.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "8.0.28"),
        Path.Combine("ref", "net8.0"));

    /// <summary>.NET 9 adds <c>System.Threading.Lock</c>.</summary>
    public static readonly ReferenceAssemblies Net90 = new(
        "net9.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", "9.0.16"),
        Path.Combine("ref", "net9.0"));
}
