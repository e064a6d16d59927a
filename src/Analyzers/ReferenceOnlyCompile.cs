using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers;

/// <summary>
/// Tells the rules that read method bodies whether this compile emits only a reference assembly
/// (<c>-p:ProduceOnlyReferenceAssembly=true</c>, <c>csc /refonly</c>).
/// </summary>
/// <remarks>
/// A reference-only compile emits metadata and no code: the compiler does not even bind method bodies. Nothing in
/// those bodies runs, so nothing in them can race or deadlock, and the compile of the same files that does emit code
/// reports what the rules find. Binding every body only to report it twice was 21–71 % of the compiler's time in real
/// libraries (docs/real-code.md). The property reaches analyzers as <c>build_property.ProduceOnlyReferenceAssembly</c>
/// because both packages make it compiler-visible (<c>Forklift.Analyzers</c>' build targets, <c>Forklift</c>'s
/// <c>build/Forklift.props</c>). Rules on declarations (the
/// <c>[Parallel]</c> shape rules, FL1004) and the generator, whose output can be public API, still run.
/// </remarks>
internal static class ReferenceOnlyCompile
{
    private const string Property = "build_property.ProduceOnlyReferenceAssembly";

    /// <summary>True when the build says this compile produces only a reference assembly.</summary>
    public static bool SkipsBodies(AnalyzerOptions options) =>
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(Property, out var value)
        && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
