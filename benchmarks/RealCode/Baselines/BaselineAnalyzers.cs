using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.RealCode.Baselines;

/// <summary>
/// FLB001: an analyzer that registers one syntax action and does nothing in it. A compile with it pays only for the
/// analyzer driver (compilation events, generated-code checks, the callbacks' scheduling): the floor under any
/// analyzer's cost, Forklift's included.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NoOpAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "FLB001", "Baseline: no work", "Never reported", "Baseline", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxNodeAction(static _ => { }, SyntaxKind.LockStatement);
    }
}

/// <summary>
/// FLB002: an analyzer with an empty operation-block action, which makes the driver bind every method body of the
/// compilation into operations, once more than the compiler does for its own code generation. What an analyzer that
/// reads every body costs before it does any work of its own.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BindEveryBodyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "FLB002", "Baseline: bind every body", "Never reported", "Baseline", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(static _ => { });
    }
}

/// <summary>
/// FLB003: an analyzer with an empty semantic-model action, the way most of Forklift's rules read a file (one callback
/// per file, with its semantic model). What the driver costs an analyzer for asking about every file's semantic model,
/// before the analyzer binds anything itself.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PerFileSemanticModelAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "FLB003", "Baseline: a semantic-model action per file", "Never reported", "Baseline", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSemanticModelAction(static _ => { });
    }
}
