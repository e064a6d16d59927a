using System.Collections.Immutable;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Analyzers.ParallelUsage;

/// <summary>
/// FL3006: the generator adds <c>&lt;Name&gt;Async</c>, <c>&lt;Name&gt;MapAsync</c>, <c>&lt;Name&gt;UnorderedAsync</c>
/// and a nested <c>ForkliftParallel</c> class; a member the user already declared with one of those names would clash,
/// and so would the members generated for two <c>[Parallel]</c> overloads that differ only in what those members do not
/// take as parameters (a <c>CancellationToken</c>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ParallelGeneratedNameCollisionAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ParallelGeneratedNameCollision,
        title: "Avoid member names the [Parallel] generator adds",
        messageFormat: "'{0}' already declares '{1}', which the generator adds for {2} method '{3}'",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "For a [Parallel] method M the generator adds MAsync, MMapAsync and MUnorderedAsync, and a nested class ForkliftParallel, to the containing type. Rename the existing member or the [Parallel] method.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelGeneratedNameCollision));

    internal static readonly DiagnosticDescriptor OverloadRule = new(
        DiagnosticIds.ParallelGeneratedNameCollision,
        title: "Avoid member names the [Parallel] generator adds",
        messageFormat: "[Parallel] methods '{0}' and '{1}' would both get '{2}' with the same parameter types; rename one of them",
        DiagnosticCategories.Parallel,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every member the generator adds takes its own CancellationToken, and the Map forms take one sequence of the arguments, so two [Parallel] overloads that differ only in a CancellationToken parameter, or in one tuple parameter against the same values as separate parameters, would get members with the same signature. Neither is generated until they differ.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ParallelGeneratedNameCollision));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, OverloadRule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (ParallelAttributes.Find(start.Compilation) is not { } attributes)
            {
                return;
            }

            start.RegisterSymbolAction(symbolContext => Analyze(symbolContext, attributes), SymbolKind.Method);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, ParallelAttributes attributes)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (attributes.AttributeOf(method) is not string attribute || method.MethodKind != MethodKind.Ordinary || method.ContainingType is null)
        {
            return;
        }

        foreach (string name in ParallelMethodRules.GeneratedNameCollisions(method, attribute == "[WorkerInitializer]"))
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, method.Locations[0], method.ContainingType.Name, name, attribute, method.Name));
        }

        if (attribute == "[Parallel]")
        {
            foreach ((IMethodSymbol other, string name) in ParallelMethodRules.GeneratedOverloadClashes(method))
            {
                context.ReportDiagnostic(Diagnostic.Create(OverloadRule, method.Locations[0], Signature(method), Signature(other), name));
            }
        }
    }

    private static string Signature(IMethodSymbol method)
        => method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat.WithParameterOptions(SymbolDisplayParameterOptions.IncludeType));
}
